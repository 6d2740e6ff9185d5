import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AipError } from '../../../src/runtime/errors';
import { runStageScript } from '../../../src/runtime/script/lua-engine';
import { run, runErr, testCatalog } from './helpers';

// As the parser gives it: the `# Data` block's code starts on .aip line 8.
const dataBlock = (lines: string[], first = 8) => ({ code: lines.map((l) => l + '\n').join(''), lineMap: lines.map((_, i) => first + i) });

test('runtime error: .aip name and line, stage, source line, traceback', async () => {
  const script = dataBlock(['local x = nil', 'local y = 1', 'return x.field']);
  try {
    await runStageScript({
      script, chunkName: 'main.aip', stage: 'Data', globals: {}, catalogs: [], requireRoots: [], onPrint: () => {},
      call: { host: {} as never, signal: new AbortController().signal }, filePath: '/w/main.aip',
    });
    assert.fail('no error');
  } catch (e) {
    assert.ok(e instanceof AipError);
    assert.equal(e.message, "main.aip:10: attempt to index a nil value (local 'x')");
    assert.equal(e.stage, 'Data');
    assert.deepEqual(e.location, { file: '/w/main.aip', line: 10 });
    const err = e as AipError & { traceback: string; sourceLine: string };
    assert.equal(err.sourceLine, 'return x.field');
    assert.match(err.traceback, /main\.aip:10: in main chunk/);
  }
});

test('a syntax error reports the .aip line', async () => {
  const e = await runErr('local a = 1\nlocal = 2\n', { chunkName: 'main.aip', lineMap: [30, 31], stage: 'BeforeAll' });
  assert.equal(e.message, "main.aip:31: <name> expected near '='");
  assert.deepEqual(e.location, { file: undefined, line: 31 });
  assert.equal(e.stage, 'BeforeAll');
});

test('lines are mapped when sections repeat (non-increasing line map)', async () => {
  // Two `# Data` sections appended: code lines 1-2 from .aip 40-41, line 3 from .aip 12.
  const e = await runErr('local a = 1\nlocal b = 2\nerror("late")\n', { chunkName: 'main.aip', lineMap: [40, 41, 12] });
  assert.equal(e.message, 'main.aip:12: late');
  assert.equal((e.location as { line: number }).line, 12);
});

test('error() with a table value and with level 0', async () => {
  assert.equal((await runErr('error({ code = 7 })')).message, '{"code":7}');
  assert.equal((await runErr('error("plain", 0)')).message, 'plain');
});

test('a script that returns a function is a clear error with the stage', async () => {
  const e = await runErr('return print', { stage: 'Output' });
  assert.equal(e.message, 'Output script returned a value that cannot be used: cannot convert a function value to JSON');
  assert.equal(e.stage, 'Output');
});

test('a top-level coroutine.yield is an error, not a hang', async () => {
  const e = await runErr('coroutine.yield(1)');
  assert.equal(e.message, 'attempt to yield from outside a coroutine');
});

test('a script that overwrites CTX or aip does not break the engine', async () => {
  const printed: string[] = [];
  const r = await run('CTX = nil; print("still"); local f = aip.test.echo; aip = nil; return f("ok")', {
    globals: { CTX: { STAGE: 'Data' } },
    onPrint: (t) => printed.push(t),
  });
  assert.equal(r, 'ok');
  assert.deepEqual(printed, ['still']);
});

test('host function errors keep working with the catalog context after globals are clobbered', async () => {
  const e = await runErr('_G.print = nil; aip.test.throw("x")', { catalogs: [testCatalog] });
  assert.equal(e.message, 'eval.lua:1: x');
});
