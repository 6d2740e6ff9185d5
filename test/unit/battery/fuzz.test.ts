/**
 * Fuzz battery (issue 11 item 3): seeded `.aip` documents through the parser, the
 * language server's diagnostics and (a sample) a dry run; random JSON values
 * through the Lua value bridge and back.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { parseAgentDoc, scanAgentDoc } from '../../../src/runtime/agent/parse';
import { parseOptionsBlock } from '../../../src/runtime/agent/options-block';
import { AipError } from '../../../src/runtime/errors';
import { evalLua } from '../../../src/runtime/script/lua-engine';
import { plainValue } from '../../../src/runtime/script/lua-values';
import { computeDiagnostics } from '../../../src/server/diagnostics';
import { sandbox, type Sandbox } from '../../support/run-harness';
import { defectiveAip, randomAip } from './aip-gen';
import { assertNoTaskRunning, guard, rng, size, SOAK, type Rng } from './support';

const DOCS = size(10_000);
const DEFECTIVE = size(1_000);
const DRY_RUNS = size(200);
const JSON_VALUES = size(2_000);
const figures = { docs: 0, parseErrors: 0, optionErrors: 0, diagnostics: 0, defective: 0, dryRuns: 0, dryErr: 0, json: 0 };

const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => void unhandled.push(e);
before(() => void process.on('unhandledRejection', onUnhandled));
after(() => {
  process.off('unhandledRejection', onUnhandled);
  console.log(
    `# fuzz battery${SOAK ? ' (soak)' : ''}: ${figures.docs} random docs (${figures.parseErrors} parse errors, ${figures.optionErrors} option errors, ${figures.diagnostics} diagnostics), ` +
      `${figures.defective} one-defect docs, ${figures.dryRuns} dry runs (${figures.dryErr} Err), ${figures.json} JSON values through Lua`,
  );
});

function lineCount(text: string): number {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).length;
}

/** Parse, then the options; returns the located error if any (anything else fails the test). */
function parseAll(text: string, what: string): AipError | undefined {
  const nLines = lineCount(text);
  try {
    const doc = parseAgentDoc(text, 'fuzz.aip');
    parseOptionsBlock(doc, 'fuzz.aip');
    return undefined;
  } catch (err) {
    assert.ok(err instanceof AipError, `${what}: not an AipError: ${String(err)}`);
    const line = err.location?.line;
    assert.ok(typeof line === 'number' && line >= 1 && line <= nLines + 1, `${what}: error without a valid line: ${err.message}`);
    return err;
  }
}

async function diagnose(text: string, what: string) {
  const nLines = lineCount(text);
  const diags = await computeDiagnostics(text);
  for (const d of diags) {
    assert.ok(d.message.length > 0, what);
    assert.ok(d.range.start.line >= 0 && d.range.end.line <= nLines, `${what}: diagnostic out of the document: ${JSON.stringify(d.range)} (${nLines} lines)`);
  }
  return diags;
}

test(`${DOCS} random documents: no uncaught exception; every parse error has a line and a diagnostic there`, async () => {
  const r = rng(0xf022);
  for (let i = 0; i < DOCS; i++) {
    const text = randomAip(r);
    const what = `doc ${i}`;
    assert.doesNotThrow(() => scanAgentDoc(text), what);
    const err = parseAll(text, what);
    const diags = await diagnose(text, what);
    figures.docs++;
    figures.diagnostics += diags.length;
    if (!err) continue;
    if (err.message.startsWith('fuzz.aip:')) figures.parseErrors++;
    else figures.optionErrors++;
    const line0 = err.location!.line! - 1;
    assert.ok(
      diags.some((d) => d.severity === 'error' && d.range.start.line <= line0 && line0 <= d.range.end.line + 1),
      `${what}: "${err.message.slice(0, 200)}" has no error diagnostic at line ${line0 + 1}; got ${JSON.stringify(diags.map((d) => [d.range.start.line, d.code]))}`,
    );
  }
});

test(`${DEFECTIVE} agents with one known defect: an error diagnostic at the defect's line`, async () => {
  const r = rng(0xdefec7);
  for (let i = 0; i < DEFECTIVE; i++) {
    const { text, defect, line } = defectiveAip(r);
    const what = `defective ${i} (${defect} at ${line}):\n${text}`;
    const diags = await diagnose(text, what);
    figures.defective++;
    assert.ok(
      diags.some((d) => d.severity === 'error' && d.range.start.line === line - 1),
      `${what}\n→ ${JSON.stringify(diags.map((d) => [d.range.start.line + 1, d.code, d.message]))}`,
    );
    if (defect !== 'lua') {
      const err = parseAll(text, what);
      assert.ok(err, `${what}: the parser accepted it`);
      assert.equal(err.location!.line, line, what);
    }
  }
});

let sb: Sandbox;
test(`${DRY_RUNS} dry runs (dry = req) of generated documents: each ends, no task Running, Err names a location or a cause`, async () => {
  sb = await sandbox();
  try {
    const r = rng(0xd27);
    for (let i = 0; i < DRY_RUNS; i++) {
      const gen = r.bool(0.5) ? { text: randomAip(r) } : defectiveAip(r);
      const file = `agents/dry-${i}.aip`;
      sb.write(file, gen.text);
      const res = await guard(sb.run(file, ['x', 'y'], { dry: 'req' }), 15_000, `dry run ${i}`);
      figures.dryRuns++;
      assert.ok(res.endState === 'Ok' || res.endState === 'Err' || res.endState === 'Skip', `dry ${i}: ${res.endState}`);
      if (res.runId !== undefined) assertNoTaskRunning(sb.rt, res.runId, `dry ${i}`);
      if (res.endState === 'Err') {
        figures.dryErr++;
        assert.ok(res.error && res.error.message.length > 0, `dry ${i}: an Err without a message`);
      }
      if ('defect' in gen && gen.defect !== 'lua') {
        assert.equal(res.endState, 'Err', `dry ${i}: ${gen.defect} defect accepted`);
        assert.match(res.error!.message, new RegExp(`dry-${i}\\.aip:${gen.line}\\b`), `dry ${i}`);
      }
    }
    assert.equal(sb.mock.modelRequests.length, 0, 'a dry run sends no request');
  } finally {
    await sb.close();
  }
  assert.deepEqual(unhandled, []);
});

// -- JSON values through the Lua bridge

const INT32 = 2 ** 31 - 1;
const STRINGS = ['', 'plain', 'naïve café', '日本語テキスト', '\u{1F600}\u{1F680} emoji', 'tab\tnew\nline', 'quote " back \\ slash', 'nul\u0000byte', 'zero-width\u200Bjoiner', 'RTL \u05D0\u05D1'];

function randomJson(r: Rng, depth = 0): unknown {
  const roll = r.next();
  if (depth > 4 || roll < 0.45) {
    switch (r.int(0, 6)) {
      case 0:
        return r.int(-INT32 - 1, INT32);
      case 1:
        return r.pick([0, -1, 1, INT32, -INT32 - 1]);
      case 2:
        return (r.next() - 0.5) * 10 ** r.int(-3, 12) + 0.25;
      case 3:
        return r.pick(STRINGS) + (r.bool() ? String.fromCodePoint(r.int(0x20, 0x2fff)) : '');
      case 4:
        return r.bool();
      case 5:
        return r.pick([2 ** 40, -(2 ** 35), Number.MAX_SAFE_INTEGER, 1e300, -1e-300, 5e-324]);
      default:
        return r.pick(STRINGS);
    }
  }
  if (roll < 0.75) {
    const n = r.int(1, 6);
    // Nulls inside arrays keep their position (the sentinel); at the end too.
    return Array.from({ length: n }, () => (r.bool(0.2) ? null : randomJson(r, depth + 1)));
  }
  const o: Record<string, unknown> = {};
  for (let k = r.int(1, 5); k > 0; k--) o[`${r.pick(STRINGS).replace(/\u0000/g, '')}k${r.int(0, 99)}`] = r.bool(0.15) ? null : randomJson(r, depth + 1);
  return o;
}

test(`${JSON_VALUES} random JSON values go through Lua and back unchanged`, async () => {
  const r = rng(0x15a);
  for (let i = 0; i < JSON_VALUES; i++) {
    const v = randomJson(r);
    const back = plainValue(await evalLua('return v', { globals: { v } }));
    assert.deepEqual(back, v, `value ${i}: ${JSON.stringify(v)}`);
    // And through a Lua-side copy (every value re-created inside Lua).
    const copy = plainValue(
      await evalLua(
        'local function cp(x) if type(x) ~= "table" or x == null then return x end local t = {} for k, e in pairs(x) do t[k] = cp(e) end return setmetatable(t, getmetatable(x)) end return cp(v)',
        { globals: { v } },
      ),
    );
    assert.deepEqual(copy, v, `value ${i} (copied in Lua): ${JSON.stringify(v)}`);
    figures.json++;
  }
});
