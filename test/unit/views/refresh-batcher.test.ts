import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RefreshBatcher } from '../../../src/views/model/refresh-batcher';
import { FakeTimers } from './fake-timers';

test('1,000 marks spread over one second coalesce into at most 4 flushes carrying every key', () => {
  const timers = new FakeTimers();
  const flushes: { at: number; keys: string[] }[] = [];
  const b = new RefreshBatcher<string>((keys) => flushes.push({ at: timers.now, keys: [...keys] }), 250, timers);
  for (let i = 0; i < 1000; i++) {
    b.mark(`task-${i % 37}`);
    timers.advance(1); // one event per ms: 1,000 events in 1 s
  }
  assert.ok(flushes.length <= 4, `${flushes.length} flushes`);
  assert.ok(flushes.length >= 3, 'changes are still delivered while events keep coming');
  const gaps = flushes.slice(1).map((f, i) => f.at - flushes[i].at);
  assert.ok(gaps.every((g) => g >= 250), `flushes at least 250 ms apart: ${gaps}`);
  timers.advance(250);
  const seen = new Set(flushes.flatMap((f) => f.keys));
  assert.equal(seen.size, 37, 'no key is lost');
  assert.equal(b.flushCount, flushes.length);
});

test('a burst of marks in one turn is a single flush with deduplicated keys, 250 ms later', () => {
  const timers = new FakeTimers();
  const got: string[][] = [];
  const b = new RefreshBatcher<string>((keys) => got.push([...keys]), 250, timers);
  for (let i = 0; i < 1000; i++) b.mark(i % 2 ? 'a' : 'b');
  assert.equal(got.length, 0, 'nothing before the timer');
  timers.advance(249);
  assert.equal(got.length, 0);
  timers.advance(1);
  assert.deepEqual(got, [['b', 'a']]);
  timers.advance(10_000);
  assert.equal(got.length, 1, 'no flush without marks');
  assert.equal(timers.pendingCount, 0, 'no idle timer');
});

test('markAll replaces the keys by one full refresh; flush() delivers at once; dispose stops everything', () => {
  const timers = new FakeTimers();
  const got: { keys: string[]; all: boolean }[] = [];
  const b = new RefreshBatcher<string>((keys, all) => got.push({ keys: [...keys], all }), 250, timers);
  b.mark('x');
  b.markAll();
  b.mark('y');
  b.flush();
  assert.deepEqual(got, [{ keys: [], all: true }]);
  assert.equal(b.pending, false);
  b.mark('z');
  b.dispose();
  timers.advance(1000);
  b.mark('w');
  timers.advance(1000);
  assert.equal(got.length, 1, 'disposed: no more flushes');
});
