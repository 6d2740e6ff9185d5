import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CancelledError, isCancelledError } from '../../../src/runtime/script/lua-engine';
import { run, runErr } from './helpers';

test('while true do end is cancelled within 100 ms of the cancel', async () => {
  const ac = new AbortController();
  let cancelAt = 0;
  setTimeout(() => {
    cancelAt = performance.now();
    ac.abort();
  }, 50);
  const e = await runErr('while true do end', { call: { signal: ac.signal } });
  const delay = performance.now() - cancelAt;
  assert.ok(e instanceof CancelledError);
  assert.equal(e.message, 'cancelled');
  assert.equal(isCancelledError(e), true);
  assert.ok(delay < 100, `stopped ${delay.toFixed(1)} ms after the cancel`);
});

test('pcall in the script cannot swallow the cancel', async () => {
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 30);
  const e = await runErr('while true do pcall(function() for i = 1, 1e6 do end end) end', { call: { signal: ac.signal } });
  assert.ok(e instanceof CancelledError);
});

test('cancel while awaiting a host call stops at once', async () => {
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 20);
  const t0 = performance.now();
  const e = await runErr('return aip.test.later(1, 5000)', { call: { signal: ac.signal } });
  assert.ok(e instanceof CancelledError);
  assert.ok(performance.now() - t0 < 500);
});

test('an already-aborted signal never runs the script', async () => {
  const ac = new AbortController();
  ac.abort();
  let printed = false;
  const e = await runErr('print("x")', { call: { signal: ac.signal }, onPrint: () => (printed = true) });
  assert.ok(e instanceof CancelledError);
  assert.equal(printed, false);
});

/**
 * Timer latency depends on the OS scheduler too: on a loaded 2-core machine one sample can miss.
 * A blocked event loop misses every attempt (the timer would fire after the whole loop, ~2 s),
 * so the best of three still proves the engine yields.
 */
async function bestOf3(measure: () => Promise<number>): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < 3 && best >= 60; i++) best = Math.min(best, await measure());
  return best;
}

test('a CPU-bound script leaves the event loop free (timer within 60 ms)', async () => {
  const firedAfter = await bestOf3(async () => {
    let fired = Infinity;
    const t0 = performance.now();
    setTimeout(() => (fired = performance.now() - t0), 10);
    const r = await run('local t0 = os.clock(); local n = 0; while os.clock() - t0 < 2 do n = n + 1 end; return n > 0');
    assert.equal(r, true);
    return fired;
  });
  assert.ok(firedAfter < 60, `timer fired after ${firedAfter.toFixed(1)} ms`);
});

test('the CPU budget stops a long script with a clear error, not a cancel', async () => {
  const e = await runErr('local x = 0\nwhile true do x = x + 1 end', { cpuBudgetMs: 50, stage: 'Output' });
  assert.ok(!(e instanceof CancelledError));
  assert.equal(e.message, 'Output script exceeded its CPU time budget of 50 ms');
  assert.equal(e.stage, 'Output');
});

test('awaited time does not count against the CPU budget', async () => {
  assert.equal(await run('return aip.test.later("ok", 120)', { cpuBudgetMs: 50 }), 'ok');
});

test('a busy loop inside a table.sort comparator is cancelled by the hook (no yield needed)', async () => {
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 50);
  const t0 = performance.now();
  const e = await runErr('table.sort({1, 2, 3}, function(a, b) while true do end end)', { call: { signal: ac.signal } });
  assert.ok(e instanceof CancelledError);
  assert.ok(performance.now() - t0 < 1000);
});

test('a CPU loop inside the script\'s own coroutine stays responsive and cancellable', async () => {
  // Warm the coroutine paths up so the first slice is not a JIT compile.
  await run('local f = coroutine.wrap(function() for i = 1, 2000000 do end end) f()');
  const firedAfter = await bestOf3(async () => {
    const ac = new AbortController();
    let fired = Infinity;
    const t0 = performance.now();
    setTimeout(() => (fired = performance.now() - t0), 10);
    setTimeout(() => ac.abort(), 300);
    const e = await runErr('local f = coroutine.wrap(function() while true do end end)\nf()', { call: { signal: ac.signal } });
    assert.ok(e instanceof CancelledError);
    assert.ok(performance.now() - t0 < 1000);
    return fired;
  });
  assert.ok(firedAfter < 60, `timer fired after ${firedAfter.toFixed(1)} ms`);
});

test('coroutines paused by the hook keep their semantics (values, yields, status)', async () => {
  const r = await run(`
    local co = coroutine.create(function(a)
      local s = 0
      for i = 1, 3000000 do s = s + i % 3 end
      local b = coroutine.yield(s + a)
      for i = 1, 1000000 do s = s + 1 end
      return b * 2
    end)
    local ok1, v1 = coroutine.resume(co, 1)
    local st = coroutine.status(co)
    local ok2, v2 = coroutine.resume(co, 21)
    return { ok1, v1, st, ok2, v2, coroutine.status(co) }`);
  assert.deepEqual(r, [true, 3000000 + 1, 'suspended', true, 42, 'dead']);
});

test('many concurrent stages on one signal: one abort listener, all cancelled', async () => {
  const ac = new AbortController();
  const warnings: string[] = [];
  const onWarn = (w: Error) => warnings.push(w.name);
  process.on('warning', onWarn);
  const all = Array.from({ length: 15 }, () => runErr('return aip.test.later(1, 5000)', { call: { signal: ac.signal } }));
  await new Promise((r) => setTimeout(r, 30));
  ac.abort();
  const errs = await Promise.all(all);
  await new Promise((r) => setImmediate(r));
  process.off('warning', onWarn);
  assert.ok(errs.every((e) => e instanceof CancelledError));
  assert.deepEqual(warnings, []);
});
