/**
 * Secrets battery (issue 11 item 4): runs that used a sentinel key — ok ones and
 * failing ones, including providers that echo the key in a 401/500 body — must
 * leave the key nowhere: not in any DB table, log row, hub event (messages,
 * errors and their causes), run result, task document, or any file the run left
 * in the workspace or base dir.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { maskKey, redactKey } from '../../../src/runtime/run/ai-redact';
import type { RunResult } from '../../../src/runtime/runtime';
import { sandbox, type Sandbox } from '../../support/run-harness';
import { dbTextCells, guard } from './support';

const KEY = 'sk-SENTINEL-5e1f0c2d9a8b7e6f4c3b2a19';
const KEYS = { OPENAI_API_KEY: KEY, GEMINI_API_KEY: KEY, ANTHROPIC_API_KEY: KEY };

let sb: Sandbox;
let sbStream: Sandbox;
const events: string[] = [];
const results: RunResult[] = [];

/** An event as text, errors expanded (message, stack and the whole cause chain). */
function eventText(e: unknown): string {
  const seen = new Set<unknown>();
  return JSON.stringify(e, (_k, v) => {
    if (v && typeof v === 'object') {
      if (seen.has(v)) return '[seen]';
      seen.add(v);
    }
    if (v instanceof Error) return { ...v, name: v.name, message: v.message, stack: v.stack, cause: (v as { cause?: unknown }).cause };
    return v;
  });
}

before(async () => {
  sb = await sandbox({ secrets: KEYS, pipeline: { retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 5 } } });
  sbStream = await sandbox({ secrets: KEYS, pipeline: { stream: true, retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 5 } } });
  for (const s of [sb, sbStream]) s.rt.hub.subscribe((e) => void events.push(eventText(e)));
});
after(async () => {
  await sb.close();
  await sbStream.close();
});

const agent = (model: string, extra = '') => `# Options\n\`\`\`toml\nmodel = "${model}"\ninput_concurrency = 2\n${extra}\`\`\`\n# Instruction\nhello {{input}}\n`;

const ECHO = `Incorrect API key provided: ${KEY}. You can find your API key at https://platform.example/account/api-keys.`;

const CASES: { name: string; model: string; spec: object; stream?: boolean; end: 'Ok' | 'Err' }[] = [
  { name: 'ok chat', model: 'gemini-3.1-flash-lite', spec: { text: 'fine' }, end: 'Ok' },
  { name: 'ok responses', model: 'gpt-5.4-mini', spec: { text: 'fine' }, end: 'Ok' },
  { name: 'ok streamed', model: 'gemini-3.1-flash-lite', spec: { text: 'fine' }, stream: true, end: 'Ok' },
  { name: '401 echoing the key (chat)', model: 'gemini-3.1-flash-lite', spec: { status: 401, error: { message: ECHO, code: 'invalid_api_key' } }, end: 'Err' },
  { name: '401 echoing the key (responses)', model: 'gpt-5.4-mini', spec: { status: 401, error: { message: ECHO } }, end: 'Err' },
  { name: '401 echoing the key (streamed)', model: 'claude-haiku-4-5', spec: { status: 401, error: { message: ECHO } }, stream: true, end: 'Err' },
  { name: '500 echoing the key, retried', model: 'gemini-3.1-flash-lite', spec: { status: 500, error: { message: `upstream rejected key ${KEY}` } }, end: 'Err' },
  { name: '400 with the key in a raw body', model: 'gemini-3.1-flash-lite', spec: { status: 400, body: `{"detail": "bad header Bearer ${KEY}"}` }, end: 'Err' },
  { name: '429 with the key in a raw text body', model: 'gemini-3.1-flash-lite', spec: { status: 429, body: `key=${KEY}` }, end: 'Err' },
];

for (const c of CASES) {
  test(`secrets: ${c.name} → ${c.end}, the key is masked in the error`, async () => {
    const s = c.stream ? sbStream : sb;
    const file = `agents/${c.name.replace(/\W+/g, '-')}.aip`;
    s.write(file, agent(c.model));
    s.mock.setDefaultReply(c.spec);
    try {
      const res = await guard(s.run(file, ['a', 'b'], { verbose: true }), 20_000, c.name);
      results.push(res);
      assert.equal(res.endState, c.end, res.error?.message);
      // The key was really sent (the test would prove nothing otherwise).
      assert.equal(s.mock.modelRequests.at(-1)!.headers.authorization, `Bearer ${KEY}`);
      if (c.end === 'Err') {
        assert.ok(!res.error!.message.includes(KEY), res.error!.message);
        if (c.spec && 'error' in c.spec) assert.ok(res.error!.message.includes(maskKey(KEY)), res.error!.message);
      }
    } finally {
      s.mock.setDefaultReply({});
    }
  });
}

function filesUnder(dir: string, out: string[] = []): string[] {
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    const st = fs.lstatSync(p);
    if (st.isDirectory()) filesUnder(p, out);
    else if (st.isFile() && st.size < 5_000_000) out.push(p);
  }
  return out;
}

test('after all those runs the key is in no DB cell, hub event, run result or file', () => {
  assert.equal(results.length, CASES.length);
  for (const s of [sb, sbStream]) {
    const cells = dbTextCells(s.rt);
    assert.ok(cells.length > 50, 'the scan saw the DB');
    const hits = cells.filter((c) => c.value.includes(KEY)).map((c) => `${c.table}.${c.column}`);
    assert.deepEqual(hits, [], 'DB cells holding the key');
    // The masked form is there: the errors were recorded, just without the key.
    assert.ok(cells.some((c) => c.table === 'err' && c.value.includes(maskKey(KEY))));
    for (const f of [...filesUnder(s.wks), ...filesUnder(s.home)]) {
      assert.ok(!fs.readFileSync(f).includes(KEY), `file ${f} holds the key`);
    }
    assert.ok(!s.messages.some((m) => m.includes(KEY)), 'console messages');
  }
  assert.ok(events.length > 100, 'the scan saw the hub');
  const leaking = events.filter((e) => e.includes(KEY));
  assert.deepEqual(leaking.map((e) => e.slice(0, 300)), [], 'hub events holding the key');
  for (const r of results) assert.ok(!eventText(r).includes(KEY), 'run result');
});

test('redactKey masks message, stack, the SDK error body and the cause chain; short keys are ignored', () => {
  const inner = Object.assign(new Error(`401 ${KEY}`), { error: { message: `bad ${KEY}` } });
  const err = new Error(`wrapped: ${KEY}`, { cause: inner });
  redactKey(err, KEY);
  assert.equal(err.message, `wrapped: ${maskKey(KEY)}`);
  assert.ok(!String(err.stack).includes(KEY));
  assert.equal(inner.message, `401 ${maskKey(KEY)}`);
  assert.deepEqual(inner.error, { message: `bad ${maskKey(KEY)}` });
  assert.equal(maskKey(KEY), 'sk-…(redacted)');
  const plain = new Error('nothing to hide');
  assert.equal(redactKey(plain, undefined), plain);
  assert.equal(plain.message, 'nothing to hide');
});
