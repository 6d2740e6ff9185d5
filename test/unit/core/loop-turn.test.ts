// The event-loop gate of Lua stages (src/runtime/loop-turn.ts): no wait when the loop is free;
// when a burst holds the loop, waiting stages start one per turn (timers run between them),
// Data/Before All before Output/After All; a stage cancelled while waiting never starts.
import assert from 'node:assert/strict';
import test from 'node:test';
import { stageTurn, yieldIfBusy } from '../../../src/runtime/loop-turn';
import { runStageScript } from '../../../src/runtime/script/lua-engine';

const spin = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};
const nextTurn = () => new Promise((r) => setImmediate(r));

test('a free loop: no wait', async () => {
  await nextTurn();
  assert.equal(yieldIfBusy(), undefined);
  assert.equal(stageTurn('later'), undefined);
});

test('a held loop: stages start one per turn, first-order waiters ahead, a timer runs in between', async () => {
  await nextTurn();
  assert.equal(yieldIfBusy(), undefined); // starts the slice
  spin(12);
  const order: string[] = [];
  const gates = [
    ['out-1', stageTurn('later')],
    ['out-2', stageTurn('later')],
    ['data-1', stageTurn('first')],
    ['data-2', stageTurn('first')],
  ] as const;
  for (const [, g] of gates) assert.ok(g instanceof Promise);
  setTimeout(() => order.push('timer'), 0);
  await Promise.all(
    gates.map(async ([name, g]) => {
      await g;
      order.push(name);
      spin(3); // each stage's synchronous start
    }),
  );
  assert.deepEqual(order.filter((n) => n !== 'timer'), ['data-1', 'data-2', 'out-1', 'out-2']);
  // The timer did not wait for all four.
  assert.ok(order.indexOf('timer') < order.length - 1, order.join(','));
});

test('a stage cancelled while it waits at the gate is Cancelled and runs nothing', async () => {
  await nextTurn();
  yieldIfBusy();
  spin(12);
  const ac = new AbortController();
  const printed: string[] = [];
  const p = runStageScript({
    script: { code: 'print("ran")', lineMap: [] },
    chunkName: 'c.aip',
    stage: 'Output',
    globals: {},
    catalogs: [],
    requireRoots: [],
    onPrint: (t) => printed.push(t),
    call: { host: {} as never, signal: ac.signal },
  });
  ac.abort();
  await assert.rejects(p, { name: 'CancelledError' });
  assert.deepEqual(printed, []);
});
