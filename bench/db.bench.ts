// The run database under a pipeline's write pattern: every task goes through
// creation, all §6.4 steps with their log rows, two logs, pricing/usage/cost
// (with the run sum recomputed) and its output. Target: < 200 µs per task.
import { Hub } from '../src/runtime/hub';
import { ModelManager } from '../src/runtime/model/model-manager';
import { RtLog } from '../src/runtime/rt-log';
import { RtModel } from '../src/runtime/rt-model';
import { RtStep } from '../src/runtime/rt-step';
import { type Figure } from './harness';

const TASKS = 10_000;
/** Tasks per run: a realistic batch; the per-task cost sum scans one run's tasks. */
const PER_RUN = 100;

async function setup() {
  const hub = new Hub();
  let events = 0;
  hub.subscribe(() => {
    events++;
  });
  const mm = await ModelManager.create();
  mm.setEventSink((event) => hub.publish({ type: 'Model', event }));
  const log = new RtLog(mm, hub);
  return { mm, step: new RtStep(mm, hub, log), model: new RtModel(mm, hub, log, '/w'), log, events: () => events };
}

function lifecycle(rt: Awaited<ReturnType<typeof setup>>, runId: number, taskId: number, i: number) {
  const { step, model, log } = rt;
  step.taskStart(runId, taskId);
  step.taskDataStart(runId, taskId);
  log.agentPrint({ runId, taskId, stage: 'Data' }, `processing ${i}`);
  step.taskDataEnd(runId, taskId);
  step.taskAiStart(runId, taskId);
  model.updateTaskModelPricing(runId, taskId, { name: 'gpt-x', input_normal: 1.25, input_cached: 0.125, output_normal: 10 });
  step.taskAiGenStart(runId, taskId, 2048);
  model.updateTaskUsage(runId, taskId, { prompt_tokens: 1000, prompt_tokens_cached: 200, completion_tokens: 300 }, 'gpt-x-2025');
  model.updateTaskCost(runId, taskId, 0.0042, 0, 0.0001);
  step.taskAiGenEnd(runId, taskId);
  step.taskAiEnd(runId, taskId);
  step.taskOutputStart(runId, taskId);
  log.sysInfo({ runId, taskId, stage: 'Output' }, `done ${i}`);
  step.taskOutputEnd(runId, taskId);
  model.updateTaskOutput(taskId, { file: `out-${i}.md`, summary: 'x'.repeat(80) });
  step.taskEndOk(runId, taskId);
}

export async function run(): Promise<Figure[]> {
  // Warm-up on a throwaway DB (statement cache, JIT).
  {
    const rt = await setup();
    const runId = rt.model.createRun({ name: 'w', filePath: '/w/w.aip', hasTaskStages: true, hasPromptParts: true });
    const ids = rt.model.createTasksBatch(runId, Array.from({ length: 200 }, (_, i) => i));
    ids.forEach((id, i) => lifecycle(rt, runId, id, i));
    rt.mm.close();
  }

  const rt = await setup();
  const t0 = performance.now();
  for (let r = 0; r < TASKS / PER_RUN; r++) {
    const runId = rt.model.createRun({ name: `agent-${r}`, filePath: `/w/a${r}.aip`, hasTaskStages: true, hasPromptParts: true });
    rt.step.runStart(runId);
    rt.step.tasksStart(runId);
    const ids = rt.model.createTasksBatch(runId, Array.from({ length: PER_RUN }, (_, i) => ({ path: `src/file-${i}.md`, n: i })));
    ids.forEach((id, i) => lifecycle(rt, runId, id, i));
    rt.step.tasksEnd(runId);
    rt.step.runEndOk(runId);
  }
  const totalMs = performance.now() - t0;

  // One run with 1,000 tasks created in a batch.
  const runId = rt.model.createRun({ name: 'big', filePath: '/w/big.aip', hasTaskStages: true, hasPromptParts: true });
  const b0 = performance.now();
  rt.model.createTasksBatch(runId, Array.from({ length: 1000 }, (_, i) => ({ path: `src/file-${i}.md`, long: 'y'.repeat(i % 3 === 0 ? 100 : 10) })));
  const batchMs = performance.now() - b0;
  const bytes = rt.mm.db.sizeBytes();

  // Machine baseline: one bare prepared UPDATE by id in a transaction. The
  // lifecycle above runs ~35 statements per task; compare against this when
  // the box is loaded.
  const baseT0 = performance.now();
  const N = 20_000;
  for (let i = 0; i < N; i++) rt.mm.db.exec('UPDATE task SET label = ? WHERE id = ?', ['x', (i % TASKS) + 1]);
  const baseUs = ((performance.now() - baseT0) * 1000) / N;
  rt.mm.close();

  return [
    { name: 'db_task_us', value: (totalMs * 1000) / TASKS, unit: 'µs', target: '< 200' },
    { name: 'db_create_1000_tasks_ms', value: batchMs, unit: 'ms', target: '< 100' },
    { name: 'db_bytes_per_task', value: bytes / (TASKS + 1000), unit: 'B', target: 'info' },
    { name: 'db_bare_update_us', value: baseUs, unit: 'µs', target: 'info (machine baseline)' },
  ];
}
