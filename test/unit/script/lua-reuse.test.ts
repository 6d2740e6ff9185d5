// What the stage start-up caches may share between stages, and what they must not:
// pooled base states are built ahead of time but never reused (a global set by one stage is
// gone in the next, print/warn reach the stage that owns the state), and a chunk loaded from
// cached bytecode reports the same .aip lines, local names and traceback as from source.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AipError } from '../../../src/runtime/errors';
import { runStageScript } from '../../../src/runtime/script/lua-engine';

const call = () => ({ host: {} as never, signal: new AbortController().signal });
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

function stage(code: string, onPrint: (t: string) => void = () => {}, lineMap: number[] = []) {
  return runStageScript({ script: { code, lineMap }, chunkName: 'main.aip', stage: 'Data', globals: {}, catalogs: [], requireRoots: [], onPrint, call: call(), filePath: '/w/main.aip' });
}

test('states built ahead of time are still fresh: nothing a stage sets survives into the next one', async () => {
  assert.equal(await stage('leaked = 42; string.leaked = 1; setmetatable(_G, { __index = function() return "meta" end }); return 1'), 1);
  // Let the pool refill in idle turns, then take from it.
  await turns(20);
  assert.deepEqual(await stage('return { leaked == nil, string.leaked == nil, rawget(_G, "nope") == nil, getmetatable(_G) == nil }'), [true, true, true, true]);
  // Two stages in flight at once each get their own state.
  const [a, b] = await Promise.all([stage('shared = "a"; return shared'), stage('return shared')]);
  assert.equal(a, 'a');
  assert.equal(b, undefined);
});

test('print and warn of a pooled state reach the stage that took it', async () => {
  await stage('return 1');
  await turns(20);
  const first: string[] = [];
  const second: string[] = [];
  await stage('print("one"); warn("@on"); warn("w1")', (t) => first.push(t));
  await stage('print("two"); warn("@on"); warn("w2")', (t) => second.push(t));
  assert.deepEqual(first, ['one', 'Lua warning: w1']);
  assert.deepEqual(second, ['two', 'Lua warning: w2']);
});

test('a chunk loaded from cached bytecode reports the same .aip line, local name and traceback', async () => {
  const code = 'local x = nil\nlocal y = 1\nreturn x.field\n';
  const messages: string[] = [];
  for (let i = 0; i < 2; i++) {
    try {
      await stage(code, () => {}, [8, 9, 10]);
      assert.fail('no error');
    } catch (e) {
      assert.ok(e instanceof AipError);
      const err = e as AipError & { traceback: string; sourceLine: string };
      assert.deepEqual(err.location, { file: '/w/main.aip', line: 10 });
      assert.equal(err.sourceLine, 'return x.field');
      assert.match(err.traceback, /main\.aip:10: in main chunk/);
      messages.push(err.message);
    }
  }
  assert.deepEqual(messages, ["main.aip:10: attempt to index a nil value (local 'x')", "main.aip:10: attempt to index a nil value (local 'x')"]);
  // Same source under another chunk name: its own name, not the cached one's.
  await assert.rejects(
    runStageScript({ script: { code, lineMap: [] }, chunkName: 'other.aip', stage: 'Output', globals: {}, catalogs: [], requireRoots: [], onPrint: () => {}, call: call() }),
    { message: "other.aip:3: attempt to index a nil value (local 'x')" },
  );
});

test('the stage _ENV, mostly copied ahead with the base state, is still a copy of the globals at stage start', async () => {
  await stage('return 1');
  await turns(20); // pooled states, their _ENV copies made ahead
  const out = await runStageScript({
    script: { code: 'fresh = 1\nreturn { rawequal(string, _G.string), type(print), type(aip), CTX.STAGE, input, rawget(_G, "fresh") == nil, _ENV ~= _G }', lineMap: [] },
    chunkName: 'main.aip',
    stage: 'Output',
    // A stage variable named like a global loses to the global, as in the original's scope table.
    globals: { string: 'shadowed?', input: 'in-1', CTX: { STAGE: 'Output' } },
    catalogs: [],
    requireRoots: [],
    onPrint: () => {},
    call: call(),
  });
  assert.deepEqual(out, [true, 'function', 'table', 'Output', 'in-1', true, true]);
});
