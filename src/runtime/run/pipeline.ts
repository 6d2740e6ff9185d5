/**
 * One run of one agent (§2.1): run row → Before All → tasks (bounded pool) →
 * After All → end state. A cancel ends the run at once as `Cancel` (unfinished
 * tasks too); late writes of in-flight work are no-ops on ended rows.
 */
import type { Agent } from '../agent/types';
import type { CancelTrx } from '../cancel';
import { toAgentOptions } from '../config/options';
import { errorMessage } from '../errors';
import { RunBmc } from '../model/run';
import { TaskBmc } from '../model/task';
import type { Id } from '../model/types';
import type { SubAgentOptions } from '../script/catalog';
import { ctxLiterals } from './ctx';
import type { RunAgentResponse, RunBaseOptions, RunCtx, RunDeps } from './run-context';
import { setSubAgentRunner } from './stage';
import { processAfterAll, processBeforeAll } from './stages-run';
import { runAgentTask } from './task';
import { runPool } from './task-pool';

export interface RunRequest {
  inputs?: unknown[];
  base: RunBaseOptions;
  /** Collect outputs even without an After All (sub-agents always do, §2.10). */
  returnOutputs: boolean;
  parentRunUid?: string;
  /** Join a redo chain (top-level only). */
  loop?: { loopId: Id; reopen?: boolean };
  cancel: CancelTrx;
  /** Called once the run row exists (hosts use it to follow the run). */
  onRunCreated?: (runId: Id) => void;
}

export interface RunExecution {
  runId: Id;
  loopId?: Id;
  response: RunAgentResponse;
  cancelled: boolean;
}

export async function runAgentWithIdentity(deps: RunDeps, agent: Agent, req: RunRequest): Promise<RunExecution> {
  const { rtStep, rtModel, mm } = deps;
  const isTop = req.parentRunUid === undefined;
  const runId = rtModel.createRun(agent, { parentRunUid: req.parentRunUid, loop: isTop ? req.loop : undefined });
  req.onRunCreated?.(runId);
  rtStep.runStart(runId);
  const run = RunBmc.get(mm, runId);
  const rc: RunCtx = {
    deps,
    agent,
    runId,
    runUid: run.uid,
    runNum: runId,
    parentRunUid: req.parentRunUid,
    literals: ctxLiterals(
      {
        pwd: deps.dirCtx.cwd,
        sessionUid: deps.sessionUid,
        workspaceDir: deps.dirCtx.workspaceDir,
        aipackWksDir: deps.dirCtx.aipackWksDir,
        baseDir: deps.dirCtx.baseDir,
        tmpDir: deps.dirCtx.sessionTmpDir(deps.sessionUid),
      },
      agent,
    ),
    base: req.base,
    cancel: req.cancel,
  };

  const inner = runAgentInner(rc, req.inputs, req.returnOutputs);
  // The inner pipeline may still settle after a cancel; never leave its rejection unhandled.
  inner.catch(() => {});
  const outcome = await Promise.race([
    inner.then(
      (response) => ({ kind: 'ok' as const, response }),
      (error: unknown) => ({ kind: 'err' as const, error }),
    ),
    req.cancel.cancelled.then(() => ({ kind: 'cancel' as const })),
  ]);

  let loopId = isTop ? req.loop?.loopId : undefined;
  if (outcome.kind === 'cancel' || (outcome.kind === 'err' && req.cancel.isCancelled())) {
    rtStep.runEndCanceled(runId);
    if (loopId !== undefined) rtModel.setLoopPending(loopId, false);
    return { runId, loopId, response: { redo_requested: false }, cancelled: true };
  }
  if (outcome.kind === 'err') {
    rtStep.runEndErr(runId, outcome.error);
    if (loopId !== undefined) rtModel.setLoopPending(loopId, false);
    throw outcome.error;
  }
  rtStep.runEndOk(runId);
  if (loopId !== undefined) rtModel.setLoopPending(loopId, outcome.response.redo_requested);
  else if (isTop && outcome.response.redo_requested) loopId = rtModel.createLoopForRun(runId);
  return { runId, loopId, response: outcome.response, cancelled: false };
}

async function runAgentInner(rc: RunCtx, inputsIn: unknown[] | undefined, returnOutputs: boolean): Promise<RunAgentResponse> {
  const { rtStep, rtModel, rtLog, hub } = rc.deps;
  const runId = rc.runId;
  rtModel.updateRunFlowRedoCount(runId, rc.base.redoCount ?? 0);

  // -- Before All
  rtStep.baStart(runId);
  let ba;
  try {
    ba = await processBeforeAll(rc, inputsIn);
  } catch (err) {
    if (!rc.cancel.isCancelled()) rtModel.setRunEndError(runId, 'BeforeAll', err);
    rtStep.baEnd(runId);
    throw err;
  }
  rtStep.baEnd(runId);
  if (ba.skip) {
    rtModel.setRunEndStateToSkip(runId);
    return { redo_requested: false };
  }
  if (ba.redo) return { redo_requested: true };
  rc.agent = ba.agent;
  const agent = ba.agent;
  rtLog.sysInfo({ runId }, runInfoMessage(rc));

  // -- Tasks
  let inputs = ba.inputs;
  let outputs: unknown[] | undefined;
  if ((inputs !== undefined && inputs.length > 0) || agent.hasTaskStages) {
    inputs = inputs !== undefined && inputs.length > 0 ? inputs.map(withDisplay) : [null];
    rtStep.tasksStart(runId);
    outputs = await runTasks(rc, ba.beforeAll, inputs, returnOutputs);
    rtStep.tasksEnd(runId);
  }

  // -- After All
  rtStep.aaStart(runId);
  let aa;
  try {
    aa = await processAfterAll(rc, ba.beforeAll, inputs, outputs);
  } catch (err) {
    if (!rc.cancel.isCancelled()) rtModel.setRunEndError(runId, 'AfterAll', err);
    rtStep.aaEnd(runId);
    throw err;
  }
  rtStep.aaEnd(runId);
  hub.message(`\n======= COMPLETED: ${agent.name}`);
  const res: RunAgentResponse = { outputs, redo_requested: aa.redo };
  if (aa.afterAll !== undefined && aa.afterAll !== null) res.after_all = aa.afterAll;
  return res;
}

/** FileInfo / FileRecord inputs get `_display = path` (§2.8). */
function withDisplay(input: unknown): unknown {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
  const o = input as Record<string, unknown>;
  if ((o._type === 'FileInfo' || o._type === 'FileRecord') && o._display === undefined && typeof o.path === 'string') {
    return { ...o, _display: o.path };
  }
  return input;
}

function runInfoMessage(rc: RunCtx): string {
  const { agent } = rc;
  const ref = agent.agentRef;
  const agentInfo =
    ref.kind === 'PackRef'
      ? ` (${ref.namespace}@${ref.name}${ref.subPath ? `/${ref.subPath}` : ''} from ${REPO_LABEL[ref.repoKind] ?? ref.repoKind})`
      : '';
  const modelInfo = agent.model !== agent.modelResolved ? `${agent.model} (${agent.modelResolved})` : agent.modelResolved;
  const genai: string[] = [];
  if (agent.options.temperature !== undefined) genai.push(`temperature: ${agent.options.temperature}`);
  if (agent.options.top_p !== undefined) genai.push(`top_p: ${agent.options.top_p}`);
  const genaiInfo = genai.length ? ` (${genai.join(', ')})` : '';
  const agentPath = rc.deps.rtModel.displayAgentPath(agent.filePath);
  return `Running agent command: ${agent.name}${agentInfo}\n                 from: ${agentPath}\n   with default model: ${modelInfo}${genaiInfo}`;
}

const REPO_LABEL: Record<string, string> = {
  WorkspaceCustom: 'workspace custom',
  BaseCustom: 'base custom',
  BaseInstalled: 'base installed',
};

/** The task list with bounded concurrency and the §2.13 failure rules; outputs when captured. */
async function runTasks(rc: RunCtx, beforeAll: unknown, inputs: unknown[], returnOutputs: boolean): Promise<unknown[] | undefined> {
  const { rtStep, rtModel, mm } = rc.deps;
  const { agent, runId } = rc;
  const capture = agent.afterAllScript !== undefined || returnOutputs;
  const concurrency = Math.max(1, agent.options.input_concurrency ?? 1);
  const allowFail = agent.options.allow_run_on_task_fail === true;
  rtModel.updateRunModelAndConcurrency(runId, agent.modelResolved, concurrency);
  const taskIds = rtModel.createTasksBatch(runId, inputs);

  // A failing task (without allow_run_on_task_fail) drops the in-flight ones: they run
  // under a child token that is cancelled on the first failure.
  const tasksCancel = rc.cancel.child();
  const trc: RunCtx = { ...rc, cancel: tasksCancel };
  try {
    const results = await runPool(taskIds.length, { limit: concurrency, signal: tasksCancel.signal }, async (idx) => {
      const taskId = taskIds[idx];
      const taskUid = TaskBmc.get(mm, taskId).uid;
      rtStep.taskStart(runId, taskId);
      try {
        const out = await runAgentTask(trc, { taskId, taskUid, idx }, beforeAll, inputs[idx]);
        rtStep.taskEndOk(runId, taskId);
        return out;
      } catch (err) {
        if (tasksCancel.isCancelled()) throw err;
        rtStep.taskEndErr(runId, taskId, err);
        if (allowFail) return { error: errorMessage(err) };
        tasksCancel.cancel('task failed');
        throw err;
      }
    });
    return capture ? results.map((v) => (v === undefined ? null : v)) : undefined;
  } catch (err) {
    // The first real failure is what the pool rethrows; a cancel of the run stays a cancel.
    throw err;
  } finally {
    tasksCancel.release();
  }
}

/** `aip.agent.run` (§10.1): a child run, outputs always collected, dry/verbose not inherited. */
export async function runSubAgent(rc: RunCtx, name: string, opts: SubAgentOptions): Promise<RunAgentResponse> {
  const overrides = opts.options ? toAgentOptions(opts.options, 'aip.agent.run options') : undefined;
  let agent: Agent;
  try {
    agent = await rc.deps.loadAgent(name, { baseDir: opts.agentBaseDir ?? rc.agent.fileDir, overrides });
  } catch (err) {
    throw new Error(`Failed to find agent '${name}': ${errorMessage(err)}`, { cause: err });
  }
  const child = rc.cancel.child();
  try {
    const exec = await runAgentWithIdentity(rc.deps, agent, {
      inputs: opts.inputs,
      base: {},
      returnOutputs: true,
      parentRunUid: rc.runUid,
      cancel: child,
    });
    return exec.response;
  } catch (err) {
    throw new Error(`Failed to run agent '${name}': ${errorMessage(err)}`, { cause: err });
  } finally {
    child.release();
  }
}

setSubAgentRunner(runSubAgent);
