// rtModel (§6.4 other writes, §6.6-6.8) and rtLog: run creation, task data
// writes, cost sums, skips, pins, loop bookkeeping, log rows per stage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { LogBmc, LoopBmc, PinBmc, RunBmc, TaskBmc, ErrBmc } from '../../../src/runtime/model';
import { fakeAgent, makeRt } from './helpers';

test('createRun: agent fields, workspace-relative path (absolute under .aipack-base), banner, parent by uid', async () => {
  const wks = path.resolve('/tmp/wks');
  const { mm, rtModel, hubEvents } = await makeRt(wks);
  const id = rtModel.createRun(fakeAgent('demo', path.join(wks, 'agents/demo.aip'), true));
  const run = RunBmc.get(mm, id);
  assert.deepEqual([run.agent_name, run.agent_path, run.has_task_stages, run.has_prompt_parts, run.parent_id], ['demo', 'agents/demo.aip', true, false, null]);
  assert.deepEqual(hubEvents.find((e) => e.type === 'Message'), { type: 'Message', text: '\n======= RUNNING: demo\n     Agent path: agents/demo.aip' });
  const basePath = '/home/u/.aipack-base/pack/installed/ns/p/main.aip';
  const child = rtModel.createRun(fakeAgent('ns@p', basePath), { parentRunUid: run.uid });
  assert.deepEqual([RunBmc.get(mm, child).agent_path, RunBmc.get(mm, child).parent_id], [basePath, id]);
  assert.equal(rtModel.displayAgentPath('/elsewhere/x.aip'), '/elsewhere/x.aip');
});

test('run and task data writes: model/concurrency, redo count, label, model_ov, pricing, usage', async () => {
  const { mm, rtModel } = await makeRt();
  const runId = RunBmc.create(mm, {});
  const taskId = rtModel.createTask(runId, 0, { file: 'a.md' });
  rtModel.updateRunModelAndConcurrency(runId, 'gpt-x', 4);
  rtModel.updateRunFlowRedoCount(runId, 2);
  rtModel.setRunLabel(runId, 'my run');
  rtModel.updateTaskModelOv(runId, taskId, 'other-model');
  rtModel.updateTaskModelPricing(runId, taskId, { name: 'gpt-x', input_normal: 1.25, input_cached: 0.125, output_normal: 10 });
  rtModel.updateTaskUsage(runId, taskId, { prompt_tokens: 100, prompt_tokens_cached: 20, completion_tokens: 50, completion_tokens_reasoning: 10 }, 'gpt-x-2025');
  rtModel.setTaskLabel(runId, taskId, 'task label');
  const run = RunBmc.get(mm, runId);
  assert.deepEqual([run.model, run.concurrency, run.flow_redo_count, run.label], ['gpt-x', 4, 2, 'my run']);
  const t = TaskBmc.get(mm, taskId);
  assert.deepEqual(
    [t.model_ov, t.pricing_model, t.pricing_input, t.pricing_input_cached, t.pricing_output, t.tk_prompt_total, t.tk_prompt_cached, t.tk_prompt_cache_creation, t.tk_completion_total, t.tk_completion_reasoning, t.model_upstream, t.label],
    ['other-model', 'gpt-x', 1.25, 0.125, 10, 100, 20, null, 50, 10, 'gpt-x-2025', 'task label'],
  );
  assert.deepEqual(rtModel.createTasksBatch(runId, ['a', 'b']).map((id) => TaskBmc.get(mm, id).idx), [0, 1]);
});

test('updateTaskCost: cache write only if > 0, saving only if ≠ 0; run total is the recomputed sum', async () => {
  const { mm, rtModel } = await makeRt();
  const runId = RunBmc.create(mm, {});
  const [a, b] = rtModel.createTasksBatch(runId, [1, 2]);
  rtModel.updateTaskCost(runId, a, 0.5, 0, 0);
  rtModel.updateTaskCost(runId, b, 0.25, 0.1, -0.05);
  assert.deepEqual([TaskBmc.get(mm, a).cost_cache_write, TaskBmc.get(mm, a).cost_cache_saving], [null, null]);
  assert.deepEqual([TaskBmc.get(mm, b).cost_cache_write, TaskBmc.get(mm, b).cost_cache_saving], [0.1, -0.05]);
  assert.equal(RunBmc.get(mm, runId).total_cost, 0.75);
  // Re-reporting a task's cost replaces it: the total is a sum, not an increment.
  rtModel.updateTaskCost(runId, a, 0.5);
  assert.equal(RunBmc.get(mm, runId).total_cost, 0.75);
});

test('cost sum stays exact after many concurrent task updates', async () => {
  const { mm, rtModel } = await makeRt();
  const runId = RunBmc.create(mm, {});
  const ids = rtModel.createTasksBatch(runId, Array.from({ length: 50 }, (_, i) => i));
  await Promise.all(
    ids.map(async (id, i) => {
      await new Promise((r) => setTimeout(r, (i * 7) % 5));
      rtModel.updateTaskCost(runId, id, 0.01 * (i + 1));
    }),
  );
  const expected = ids.reduce((s, _, i) => s + 0.01 * (i + 1), 0);
  assert.ok(Math.abs(RunBmc.get(mm, runId).total_cost! - expected) < 1e-9);
});

test('skips: recSkipRun/recSkipTask write the reason, an AgentSkip log (reason as message, stage) and a console line', async () => {
  const { mm, rtModel, hubEvents } = await makeRt();
  const runId = RunBmc.create(mm, {});
  const taskId = rtModel.createTask(runId, 0, null);
  rtModel.recSkipRun(runId, 'BeforeAll', 'nothing to do');
  rtModel.setRunEndStateToSkip(runId);
  rtModel.recSkipTask(runId, taskId, 'Data', undefined);
  rtModel.setTaskEndStateToSkip(runId, taskId);
  assert.deepEqual([RunBmc.get(mm, runId).end_skip_reason, RunBmc.get(mm, runId).end_state], ['nothing to do', 'Skip']);
  assert.deepEqual([TaskBmc.get(mm, taskId).end_skip_reason, TaskBmc.get(mm, taskId).end_state], [null, 'Skip']);
  const logs = LogBmc.listForRun(mm, runId).map((l) => [l.kind, l.stage, l.task_id, l.message]);
  assert.deepEqual(logs, [
    ['AgentSkip', 'BeforeAll', null, 'nothing to do'],
    ['AgentSkip', 'Data', taskId, null],
  ]);
  const lines = hubEvents.filter((e) => e.type === 'Message').map((e) => (e as { text: string }).text);
  assert.deepEqual(lines, ['Aipack Skip input at BeforeAll stage:  (Reason: nothing to do)', 'Aipack Skip input at Data stage: ']);
});

test('end-state writes refuse rows that already ended (a Cancel never becomes Skip/Err)', async () => {
  const { mm, rtModel, rtStep } = await makeRt();
  const runId = RunBmc.create(mm, {});
  const taskId = rtModel.createTask(runId, 0, null);
  rtStep.runEndCanceled(runId);
  assert.equal(rtModel.setRunEndStateToSkip(runId), false);
  assert.equal(rtModel.setTaskEndStateToSkip(runId, taskId), false);
  assert.equal(rtModel.setRunEndError(runId, 'AfterAll', new Error('late')), undefined);
  assert.equal(rtModel.setTaskEndError(runId, taskId, 'Ai', new Error('late')), undefined);
  assert.equal(rtModel.updateTaskOutput(taskId, 'late output'), false);
  assert.equal(TaskBmc.get(mm, taskId).output_short, null);
  assert.deepEqual([RunBmc.get(mm, runId).end_state, TaskBmc.get(mm, taskId).end_state], ['Cancel', 'Cancel']);
  assert.equal(ErrBmc.list(mm).length, 0);
  assert.throws(() => rtModel.updateTaskCost(runId, 77, 1), { message: "Cannot get entity 'task' (id 77): not found" });
});

test('pins through rtModel: run and task pins upsert', async () => {
  const { mm, rtModel } = await makeRt();
  const runId = RunBmc.create(mm, {});
  const taskId = rtModel.createTask(runId, 0, null);
  const p = rtModel.saveRunPin(runId, 'summary', undefined, '{"label":"Pin:","content":"1"}');
  assert.equal(rtModel.saveRunPin(runId, 'summary', 1, '{"label":"Pin:","content":"2"}'), p);
  rtModel.saveTaskPin(runId, taskId, 'summary', 0, '{"label":"Pin:","content":"t"}');
  assert.deepEqual(PinBmc.listForRun(mm, runId).map((x) => [x.priority, x.content]), [[1, '{"label":"Pin:","content":"2"}']]);
  assert.equal(PinBmc.listForTask(mm, taskId).length, 1);
});

test('loops: create for a run, members append while pending, reopen, cost sum of member runs', async () => {
  const { mm, rtModel } = await makeRt();
  const agent = fakeAgent('a', '/w/a.aip');
  const first = rtModel.createRun(agent);
  const loopId = rtModel.createLoopForRun(first);
  assert.throws(() => rtModel.createLoopForRun(first), { message: `Cannot assign run ${first} to a new loop` });
  const second = rtModel.createRun(agent, { loop: { loopId } });
  rtModel.setLoopPending(loopId, false);
  assert.throws(() => rtModel.createRun(agent, { loop: { loopId } }), { message: `Cannot append run to loop ${loopId}` });
  const retry = rtModel.createRun(agent, { loop: { loopId, reopen: true } });
  const standalone = rtModel.createRun(agent);
  const [t1] = rtModel.createTasksBatch(first, [0]);
  const [t2] = rtModel.createTasksBatch(retry, [0]);
  rtModel.updateTaskCost(first, t1, 1);
  rtModel.updateTaskCost(retry, t2, 3);
  const loop = LoopBmc.get(mm, loopId);
  assert.deepEqual([loop.first_run_id, loop.last_run_id, loop.pending, loop.total_cost], [first, retry, true, 4]);
  assert.deepEqual(LoopBmc.listMembers(mm, loopId).map((r) => r.id), [first, second, retry]);
  assert.equal(RunBmc.get(mm, standalone).loop_id, null);
  // A sub-agent run never joins a loop even if asked.
  const child = rtModel.createRun(agent, { parentRunId: first, loop: { loopId } });
  assert.equal(RunBmc.get(mm, child).loop_id, null);
  assert.throws(() => rtModel.createRun(agent, { loop: { loopId: 99 } }), { message: 'Cannot append run to loop 99' });
  assert.throws(() => rtModel.setLoopPending(99, true), { message: "Cannot get entity 'loop' (id 99): not found" });
});

test('rtLog: rows per stage and kind, tied to run/task; Log + Message events; prints go out as LuaPrint', async () => {
  const { mm, rtLog, hubEvents } = await makeRt();
  const runId = RunBmc.create(mm, {});
  const taskId = TaskBmc.create(mm, { run_id: runId, idx: 0 });
  rtLog.logBa(runId, 'ba', 'SysInfo');
  rtLog.logData(runId, taskId, 'data', 'SysWarn');
  rtLog.logAi(runId, taskId, 'ai');
  rtLog.logOutput(runId, taskId, 'out', 'SysError');
  rtLog.logAa(runId, 'aa', 'SysDebug');
  rtLog.logRun(runId, 'run');
  rtLog.sysInfo({ runId }, 'Model: x (y). Input Concurrency: 1');
  rtLog.sysError({ runId, taskId, stage: 'Ai' }, 'bad');
  rtLog.agentPrint({ runId, taskId, stage: 'Output' }, 'hello from lua');
  const rows = LogBmc.listForRun(mm, runId).map((l) => [l.kind, l.stage, l.task_id, l.message]);
  assert.deepEqual(rows, [
    ['SysInfo', 'BeforeAll', null, 'ba'],
    ['SysWarn', 'Data', taskId, 'data'],
    [null, 'Ai', taskId, 'ai'],
    ['SysError', 'Output', taskId, 'out'],
    ['SysDebug', 'AfterAll', null, 'aa'],
    [null, null, null, 'run'],
    ['SysInfo', null, null, 'Model: x (y). Input Concurrency: 1'],
    ['SysError', 'Ai', taskId, 'bad'],
    ['AgentPrint', 'Output', taskId, 'hello from lua'],
  ]);
  const logEvents = hubEvents.filter((e) => e.type === 'Log');
  assert.equal(logEvents.length, 9);
  const last = (logEvents.at(-1) as { log: { uid: string; id: number } }).log;
  assert.equal(last.uid, LogBmc.get(mm, last.id).uid, 'the event carries the stored row');
  assert.equal(hubEvents.filter((e) => e.type === 'Message').length, 8);
  assert.deepEqual(hubEvents.filter((e) => e.type === 'LuaPrint'), [{ type: 'LuaPrint', text: 'hello from lua', runId, taskId, stage: 'Output' }]);
});
