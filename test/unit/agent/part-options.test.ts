// §1.4 Prompt part options (the cache marker) and the render/split round trip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AipError } from '../../../src/runtime/errors';
import {
  parsePartOptions,
  renderPromptPart,
  splitRenderedPartOptions,
  templateWithOptionsLine,
} from '../../../src/runtime/agent/part-options';
import type { PromptPart } from '../../../src/runtime/agent/types';

test('absent or blank options -> cache false', () => {
  assert.deepEqual(parsePartOptions(undefined), { cache: false });
  assert.deepEqual(parsePartOptions(''), { cache: false });
  assert.deepEqual(parsePartOptions('   '), { cache: false });
});

test('cache = true / false, with or without braces, extra keys tolerated', () => {
  assert.deepEqual(parsePartOptions('cache = true'), { cache: true });
  assert.deepEqual(parsePartOptions(' cache=false '), { cache: false });
  assert.deepEqual(parsePartOptions('{cache = true}'), { cache: true });
  assert.deepEqual(parsePartOptions('cache = true, concurrency = 123'), { cache: true });
});

function assertInvalid(input: string, reason: RegExp) {
  assert.throws(
    () => parsePartOptions(input),
    (err: unknown) => {
      assert.ok(err instanceof AipError);
      assert.equal(err.stage, 'Ai');
      assert.ok(err.message.startsWith(`Prompt part options \`${input.trim()}\` are invalid: `), err.message);
      assert.match(err.message, reason);
      assert.match(err.message, /The only option is `cache = true` or `cache = false`/);
      assert.match(err.message, /`cache = \{\{data\.use_cache\}\}`/);
      return true;
    },
  );
}

test('invalid TOML -> error explaining the only allowed option and the Handlebars hint', () => {
  assertInvalid('cache = yes', /invalid: .+\./);
  assertInvalid('cache = ', /invalid: .+\./);
  assertInvalid('just words', /invalid: .+\./);
});

test('cache of the wrong type or missing -> same explanation with the reason', () => {
  assertInvalid('cache = "true"', /`cache` must be true or false, got "true"/);
  assertInvalid('cache = 1', /`cache` must be true or false, got 1/);
  assertInvalid('other = true', /the key `cache` is missing/);
  assertInvalid('{}', /the key `cache` is missing/);
});

const part = (content: string, optionsStr?: string): PromptPart =>
  optionsStr === undefined ? { kind: 'System', content, headingLine: 1 } : { kind: 'System', content, optionsStr, headingLine: 1 };

test('templateWithOptionsLine prepends the options string as the first line only when there is one', () => {
  assert.equal(templateWithOptionsLine(part('Hello\n', 'cache = {{data.c}}')), 'cache = {{data.c}}\nHello\n');
  assert.equal(templateWithOptionsLine(part('Hello\n')), 'Hello\n');
});

test('splitRenderedPartOptions splits the first line off and trims it', () => {
  assert.deepEqual(splitRenderedPartOptions(' cache = true \nHello\nWorld\n'), { optionsStr: 'cache = true', content: 'Hello\nWorld\n' });
  assert.deepEqual(splitRenderedPartOptions('cache = true'), { optionsStr: 'cache = true', content: '' });
  assert.deepEqual(splitRenderedPartOptions('\nbody\n'), { optionsStr: '', content: 'body\n' });
});

// A stand-in for Handlebars: replaces {{data.x}} from a map.
const fakeRender = (data: Record<string, string>) => (tpl: string) => tpl.replace(/\{\{data\.(\w+)\}\}/g, (_, k: string) => data[k] ?? '');

test('renderPromptPart: options rendered with the template, then parsed', () => {
  const p = part('Review {{data.file}}\n', 'cache = {{data.use_cache}}');
  assert.deepEqual(renderPromptPart(p, fakeRender({ file: 'a.rs', use_cache: 'true' })), { content: 'Review a.rs\n', cache: true });
  assert.deepEqual(renderPromptPart(p, fakeRender({ file: 'a.rs', use_cache: 'false' })), { content: 'Review a.rs\n', cache: false });
  assert.deepEqual(renderPromptPart(part('Plain\n'), fakeRender({})), { content: 'Plain\n', cache: false });
});

test('renderPromptPart: a blank rendered part is dropped before its options are checked', () => {
  assert.equal(renderPromptPart(part('{{data.nothing}}\n', 'cache = {{data.bad}}'), fakeRender({})), undefined);
  assert.equal(renderPromptPart(part(' \n\n'), fakeRender({})), undefined);
});

test('renderPromptPart: invalid rendered options on a kept part throw', () => {
  assert.throws(() => renderPromptPart(part('text\n', 'cache = {{data.c}}'), fakeRender({ c: 'maybe' })), {
    name: 'AipError',
    message: /^Prompt part options `cache = maybe` are invalid/,
  });
});
