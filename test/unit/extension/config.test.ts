import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, readSettings, settingsLookups } from '../../../src/extension/config';

const getter = (o: Record<string, unknown>) => (k: string) => o[k];

test('readSettings: nothing set gives the defaults and no problems', () => {
  const { settings, problems } = readSettings(getter({}));
  assert.deepEqual(settings, DEFAULT_SETTINGS);
  assert.deepEqual(problems, []);
});

test('readSettings: valid values are taken (model trimmed, provider ids lower-cased)', () => {
  const { settings, problems } = readSettings(
    getter({
      defaultModel: ' gpt-5-mini ',
      baseUrls: { OpenAI: 'http://127.0.0.1:9000/v1/', ollama: '' },
      retryCount: 3,
      maxConcurrentRuns: 2,
      outputLineCap: 200,
    }),
  );
  assert.deepEqual(settings, {
    defaultModel: 'gpt-5-mini',
    baseUrls: { openai: 'http://127.0.0.1:9000/v1/' },
    luaWorkers: 0,
    retryCount: 3,
    maxConcurrentRuns: 2,
    outputLineCap: 200,
  });
  assert.deepEqual(problems, []);
});

test('readSettings: bad values fall back or are clamped, each with a message', () => {
  const { settings, problems } = readSettings(
    getter({ defaultModel: 42, baseUrls: { openai: 'ftp://x', groq: 'https://g/' }, retryCount: 99, maxConcurrentRuns: 1.5, outputLineCap: 'lots' }),
  );
  assert.equal(settings.defaultModel, undefined);
  assert.deepEqual(settings.baseUrls, { groq: 'https://g/' });
  assert.equal(settings.retryCount, 10);
  assert.equal(settings.maxConcurrentRuns, DEFAULT_SETTINGS.maxConcurrentRuns);
  assert.equal(settings.outputLineCap, DEFAULT_SETTINGS.outputLineCap);
  assert.deepEqual(problems, [
    'aipack.defaultModel must be a string',
    "aipack.baseUrls.openai: 'ftp://x' is not an http(s) URL",
    'aipack.retryCount 99 is out of range, using 10',
    'aipack.maxConcurrentRuns must be an integer (got 1.5)',
    'aipack.outputLineCap must be an integer (got "lots")',
  ]);
});

test('readSettings: baseUrls that is not an object is reported', () => {
  const { settings, problems } = readSettings(getter({ baseUrls: ['http://x'] }));
  assert.deepEqual(settings.baseUrls, {});
  assert.deepEqual(problems, ['aipack.baseUrls must be an object of provider id → URL']);
});

test('settingsLookups: base URLs under the AIPACK_<ID>_BASE_URL names credentials.ts reads', () => {
  const { settings } = readSettings(getter({ baseUrls: { openai: 'http://a/', zai_coding: 'http://z/' } }));
  assert.deepEqual([...settingsLookups(settings)], [
    ['AIPACK_OPENAI_BASE_URL', 'http://a/'],
    ['AIPACK_ZAI_CODING_BASE_URL', 'http://z/'],
  ]);
});

test('aipack.luaWorkers: an integer 0..64 (0 = one per core), clamped', () => {
  assert.equal(readSettings((k) => (k === 'luaWorkers' ? 3 : undefined)).settings.luaWorkers, 3);
  const r = readSettings((k) => (k === 'luaWorkers' ? 500 : undefined));
  assert.equal(r.settings.luaWorkers, 64);
  assert.ok(r.problems.some((p) => p.includes('luaWorkers')));
  assert.equal(readSettings(() => undefined).settings.luaWorkers, 0);
});
