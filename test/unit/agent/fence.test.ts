import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FenceState, type FenceStep, fenceTicks } from '../../../src/runtime/agent/fence';

function steps(lines: string[]): FenceStep[] {
  const f = new FenceState();
  return lines.map((l) => f.step(l));
}

test('fenceTicks counts leading backticks only at column 0 and only from three', () => {
  assert.equal(fenceTicks('```lua'), 3);
  assert.equal(fenceTicks('````'), 4);
  assert.equal(fenceTicks('`````md'), 5);
  assert.equal(fenceTicks('``'), 0);
  assert.equal(fenceTicks(' ```lua'), 0);
  assert.equal(fenceTicks('text ```'), 0);
  assert.equal(fenceTicks(''), 0);
});

test('a three-backtick fence opens, stays in, and closes on exactly three backticks', () => {
  assert.deepEqual(steps(['a', '```lua', 'x', '```', 'b']), ['out', 'open', 'in', 'close', 'out']);
});

test('a three-backtick fence is not closed by four or five backticks', () => {
  assert.deepEqual(steps(['```', '````', '`````md', '```']), ['open', 'in', 'in', 'close']);
});

test('a four-backtick fence holds three-backtick lines and closes on four or more', () => {
  assert.deepEqual(steps(['````md', '```lua', '```', '````']), ['open', 'in', 'in', 'close']);
  assert.deepEqual(steps(['````md', '`````']), ['open', 'close']);
});

test('a five-backtick fence holds four-backtick fences (extension of In4)', () => {
  assert.deepEqual(steps(['`````md', '````lua', '```', '````', '`````']), ['open', 'in', 'in', 'in', 'close']);
});

test('text after the closing backticks does not prevent closing', () => {
  assert.deepEqual(steps(['```lua', '``` trailing words', 'after']), ['open', 'close', 'out']);
});

test('indented backticks are neither openers nor closers', () => {
  assert.deepEqual(steps(['  ```lua', 'x']), ['out', 'out']);
  assert.deepEqual(steps(['```lua', '  ```', '```']), ['open', 'in', 'close']);
});

test('info, openLine and fenceLength describe the open fence and reset on close', () => {
  const f = new FenceState();
  assert.equal(f.isOpen, false);
  assert.equal(f.info, undefined);
  f.step('intro');
  f.step('````  lua something  ');
  assert.equal(f.isOpen, true);
  assert.equal(f.info, 'lua something');
  assert.equal(f.openLine, 2);
  assert.equal(f.fenceLength, 4);
  f.step('````');
  assert.equal(f.isOpen, false);
  assert.equal(f.info, undefined);
  assert.equal(f.openLine, undefined);
  assert.equal(f.fenceLength, undefined);
});

test('an unlabeled fence has an empty info string', () => {
  const f = new FenceState();
  f.step('```');
  assert.equal(f.info, '');
});
