/** The cancel fan-out reaches every sub-agent token of a very deep chain without a RangeError (issue 22). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CancelBroadcast, CancelTrx } from '../../../src/runtime/cancel';

test('a chain of 100,000 nested tokens cancels from the top: every token, with the reason, callbacks run', () => {
  const root = new CancelTrx();
  const chain: CancelTrx[] = [root];
  for (let i = 0; i < 100_000; i++) chain.push(chain[chain.length - 1].child());
  const seen: string[] = [];
  chain[chain.length - 1].onCancel((r) => seen.push(r));
  assert.doesNotThrow(() => root.cancel('stop'));
  assert.ok(chain.every((t) => t.isCancelled()));
  assert.equal(chain[chain.length - 1].reason, 'stop');
  assert.deepEqual(seen, ['stop']);
});

test('a broadcast cancel of a deep chain made through newTrx', () => {
  const b = new CancelBroadcast();
  let t = b.newTrx();
  const top = t;
  for (let i = 0; i < 20_000; i++) t = b.newTrx(t);
  assert.doesNotThrow(() => b.cancelAll('all'));
  assert.equal(t.isCancelled(), true);
  assert.equal(top.reason, 'all');
});

test('fan-out order and limits: siblings in order, parents before children, a child cancel never reaches the parent', () => {
  const root = new CancelTrx();
  const order: string[] = [];
  const a = root.child();
  const a1 = a.child();
  const b = root.child();
  root.onCancel(() => order.push('root'));
  a.onCancel(() => order.push('a'));
  a1.onCancel(() => order.push('a1'));
  b.onCancel(() => order.push('b'));
  a1.cancel();
  assert.equal(a.isCancelled(), false);
  root.cancel();
  assert.deepEqual(order, ['a1', 'root', 'a', 'b']);
  // A released child is no longer reached.
  const r2 = new CancelTrx();
  const c = r2.child();
  c.release();
  r2.cancel();
  assert.equal(c.isCancelled(), false);
});
