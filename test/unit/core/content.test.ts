// TypedContent storage (§6.5), ucontent dedup and pins (§6.8), RunningState derivation (§6.3).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  InoutBmc,
  PinBmc,
  RunBmc,
  TaskBmc,
  UcontentBmc,
  runningState,
  runningStateLabel,
  taskAiState,
  taskDataState,
  typedContentFromValue,
  extractShort,
  ucontentHash,
} from '../../../src/runtime/model';
import { makeMm } from './helpers';

test('TypedContent: null stores nothing, strings are Text, other values pretty Json with _display', () => {
  assert.deepEqual({ ...typedContentFromValue(null), uid: '' }, { uid: '', typ: 'Text' });
  assert.deepEqual({ ...typedContentFromValue('hi'), uid: '' }, { uid: '', typ: 'Text', content: 'hi' });
  const obj = typedContentFromValue({ path: 'a.md', _display: 'A file' });
  assert.equal(obj.typ, 'Json');
  assert.equal(obj.content, '{\n  "path": "a.md",\n  "_display": "A file"\n}');
  assert.equal(obj.display, 'A file');
  assert.equal(typedContentFromValue({ _display: { n: 1 } }).display, '{\n  "n": 1\n}');
  assert.equal(typedContentFromValue({ _display: null }).display, undefined);
  assert.equal(typedContentFromValue(42).content, '42');
  assert.equal(typedContentFromValue([1]).display, undefined);
});

test('*_short is the first 64 Unicode characters of display, else content', () => {
  assert.deepEqual(extractShort(typedContentFromValue('x'.repeat(64))), { short: 'x'.repeat(64), truncated: false });
  assert.deepEqual(extractShort(typedContentFromValue('x'.repeat(65))), { short: 'x'.repeat(64), truncated: true });
  // 64 emoji are 128 UTF-16 units but 64 characters: not truncated.
  const emoji = '😀'.repeat(64);
  assert.deepEqual(extractShort(typedContentFromValue(emoji)), { short: emoji, truncated: false });
  assert.equal(extractShort(typedContentFromValue('😀'.repeat(70))).short, emoji);
  assert.deepEqual(extractShort(typedContentFromValue({ big: 'y'.repeat(100), _display: 'short' })), { short: 'short', truncated: false });
  assert.deepEqual(extractShort(typedContentFromValue(null)), { truncated: false });
});

test('task input: short only when it fits; inout row (uid = content uid) when truncated; display helper', async () => {
  const mm = await makeMm();
  const runId = RunBmc.create(mm, {});
  const long = 'L'.repeat(100);
  const [tShort, tLong, tDisp, tNull] = TaskBmc.createBatch(mm, runId, [
    { idx: 0, input: 'short' },
    { idx: 1, input: long },
    { idx: 2, input: { data: 'z'.repeat(80), _display: 'D'.repeat(70) } },
    { idx: 3, input: null },
  ]);
  const a = TaskBmc.get(mm, tShort);
  assert.deepEqual([a.input_short, a.input_uid, a.input_has_display], ['short', null, null]);
  assert.equal(TaskBmc.inputForDisplay(mm, a), 'short');

  const b = TaskBmc.get(mm, tLong);
  assert.equal(b.input_short, 'L'.repeat(64));
  assert.equal(b.input_has_display, false);
  const inout = InoutBmc.getByUid(mm, b.input_uid!);
  assert.deepEqual([inout.task_uid, inout.typ, inout.content, inout.display, inout.kind], [b.uid, 'Text', long, null, null]);
  assert.equal(TaskBmc.inputForDisplay(mm, b), long);

  const c = TaskBmc.get(mm, tDisp);
  assert.equal(c.input_short, 'D'.repeat(64));
  assert.equal(c.input_has_display, true);
  assert.equal(TaskBmc.inputForDisplay(mm, c), 'D'.repeat(70));

  const d = TaskBmc.get(mm, tNull);
  assert.deepEqual([d.input_short, d.input_uid, d.idx], [null, null, 3]);
  assert.equal(TaskBmc.inputForDisplay(mm, d), undefined);
  assert.equal(InoutBmc.list(mm).length, 2);
});

test('task output: null writes nothing; long output gets an inout row', async () => {
  const mm = await makeMm();
  const runId = RunBmc.create(mm, {});
  const taskId = TaskBmc.create(mm, { run_id: runId, idx: 0 });
  assert.equal(TaskBmc.updateOutput(mm, taskId, null), false);
  assert.equal(TaskBmc.get(mm, taskId).output_short, null);
  assert.equal(TaskBmc.updateOutput(mm, taskId, { answer: 'a'.repeat(200) }), true);
  const t = TaskBmc.get(mm, taskId);
  assert.equal(t.output_short, '{\n  "answer": "' + 'a'.repeat(64 - 15));
  assert.equal(t.output_has_display, false);
  assert.equal(TaskBmc.outputForDisplay(mm, t), JSON.stringify({ answer: 'a'.repeat(200) }, null, 2));
  assert.throws(() => TaskBmc.updateOutput(mm, 999, 'x'), { message: "Cannot get entity 'task' (id 999): not found" });
});

test('ucontent: same text and kind share one row; the hash covers kind and UTF-8 length', async () => {
  const mm = await makeMm();
  const a = UcontentBmc.getOrCreateForText(mm, '{"a":1}', true);
  const b = UcontentBmc.getOrCreateForText(mm, '{"a":1}', true);
  const c = UcontentBmc.getOrCreateForText(mm, '{"a":1}', false);
  assert.equal(a, b);
  assert.notEqual(a, c);
  assert.equal(UcontentBmc.list(mm).length, 2);
  assert.equal(UcontentBmc.get(mm, a).is_json, true);
  assert.match(ucontentHash('x', false), /^[A-Za-z0-9_-]{43}$/);
  assert.notEqual(ucontentHash('é', false), ucontentHash('e', false));
});

test('pins: upsert by identity, content via ucontent, order priority (nulls last) then ctime', async () => {
  const mm = await makeMm();
  const run1 = RunBmc.create(mm, {});
  const run2 = RunBmc.create(mm, {});
  const task = TaskBmc.create(mm, { run_id: run1, idx: 0 });
  const p12 = PinBmc.save(mm, { run_id: run1, iden: 'pin-1.2', priority: 2, content: '"two"' });
  assert.equal(PinBmc.save(mm, { run_id: run1, iden: 'pin-1.2', priority: 2, content: '"two bis"' }), p12, 'same iden updates');
  PinBmc.save(mm, { run_id: run1, iden: 'pin-1.none', content: null });
  PinBmc.save(mm, { run_id: run1, iden: 'pin-1.1', priority: 1 });
  PinBmc.save(mm, { run_id: run2, iden: 'pin-2.1', priority: 1 });
  // A task pin with the same iden is a different pin (task scope).
  const tp = PinBmc.save(mm, { run_id: run1, task_id: task, iden: 'pin-1.2', priority: 0.5, content: '"task"' });
  assert.notEqual(tp, p12);
  assert.equal(PinBmc.save(mm, { run_id: run1, task_id: task, iden: 'pin-1.2', priority: 3 }), tp);

  const pins = PinBmc.listForRun(mm, run1);
  assert.deepEqual(pins.map((p) => [p.iden, p.priority]), [['pin-1.1', 1], ['pin-1.2', 2], ['pin-1.none', null]]);
  assert.equal(pins[1].content, '"two bis"');
  const tpins = PinBmc.listForTask(mm, task);
  assert.deepEqual(tpins.map((p) => [p.iden, p.priority, p.content]), [['pin-1.2', 3, null]]);
  assert.equal(PinBmc.get(mm, p12).task_id, null);
  assert.throws(() => PinBmc.get(mm, 99), { message: "Cannot get entity 'pin' (id 99): not found" });
});

test('pins with equal priority keep creation order', async () => {
  const mm = await makeMm();
  const run = RunBmc.create(mm, {});
  for (const iden of ['c', 'a', 'b']) PinBmc.save(mm, { run_id: run, iden, priority: 1 });
  assert.deepEqual(PinBmc.listForRun(mm, run).map((p) => p.iden), ['c', 'a', 'b']);
});

const T = { data_start: null, data_end: null, ai_start: null, ai_end: null, ai_gen_start: null, ai_gen_end: null, end_state: null } as const;

test('RunningState: end ⇒ Ended(end_state), start ⇒ Running, else Waiting', () => {
  assert.deepEqual(runningState({ start: null, end: null, end_state: null }), { kind: 'Waiting' });
  assert.deepEqual(runningState({ start: 1, end: null, end_state: null }), { kind: 'Running' });
  assert.deepEqual(runningState({ start: 1, end: 2, end_state: 'Ok' }), { kind: 'Ended', endState: 'Ok' });
  assert.deepEqual(runningState({ start: null, end: 2, end_state: 'Cancel' }), { kind: 'Ended', endState: 'Cancel' });
  assert.equal(runningStateLabel({ kind: 'Ended', endState: null }), 'Ended(None)');
  assert.equal(runningStateLabel({ kind: 'Running' }), 'Running');
});

test('task data sub-state', () => {
  assert.deepEqual(taskDataState({ ...T }), { kind: 'Waiting' });
  assert.deepEqual(taskDataState({ ...T, end_state: 'Cancel' }), { kind: 'NotScheduled' });
  assert.deepEqual(taskDataState({ ...T, data_start: 1 }), { kind: 'Running' });
  assert.deepEqual(taskDataState({ ...T, data_start: 1, data_end: 2, end_state: 'Skip' }), { kind: 'Ended', endState: 'Skip' });
});

test('task AI sub-state', () => {
  assert.deepEqual(taskAiState({ ...T, ai_gen_start: 1, end_state: 'Cancel' }), { kind: 'Ended', endState: 'Cancel' });
  assert.deepEqual(taskAiState({ ...T, ai_start: 1, ai_gen_start: 1 }), { kind: 'Running' });
  assert.deepEqual(taskAiState({ ...T, ai_start: 1, ai_end: 3, ai_gen_start: 1, ai_gen_end: 2 }), { kind: 'Ended', endState: 'Ok' });
  assert.deepEqual(taskAiState({ ...T, ai_start: 1, ai_gen_start: 1, ai_gen_end: 2 }), { kind: 'Ended', endState: 'Err' });
  assert.deepEqual(taskAiState({ ...T, ai_start: 1, ai_end: 2 }), { kind: 'NotScheduled' });
  assert.deepEqual(taskAiState({ ...T }), { kind: 'Unknown' });
});
