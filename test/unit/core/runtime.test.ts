// Runtime + Executor (§7.1, §7.2, §7.4, §7.6) with a scripted pipeline: run
// lifecycle, errors, per-run cancellation, sub-agent runs, redo chains/loops.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { AipError } from '../../../src/runtime/errors';
import { ErrBmc, LoopBmc, RunBmc, TaskBmc, WorkBmc } from '../../../src/runtime/model';
import type { RunPipeline, RunResponse, RunScope } from '../../../src/runtime/runtime';
import { fakeAgent, makeRuntime, sleep, waitFor } from './helpers';

interface Script {
  /** Per-task work time (ms), not abortable: the pipeline keeps going after a cancel, like a blocking call. */
  taskMs?: number;
  /** Called when a task wakes from its taskMs sleep. */
  onWake?: () => void;
  fail?: unknown;
  redo?: (scope: RunScope) => boolean;
  onScope?: (scope: RunScope) => void | Promise<void>;
}

/** A pipeline that writes the same rows as the real one would, per §2.14. */
function pipeline(script: Script = {}): RunPipeline {
  return {
    async resolveAgent(rt, req) {
      if (req.agentRef === 'missing') throw new Error("Failed to find agent 'missing'");
      return fakeAgent(req.agentRef, path.join(rt.dirContext.workspaceDir!, `${req.agentRef}.aip`));
    },
    async execute(scope): Promise<RunResponse> {
      const { runtime: rt, runId } = scope;
      await script.onScope?.(scope);
      rt.rtStep.tasksStart(runId);
      const inputs = scope.request.inputs ?? [null];
      const ids = rt.rtModel.createTasksBatch(runId, inputs);
      const outputs = await Promise.all(
        ids.map(async (taskId, i) => {
          rt.rtStep.taskStart(runId, taskId);
          rt.rtStep.taskDataStart(runId, taskId);
          await sleep(script.taskMs ?? 1);
          script.onWake?.();
          rt.rtStep.taskDataEnd(runId, taskId);
          if (script.fail !== undefined && i === 0) throw script.fail;
          rt.rtModel.updateTaskOutput(taskId, `out-${i}`);
          rt.rtStep.taskEndOk(runId, taskId);
          return `out-${i}`;
        }),
      );
      rt.rtStep.tasksEnd(runId);
      return { outputs, afterAll: null, redoRequested: script.redo?.(scope) ?? false };
    },
  };
}

test('a run: row created and started, handle has its id, done resolves Ok with outputs; executor and run events', async () => {
  const { rt, events } = await makeRuntime(pipeline());
  const h = await rt.runAgent('demo', ['a', 'b']);
  assert.equal(typeof h.runId, 'number');
  const res = await h.done;
  assert.deepEqual({ ...res, error: undefined }, { outputs: ['out-0', 'out-1'], afterAll: null, redoRequested: false, runId: h.runId, loopId: undefined, endState: 'Ok', error: undefined });
  const run = RunBmc.get(rt.mm, h.runId!);
  assert.deepEqual([run.agent_name, run.agent_path, run.end_state, run.flow_redo_count, run.start !== null, run.end !== null], ['demo', 'demo.aip', 'Ok', 0, true, true]);
  assert.deepEqual(TaskBmc.listForRun(rt.mm, h.runId!).map((t) => [t.end_state, t.output_short]), [['Ok', 'out-0'], ['Ok', 'out-1']]);
  const lifecycle = events.filter((e) => e.type === 'Executor' || e.type === 'RunStarted' || e.type === 'RunEnded');
  assert.deepEqual(lifecycle, [
    { type: 'Executor', status: 'StartExec' },
    { type: 'Executor', status: 'RunStart' },
    { type: 'RunStarted', runId: h.runId, parentRunId: undefined },
    { type: 'RunEnded', runId: h.runId, parentRunId: undefined, endState: 'Ok' },
    { type: 'Executor', status: 'RunEnd' },
    { type: 'Executor', status: 'EndExec' },
  ]);
  assert.deepEqual(rt.activeRunIds(), []);
  rt.dispose();
});

test('agent not found: no run row, done resolves Err, an Error event is published', async () => {
  const { rt, events } = await makeRuntime(pipeline());
  const h = await rt.runAgent('missing');
  assert.equal(h.runId, undefined);
  const res = await h.done;
  assert.deepEqual([res.endState, res.error?.message, res.outputs], ['Err', "Failed to find agent 'missing'", null]);
  assert.equal(RunBmc.list(rt.mm).length, 0);
  assert.ok(events.some((e) => e.type === 'Error' && e.message === "Failed to find agent 'missing'"));
  rt.dispose();
});

test('a failing pipeline ends the run Err with the stage on the err row; unfinished tasks Cancel', async () => {
  const { rt, events } = await makeRuntime(pipeline({ fail: new AipError('Data script failed', { stage: 'Data' }), taskMs: 5 }));
  const h = await rt.runAgent('demo', [1, 2]);
  const res = await h.done;
  assert.deepEqual([res.endState, res.error?.message], ['Err', 'Data script failed']);
  const run = RunBmc.get(rt.mm, h.runId!);
  const err = ErrBmc.get(rt.mm, run.end_err_id!);
  assert.deepEqual([run.end_state, err.stage, err.content], ['Err', 'Data', 'Data script failed']);
  await sleep(20);
  assert.ok(TaskBmc.listForRun(rt.mm, h.runId!).every((t) => t.end_state === 'Cancel' || t.end_state === 'Ok'));
  assert.ok(events.some((e) => e.type === 'Error' && e.runId === h.runId && e.stage === 'Data'));
  rt.dispose();
});

test('no pipeline installed: a clear Err', async () => {
  const { rt } = await makeRuntime(pipeline());
  rt.pipeline = undefined;
  const res = await (await rt.runAgent('demo')).done;
  assert.equal(res.error?.message, 'No run pipeline is installed in this runtime');
  rt.dispose();
});

test('cancel mid-run: done at once (not after the tasks), run and every unfinished task Cancel, AbortSignal fires, late writes are no-ops', async () => {
  let scope: RunScope | undefined;
  // "At once" is checked by order, not by the clock (a 100 ms bound failed on a busy box): the run is done
  // before any task wakes from its 1.5 s sleep.
  let woke = false;
  const { rt } = await makeRuntime(pipeline({ taskMs: 1500, onScope: (s) => void (scope = s), onWake: () => void (woke = true) }));
  const h = await rt.runAgent('demo', [1, 2, 3]);
  await waitFor(() => TaskBmc.listForRun(rt.mm, h.runId!).every((t) => t.data_start !== null));
  h.cancel();
  const res = await h.done;
  assert.equal(woke, false, 'the run waited for its tasks to wake');
  assert.deepEqual([res.endState, res.outputs, res.redoRequested, res.error], ['Cancel', null, false, undefined]);
  assert.equal(scope!.trx.signal.aborted, true);
  const run = RunBmc.get(rt.mm, h.runId!);
  assert.equal(run.end_state, 'Cancel');
  const tasks = TaskBmc.listForRun(rt.mm, h.runId!);
  assert.ok(tasks.every((t) => t.end_state === 'Cancel' && t.end !== null && t.data_end === null));
  // The pipeline wakes up after 1.5 s and tries to continue: nothing changes.
  await waitFor(() => woke, 10_000);
  await sleep(50);
  assert.deepEqual(TaskBmc.listForRun(rt.mm, h.runId!), tasks);
  assert.deepEqual(RunBmc.get(rt.mm, h.runId!), run);
  rt.dispose();
});

test('cancelling run A leaves a concurrent run B running to Ok', async () => {
  const { rt } = await makeRuntime(pipeline({ taskMs: 60 }));
  const a = await rt.runAgent('a');
  const b = await rt.runAgent('b');
  assert.deepEqual(rt.activeRunIds().sort(), [a.runId, b.runId].sort());
  assert.equal(rt.cancelRun(a.runId!), true);
  const [ra, rb] = await Promise.all([a.done, b.done]);
  assert.deepEqual([ra.endState, rb.endState], ['Cancel', 'Ok']);
  assert.equal(rt.cancelRun(a.runId!), false, 'no longer running');
  rt.dispose();
});

test('cancelling a parent cancels its sub-agent runs; the child row links to its parent', async () => {
  let childResult: Promise<unknown> | undefined;
  const p = pipeline({ taskMs: 200 });
  const base = p.execute.bind(p);
  p.execute = async (scope) => {
    if (scope.agent.name === 'parent') childResult = scope.runtime.runSubAgent(scope, 'child', ['x']);
    return base(scope);
  };
  const { rt } = await makeRuntime(p);
  const h = await rt.runAgent('parent');
  await waitFor(() => RunBmc.list(rt.mm).length === 2 && RunBmc.list(rt.mm)[1].start !== null);
  h.cancel();
  assert.equal((await h.done).endState, 'Cancel');
  const child = (await childResult) as { endState: string; runId: number };
  assert.equal(child.endState, 'Cancel');
  const row = RunBmc.get(rt.mm, child.runId);
  assert.deepEqual([row.parent_id, row.end_state, row.flow_redo_count], [h.runId, 'Cancel', null]);
  assert.equal(TaskBmc.listForRun(rt.mm, child.runId)[0].end_state, 'Cancel');
  rt.dispose();
});

test('cancel-all before a run starts does not affect it; cancel-all during runs stops them all', async () => {
  const { rt } = await makeRuntime(pipeline({ taskMs: 40 }));
  rt.cancelAll();
  assert.equal((await (await rt.runAgent('demo')).done).endState, 'Ok');
  const a = await rt.runAgent('a');
  const b = await rt.runAgent('b');
  await rt.executor.perform({ kind: 'CancelRun' });
  assert.deepEqual([(await a.done).endState, (await b.done).endState], ['Cancel', 'Cancel']);
  rt.dispose();
});

test('a host cancellation token maps onto the run', async () => {
  const { rt } = await makeRuntime(pipeline({ taskMs: 100 }));
  let fire: (() => unknown) | undefined;
  const token = { isCancellationRequested: false, onCancellationRequested: (l: () => unknown) => ((fire = l), { dispose() {} }) };
  const h = await rt.runAgent('demo', undefined, { cancellationToken: token });
  fire!();
  assert.equal((await h.done).endState, 'Cancel');
  rt.dispose();
});

test('a throwing or slow hub listener does not stall or fail a run', async () => {
  const { rt, listenerErrors } = await makeRuntime(pipeline());
  rt.hub.subscribe(() => {
    throw new Error('listener bug');
  });
  rt.hub.subscribe(() => new Promise((r) => setTimeout(r, 10_000)).then(() => undefined));
  const t0 = performance.now();
  const res = await (await rt.runAgent('demo', [1, 2])).done;
  assert.equal(res.endState, 'Ok');
  assert.ok(performance.now() - t0 < 8000, 'the run waited for the 10 s listener');
  assert.ok(listenerErrors.length > 10);
  assert.equal((listenerErrors[0] as Error).message, 'listener bug');
  rt.dispose();
});

test('flow redo chain: +500 ms reruns with count 0,1,2 as loop members; loop closes when a member does not redo', async () => {
  let chain = true;
  const { rt, events } = await makeRuntime(pipeline({ redo: (s) => chain && s.flowRedoCount < 2 }));
  const first = await (await rt.runAgent('demo', ['in'])).done;
  assert.equal(first.redoRequested, true);
  assert.equal(typeof first.loopId, 'number');
  await waitFor(() => RunBmc.list(rt.mm).length === 3 && RunBmc.list(rt.mm)[2].end !== null);
  await waitFor(() => rt.executor.activeCount === 0);
  const runs = RunBmc.list(rt.mm);
  assert.deepEqual(runs.map((r) => [r.flow_redo_count, r.loop_id, r.end_state]), [[0, first.loopId, 'Ok'], [1, first.loopId, 'Ok'], [2, first.loopId, 'Ok']]);
  const loop = LoopBmc.get(rt.mm, first.loopId!);
  assert.deepEqual([loop.first_run_id, loop.last_run_id, loop.pending], [runs[0].id, runs[2].id, false]);
  assert.deepEqual(TaskBmc.listForRun(rt.mm, runs[2].id).map((t) => t.input_short), ['in'], 'same inputs re-run');
  // Manual redo: count reset to 0 and not a loop member.
  chain = false;
  const manual = await rt.redo();
  assert.equal(manual?.endState, 'Ok');
  assert.deepEqual([RunBmc.get(rt.mm, manual!.runId!).flow_redo_count, RunBmc.get(rt.mm, manual!.runId!).loop_id], [0, null]);
  assert.equal(events.filter((e) => e.type === 'Executor' && e.status === 'RunStart').length, 4);
  rt.dispose();
});

test('a cancelled loop member closes the loop and stops the chain', async () => {
  let n = 0;
  const { rt } = await makeRuntime(pipeline({ taskMs: 30, redo: () => true, onScope: () => void n++ }));
  const first = await (await rt.runAgent('demo')).done;
  await waitFor(() => rt.activeRunIds().length === 1);
  rt.cancelAll();
  await waitFor(() => rt.executor.activeCount === 0);
  await sleep(30);
  assert.equal(n, 2, 'no redo after a cancel');
  assert.equal(LoopBmc.get(rt.mm, first.loopId!).pending, false);
  rt.dispose();
});

test('redo with nothing to redo (a run in progress) publishes an InfoShort', async () => {
  const { rt, events } = await makeRuntime(pipeline({ taskMs: 30 }));
  const h = await rt.runAgent('demo');
  assert.equal(await rt.redo(), undefined);
  assert.ok(events.some((e) => e.type === 'InfoShort' && e.text === 'Agent currently running, wait until done.'));
  await h.done;
  rt.dispose();
});

test('executor: OpenAgent opens the last agent file; an action without handler rejects with an Error event', async () => {
  const { rt, opened, events } = await makeRuntime(pipeline());
  await (await rt.runAgent('demo')).done;
  await rt.executor.perform({ kind: 'OpenAgent' });
  assert.deepEqual(opened, [path.join(rt.dirContext.workspaceDir!, 'demo.aip')]);
  await assert.rejects(rt.executor.perform({ kind: 'WorkConfirm', workId: 1 }), { message: "No handler for executor action 'WorkConfirm'" });
  assert.ok(events.some((e) => e.type === 'Error' && e.message === "No handler for executor action 'WorkConfirm'"));
  rt.executor.register('WorkConfirm', async (a) => `confirmed ${a.workId}`);
  assert.equal(await rt.executor.perform({ kind: 'WorkConfirm', workId: 3 }), 'confirmed 3');
  const workId = WorkBmc.create(rt.mm, { kind: 'Install', data: { pack_ref: 'ns@pack', needs_user_confirm: true } });
  await rt.executor.perform({ kind: 'WorkCancel', workId });
  const work = WorkBmc.get(rt.mm, workId);
  assert.deepEqual([work.end_state, work.end !== null], ['Cancel', true]);
  assert.ok(events.some((e) => e.type === 'RtModelChange'));
  await assert.rejects(rt.executor.perform({ kind: 'WorkCancel', workId: 99 }), { message: "Cannot get entity 'work' (id 99): not found" });
  rt.dispose();
});

test('dispose cancels runs in progress and later runs fail cleanly', async () => {
  const { rt } = await makeRuntime(pipeline({ taskMs: 50 }));
  const h = await rt.runAgent('demo');
  rt.dispose();
  const res = await h.done;
  assert.ok(res.endState === 'Cancel' || res.endState === 'Err');
  const later = await (await rt.runAgent('demo')).done;
  assert.equal(later.error?.message, 'The runtime is disposed');
  assert.equal(rt.sessionTmpDir(), path.join(rt.dirContext.workspaceDir!, '.aipack', '.session', rt.session.uid, 'tmp'));
});
