// rtStep (§6.4): each function sets exactly its fields (+ mtime), writes one
// RunStep log row with its step, publishes a model event; end-state rules;
// writes after an end are no-ops; unknown ids are errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ErrBmc, LogBmc, RunBmc, TaskBmc, type Log } from '../../../src/runtime/model';
import { AipError } from '../../../src/runtime/errors';
import type { RtStep } from '../../../src/runtime/rt-step';
import { makeRt } from './helpers';

function changedKeys(before: object, after: object): string[] {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  return Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).sort();
}

function lastLog(logs: Log[]) {
  const l = logs[logs.length - 1];
  return { run_id: l.run_id, task_id: l.task_id, kind: l.kind, step: l.step, stage: l.stage, message: l.message };
}

const RUN_STEPS: [keyof RtStep, string[], string][] = [
  ['runStart', ['start'], 'Start'],
  ['baStart', ['ba_start'], 'BaStart'],
  ['baEnd', ['ba_end'], 'BaEnd'],
  ['tasksStart', ['tasks_start'], 'TasksStart'],
  ['tasksEnd', ['tasks_end'], 'TasksEnd'],
  ['aaStart', ['aa_start'], 'AaStart'],
  ['aaEnd', ['aa_end'], 'AaEnd'],
];

for (const [fn, fields, step] of RUN_STEPS) {
  test(`rtStep.${fn} sets ${fields.join(', ')} and logs ${step}`, async () => {
    const { mm, rtStep, modelEvents } = await makeRt();
    const runId = RunBmc.create(mm, { agent_name: 'a' });
    const before = RunBmc.get(mm, runId);
    const nEvents = modelEvents().length;
    assert.equal((rtStep[fn] as (id: number) => boolean).call(rtStep, runId), true);
    const after = RunBmc.get(mm, runId);
    assert.deepEqual(changedKeys(before, after), [...fields, 'mtime'].sort());
    assert.ok((after as unknown as Record<string, number>)[fields[0]] > before.ctime);
    assert.deepEqual(lastLog(LogBmc.listForRun(mm, runId)), { run_id: runId, task_id: null, kind: 'RunStep', step, stage: null, message: null });
    const evs = modelEvents().slice(nEvents);
    assert.deepEqual(evs[0], { entity: 'Run', action: 'Updated', id: runId, rel_ids: { run_id: runId } });
    assert.equal(evs[1].entity, 'Log');
  });
}

const TASK_STEPS: [string, string[], string, unknown[]][] = [
  ['taskStart', ['start'], 'TaskStart', []],
  ['taskDataStart', ['data_start'], 'TaskDataStart', []],
  ['taskDataEnd', ['data_end'], 'TaskDataEnd', []],
  ['taskAiStart', ['ai_start'], 'TaskAiStart', []],
  ['taskAiGenStart', ['ai_gen_start', 'prompt_size'], 'TaskAiStart', [1234]],
  ['taskAiGenEnd', ['ai_gen_end'], 'TaskAiStart', []],
  ['taskAiEnd', ['ai_end'], 'TaskAiEnd', []],
  ['taskOutputStart', ['output_start'], 'TaskOutputStart', []],
  ['taskOutputEnd', ['output_end'], 'TaskOutputEnd', []],
  ['taskEndOk', ['end', 'end_state'], 'TaskEnd', []],
];

for (const [fn, fields, step, extra] of TASK_STEPS) {
  test(`rtStep.${fn} sets ${fields.join(', ')} and logs ${step}`, async () => {
    const { mm, rtStep, modelEvents } = await makeRt();
    const runId = RunBmc.create(mm, {});
    const taskId = TaskBmc.create(mm, { run_id: runId, idx: 0 });
    const before = TaskBmc.get(mm, taskId);
    const nEvents = modelEvents().length;
    const f = rtStep[fn as keyof RtStep] as (...a: unknown[]) => boolean;
    assert.equal(f.call(rtStep, runId, taskId, ...extra), true);
    const after = TaskBmc.get(mm, taskId);
    assert.deepEqual(changedKeys(before, after), [...fields, 'mtime'].sort());
    if (fn === 'taskAiGenStart') assert.equal(after.prompt_size, 1234);
    if (fn === 'taskEndOk') assert.equal(after.end_state, 'Ok');
    assert.deepEqual(lastLog(LogBmc.listForTask(mm, taskId)), { run_id: runId, task_id: taskId, kind: 'RunStep', step, stage: null, message: null });
    assert.deepEqual(modelEvents()[nEvents], { entity: 'Task', action: 'Updated', id: taskId, rel_ids: { run_id: runId, task_id: taskId } });
  });
}

test('taskEndOk keeps an existing end_state (Skip stays Skip)', async () => {
  const { mm, rtStep, rtModel } = await makeRt();
  const runId = RunBmc.create(mm, {});
  const taskId = TaskBmc.create(mm, { run_id: runId, idx: 0 });
  assert.equal(rtModel.setTaskEndStateToSkip(runId, taskId), true);
  rtStep.taskEndOk(runId, taskId);
  const t = TaskBmc.get(mm, taskId);
  assert.equal(t.end_state, 'Skip');
  assert.ok(t.end !== null);
});

test('taskEndErr: err row with stage, end_state=Err, end_err_id, end; an existing err is kept', async () => {
  const { mm, rtStep, rtModel } = await makeRt();
  const runId = RunBmc.create(mm, {});
  const t1 = TaskBmc.create(mm, { run_id: runId, idx: 0 });
  assert.equal(rtStep.taskEndErr(runId, t1, new AipError('lua failed', { stage: 'Data' })), true);
  const a = TaskBmc.get(mm, t1);
  const err = ErrBmc.get(mm, a.end_err_id!);
  assert.deepEqual([a.end_state, a.end !== null, err.run_id, err.task_id, err.stage, err.typ, err.content], ['Err', true, runId, t1, 'Data', 'Text', 'lua failed']);
  assert.equal(LogBmc.listForTask(mm, t1).at(-1)!.step, 'TaskEnd');

  const t2 = TaskBmc.create(mm, { run_id: runId, idx: 1 });
  const firstErr = rtModel.setTaskEndError(runId, t2, 'Ai', new Error('first'));
  rtStep.taskEndErr(runId, t2, new Error('second'), 'Output');
  assert.equal(TaskBmc.get(mm, t2).end_err_id, firstErr);
  assert.deepEqual(ErrBmc.list(mm, { task_id: t2 }).map((e) => [e.stage, e.content]), [['Ai', 'first']]);
});

test('runEndOk: end, total_task_ms (Σ finished task durations, ms rounded), end_state Ok; Skip stays Skip', async () => {
  const { mm, rtStep, rtModel } = await makeRt();
  const runId = RunBmc.create(mm, {});
  const [t1, t2, t3] = TaskBmc.createBatch(mm, runId, [{ idx: 0 }, { idx: 1 }, { idx: 2 }]);
  TaskBmc.update(mm, t1, { start: 1_000_000, end: 1_002_400 });
  TaskBmc.update(mm, t2, { start: 2_000_000, end: 2_001_200 });
  TaskBmc.update(mm, t3, { start: 3_000_000 });
  const before = RunBmc.get(mm, runId);
  assert.equal(rtStep.runEndOk(runId), true);
  const after = RunBmc.get(mm, runId);
  assert.deepEqual(changedKeys(before, after), ['end', 'end_state', 'mtime', 'total_task_ms']);
  assert.deepEqual([after.end_state, after.total_task_ms], ['Ok', 4]);
  assert.equal(TaskBmc.get(mm, t3).end_state, null, 'runEndOk does not touch tasks');

  const skipped = RunBmc.create(mm, {});
  rtModel.setRunEndStateToSkip(skipped);
  rtStep.runEndOk(skipped);
  assert.equal(RunBmc.get(mm, skipped).end_state, 'Skip');
});

test('runEndCanceled: run Cancel; every task without end_state → Cancel with end=now; ended tasks untouched', async () => {
  const { mm, rtStep, hubEvents } = await makeRt();
  const runId = RunBmc.create(mm, {});
  const [done, running, queued] = TaskBmc.createBatch(mm, runId, [{ idx: 0 }, { idx: 1 }, { idx: 2 }]);
  rtStep.taskStart(runId, done);
  rtStep.taskEndOk(runId, done);
  rtStep.taskStart(runId, running);
  const doneBefore = TaskBmc.get(mm, done);
  assert.equal(rtStep.runEndCanceled(runId), true);
  assert.equal(RunBmc.get(mm, runId).end_state, 'Cancel');
  assert.deepEqual(TaskBmc.get(mm, done), doneBefore);
  for (const id of [running, queued]) {
    const t = TaskBmc.get(mm, id);
    assert.equal(t.end_state, 'Cancel');
    assert.ok(t.end !== null);
  }
  assert.equal(TaskBmc.get(mm, queued).start, null, 'a queued task ends without a start');
  assert.deepEqual(hubEvents.filter((e) => e.type === 'RunEnded'), [{ type: 'RunEnded', runId, parentRunId: undefined, endState: 'Cancel' }]);
  assert.equal(LogBmc.listForRun(mm, runId).at(-1)!.step, 'End');
});

test('runEndErr: err row + Err unless an err is linked; end, total_task_ms; unfinished tasks Cancel', async () => {
  const { mm, rtStep, rtModel } = await makeRt();
  const r1 = RunBmc.create(mm, {});
  const [t] = TaskBmc.createBatch(mm, r1, [{ idx: 0 }]);
  assert.equal(rtStep.runEndErr(r1, new Error('boom'), 'AfterAll'), true);
  const run = RunBmc.get(mm, r1);
  assert.deepEqual([run.end_state, run.end !== null, run.total_task_ms], ['Err', true, 0]);
  assert.deepEqual(ErrBmc.get(mm, run.end_err_id!), { ...ErrBmc.get(mm, run.end_err_id!), run_id: r1, task_id: null, stage: 'AfterAll', content: 'boom' });
  assert.equal(TaskBmc.get(mm, t).end_state, 'Cancel');

  const r2 = RunBmc.create(mm, {});
  const errId = rtModel.setRunEndError(r2, 'BeforeAll', new Error('ba failed'));
  rtStep.runEndErr(r2, new Error('later'));
  assert.equal(RunBmc.get(mm, r2).end_err_id, errId);
  assert.deepEqual(ErrBmc.list(mm, { run_id: r2 }).map((e) => e.content), ['ba failed']);
});

test('double end and steps after the end are no-ops: nothing written, false returned', async () => {
  const { mm, rtStep } = await makeRt();
  const runId = RunBmc.create(mm, {});
  const taskId = TaskBmc.create(mm, { run_id: runId, idx: 0 });
  rtStep.runStart(runId);
  rtStep.taskStart(runId, taskId);
  rtStep.runEndCanceled(runId);
  const run = RunBmc.get(mm, runId);
  const task = TaskBmc.get(mm, taskId);
  const logs = LogBmc.listForRun(mm, runId).length;
  const errs = ErrBmc.list(mm).length;
  assert.equal(rtStep.runEndOk(runId), false);
  assert.equal(rtStep.runEndErr(runId, new Error('late')), false);
  assert.equal(rtStep.runEndCanceled(runId), false);
  assert.equal(rtStep.aaStart(runId), false);
  assert.equal(rtStep.taskDataEnd(runId, taskId), false);
  assert.equal(rtStep.taskEndOk(runId, taskId), false);
  assert.equal(rtStep.taskEndErr(runId, taskId, new Error('late')), false);
  assert.deepEqual(RunBmc.get(mm, runId), run);
  assert.deepEqual(TaskBmc.get(mm, taskId), task);
  assert.equal(LogBmc.listForRun(mm, runId).length, logs);
  assert.equal(ErrBmc.list(mm).length, errs);
});

test('unknown run or task ids throw a clear error and write no log row', async () => {
  const { mm, rtStep } = await makeRt();
  assert.throws(() => rtStep.runStart(41), { message: "Cannot get entity 'run' (id 41): not found" });
  assert.throws(() => rtStep.runEndOk(41), { message: "Cannot get entity 'run' (id 41): not found" });
  assert.throws(() => rtStep.runEndErr(41, 'x'), { message: "Cannot get entity 'run' (id 41): not found" });
  const runId = RunBmc.create(mm, {});
  assert.throws(() => rtStep.taskStart(runId, 9), { message: "Cannot get entity 'task' (id 9): not found" });
  assert.throws(() => rtStep.taskEndOk(runId, 9), { message: "Cannot get entity 'task' (id 9): not found" });
  assert.throws(() => rtStep.taskEndErr(runId, 9, 'x'), { message: "Cannot get entity 'task' (id 9): not found" });
  assert.equal(LogBmc.list(mm).length, 0);
});

test('runStart publishes RunStarted with the parent run id', async () => {
  const { mm, rtStep, hubEvents } = await makeRt();
  const parent = RunBmc.create(mm, {});
  const child = RunBmc.create(mm, { parent_id: parent });
  rtStep.runStart(child);
  assert.deepEqual(hubEvents.filter((e) => e.type === 'RunStarted'), [{ type: 'RunStarted', runId: child, parentRunId: parent }]);
});
