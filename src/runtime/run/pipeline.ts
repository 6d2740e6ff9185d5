/**
 * The stage pipeline (§2.1) as the Runtime's `RunPipeline`: the Runtime owns the
 * run row, its start/end steps, the cancel race, loops and redo scheduling; this
 * runs Before All → tasks (bounded pool) → After All inside a started run.
 */
import { luaPool } from '../script/lua-pool';
import type { Agent } from '../agent/types';
import { execChatFull } from '../ai/exec-chat';
import { DEFAULT_RETRY, type RetryPolicy } from '../ai/retry';
import type { ChatResult, ExecChatRequest } from '../ai/exec-chat';
import { type AgentOptions, toAgentOptions } from '../config/options';
import { errorMessage } from '../errors';
import { loadAgent } from '../load-agent';
import { RunBmc } from '../model/run';
import { TaskBmc } from '../model/task';
import type { Id } from '../model/types';
import type { RunPipeline, RunRequest, RunResponse, RunScope, Runtime } from '../runtime';
import { STATIC_CATALOGS } from '../script/aip/index';
import type { ModuleCatalog, ScriptEnv, SubAgentOptions } from '../script/catalog';
import { DEFAULT_LIMITS, loadRuntimeLimits, type RuntimeLimits } from '../config/limits';
import { claimSession, cleanStaleSessions, cleanStaleTemps } from '../leftovers';
import { ctxLiterals } from './ctx';
import type { DryMode, RunAgentResponse, RunCtx, RunDeps } from './run-context';
import { setSubAgentRunner } from './stage';
import { processAfterAll, processBeforeAll } from './stages-run';
import { runAgentTask } from './task';
import { runPool } from './task-pool';
import { yieldIfBusy } from '../loop-turn';

/** `RunRequest.options` as this pipeline reads it. */
export interface PipelineRunOptions {
  /** AgentOptions overlay (run overrides, or `aip.agent.run(…, {options})`). */
  agentOptions?: AgentOptions;
  dry?: DryMode;
  verbose?: boolean;
  /** Collect outputs even without an After All (sub-agents always do, §2.10). */
  returnOutputs?: boolean;
  /** Sub-agent runs: the agent names of the runs above, top-level first (for the depth limit). */
  agentChain?: string[];
}

export interface AgentPipelineOptions {
  execChat?: (req: ExecChatRequest) => Promise<ChatResult>;
  catalogs?: readonly ModuleCatalog[];
  cpuBudgetMs?: number;
  /** Stream AI answers (the result is identical). Default true. */
  stream?: boolean;
  /** AI retries (429 / 5xx / connection); defaults to DEFAULT_RETRY. */
  retry?: Partial<RetryPolicy>;
  /** Limit of one AI request attempt in ms (0 = none); wins over config and env (same as `limits.aiRequestTimeoutMs`). */
  requestTimeoutMs?: number;
  /** Host-set limits (CLI flags, editor settings): win over env and config `[limits]`. */
  limits?: Partial<RuntimeLimits>;
}

export class AgentPipeline implements RunPipeline {
  private readonly depsByRuntime = new WeakMap<Runtime, RunDeps>();

  constructor(private readonly opts: AgentPipelineOptions = {}) {}

  async resolveAgent(runtime: Runtime, request: RunRequest): Promise<Agent> {
    // Lua stages run in script workers: start one while the agent loads.
    luaPool().prewarm();
    const o = (request.options ?? {}) as PipelineRunOptions;
    return loadAgent(runtime.dirContext, request.agentRef, o.agentOptions, { baseDir: request.baseDir });
  }

  async execute(scope: RunScope): Promise<RunResponse> {
    const deps = this.deps(scope.runtime);
    // The first run of a runtime claims its session dir and clears what killed processes left.
    if (deps.dirCtx.aipackWksDir !== undefined) deps.leftoversDone ??= startupCleanup(deps.dirCtx.aipackWksDir, deps.sessionUid);
    // Limits are re-read per run, like the options cascade, so config edits apply to the next run.
    deps.limits = await loadRuntimeLimits(deps.dirCtx, this.hostLimits());
    deps.requestTimeoutMs = deps.limits.aiRequestTimeoutMs;
    const o = (scope.request.options ?? {}) as PipelineRunOptions;
    const parentRunUid = scope.parentRunId !== undefined ? RunBmc.get(deps.mm, scope.parentRunId).uid : undefined;
    const rc: RunCtx = {
      deps,
      agent: scope.agent,
      runId: scope.runId,
      runUid: scope.runUid,
      runNum: scope.runId,
      parentRunUid,
      literals: ctxLiterals(
        {
          pwd: deps.dirCtx.cwd,
          sessionUid: deps.sessionUid,
          workspaceDir: deps.dirCtx.workspaceDir,
          aipackWksDir: deps.dirCtx.aipackWksDir,
          baseDir: deps.dirCtx.baseDir,
          tmpDir: deps.dirCtx.sessionTmpDir(deps.sessionUid),
        },
        scope.agent,
      ),
      // Sub-agent runs never inherit dry/verbose (§2.11): their request carries none.
      base: { dry: o.dry, verbose: o.verbose, redoCount: scope.flowRedoCount },
      cancel: scope.trx,
      scope,
      chain: [...(o.agentChain ?? []), scope.agent.name],
    };
    const res = await runAgentInner(rc, scope.request.inputs, o.returnOutputs === true);
    return { outputs: res.outputs ?? null, afterAll: res.after_all ?? null, redoRequested: res.redo_requested };
  }

  private hostLimits(): Partial<RuntimeLimits> {
    const l = { ...(this.opts.limits ?? {}) };
    if (this.opts.requestTimeoutMs !== undefined) l.aiRequestTimeoutMs = this.opts.requestTimeoutMs;
    return l;
  }

  private deps(runtime: Runtime): RunDeps {
    let d = this.depsByRuntime.get(runtime);
    if (d) return d;
    const dirCtx = runtime.dirContext;
    const scriptEnv: ScriptEnv = {
      workspaceDir: dirCtx.workspaceDir,
      baseDir: dirCtx.baseDir,
      homeDir: dirCtx.homeDir,
      tmpDir: runtime.sessionTmpDir(),
      resolvePath: (p, baseDir) => dirCtx.resolvePath(p, { baseDir, sessionUid: runtime.session.uid }),
      withWriteLock: (abs, fn) => runtime.fileWrites.withWriteLock(abs, fn),
      log: (msg) => runtime.hub.message(msg),
      fileReadMaxBytes: () => d?.limits?.fileReadMaxBytes ?? DEFAULT_LIMITS.fileReadMaxBytes,
    };
    d = {
      host: runtime.host,
      hub: runtime.hub,
      mm: runtime.mm,
      rtStep: runtime.rtStep,
      rtModel: runtime.rtModel,
      rtLog: runtime.rtLog,
      dirCtx,
      sessionUid: runtime.session.uid,
      catalogs: [...(this.opts.catalogs ?? STATIC_CATALOGS)],
      execChat: this.opts.execChat ?? execChatFull,
      loadAgent: (name, o) => loadAgent(dirCtx, name, o.overrides, { baseDir: o.baseDir }),
      scriptEnv,
      cpuBudgetMs: this.opts.cpuBudgetMs,
      stream: this.opts.stream ?? true,
      retry: { ...DEFAULT_RETRY, ...(this.opts.retry ?? {}) },
      requestTimeoutMs: this.opts.requestTimeoutMs ?? DEFAULT_LIMITS.aiRequestTimeoutMs,
      limits: { ...DEFAULT_LIMITS, ...this.hostLimits() },
    };
    this.depsByRuntime.set(runtime, d);
    return d;
  }
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

/** Task rows per transaction: ~15 ms of work, so a 10,000-input run does not hold the event loop for 150 ms. */
const TASK_ROWS_CHUNK = 1000;

/**
 * The run's task rows (§6.6), in chunks with a turn of the event loop between (and before the
 * first when the loop is already held: runs started together would otherwise create all their
 * rows in one turn); stops at a cancel.
 */
async function createTaskRows(rc: RunCtx, inputs: unknown[]): Promise<Id[]> {
  const ids: Id[] = [];
  for (let at = 0; at < inputs.length; at += TASK_ROWS_CHUNK) {
    const turn = at > 0 ? new Promise<void>((resolve) => setImmediate(resolve)) : yieldIfBusy();
    if (turn) {
      await turn;
      if (rc.cancel.isCancelled()) break;
    }
    ids.push(...rc.deps.rtModel.createTasksBatch(rc.runId, inputs.slice(at, at + TASK_ROWS_CHUNK), at));
  }
  return ids;
}

/** The task list with bounded concurrency and the §2.13 failure rules; outputs when captured. */
async function runTasks(rc: RunCtx, beforeAll: unknown, inputs: unknown[], returnOutputs: boolean): Promise<unknown[] | undefined> {
  const { rtStep, rtModel, mm } = rc.deps;
  const { agent, runId } = rc;
  const capture = agent.afterAllScript !== undefined || returnOutputs;
  const concurrency = Math.max(1, agent.options.input_concurrency ?? 1);
  const allowFail = agent.options.allow_run_on_task_fail === true;
  rtModel.updateRunModelAndConcurrency(runId, agent.modelResolved, concurrency);
  const taskIds = await createTaskRows(rc, inputs);

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
        if (tasksCancel.isCancelled()) {
          // It failed on its own while another task's failure was cancelling the batch: its err row
          // is recorded, so close it too (the run's cancel sweep only closes tasks without an end state).
          if (TaskBmc.get(mm, taskId).end_err_id !== null) rtStep.taskEndErr(runId, taskId, err);
          throw err;
        }
        rtStep.taskEndErr(runId, taskId, err);
        if (allowFail) return { error: errorMessage(err) };
        tasksCancel.cancel('task failed');
        throw err;
      }
    });
    // A nil output is JSON null: inside the Lua `outputs` array it is the `null` sentinel, as
    // aipack's mlua conversion gives (so `#outputs == #inputs`; §2.10's "holes" note does not hold).
    return capture ? results.map((v) => (v === undefined ? null : v)) : undefined;
  } catch (err) {
    // The first real failure is what the pool rethrows; a cancel of the run stays a cancel.
    throw err;
  } finally {
    tasksCancel.release();
  }
}

/** `aip.agent.run` (§10.1): a child run through the Runtime, outputs always collected, dry/verbose not inherited. */
export async function runSubAgent(rc: RunCtx, name: string, opts: SubAgentOptions): Promise<RunAgentResponse> {
  if (!rc.scope) throw new Error('Cannot call agent, no parent run uid found');
  // A self-calling agent would otherwise nest until memory runs out: the chain is bounded.
  const chain = rc.chain ?? [rc.agent.name];
  const maxDepth = rc.deps.limits?.agentMaxDepth ?? DEFAULT_LIMITS.agentMaxDepth;
  if (chain.length > maxDepth) {
    throw new Error(
      `aip.agent.run - sub-agent depth limit of ${maxDepth} reached starting '${name}'; ` +
        `chain (top-level first): ${describeChain(chain)} ` +
        `(set 'agent_max_depth' under [limits] in config.toml, or AIPACK_AGENT_MAX_DEPTH)`,
    );
  }
  const agentOptions = opts.options ? toAgentOptions(opts.options, 'aip.agent.run options') : undefined;
  const runOptions: PipelineRunOptions = { agentOptions, returnOutputs: true, agentChain: chain };
  const result = await rc.scope.runtime.runSubAgent(rc.scope, name, opts.inputs, {
    options: runOptions as Record<string, unknown>,
    baseDir: opts.agentBaseDir ?? rc.agent.fileDir,
  });
  if (result.endState === 'Err') {
    const msg = errorMessage(result.error);
    if (result.runId === undefined) throw new Error(`Failed to find agent '${name}': ${msg}`, { cause: result.error });
    throw new Error(`Failed to run agent '${name}': ${msg}`, { cause: result.error });
  }
  const res: RunAgentResponse = { redo_requested: result.redoRequested };
  if (result.outputs !== null) res.outputs = result.outputs;
  if (result.afterAll !== null && result.afterAll !== undefined) res.after_all = result.afterAll;
  return res;
}

setSubAgentRunner(runSubAgent);

/** Claim this session (owner pid) and remove stale session dirs and temp files; never fails a run. */
function startupCleanup(aipackWksDir: string, sessionUid: string): true {
  try {
    claimSession(aipackWksDir, sessionUid);
  } catch {
    // A read-only workspace: nothing to claim, and nothing of ours to clean later.
  }
  try {
    cleanStaleSessions(aipackWksDir, sessionUid);
    cleanStaleTemps();
  } catch {
    // Best effort.
  }
  return true;
}

/** `a → b → b → b` as `a → b (×3)`: a self-calling chain stays one readable line. */
export function describeChain(chain: readonly string[]): string {
  const parts: string[] = [];
  for (let i = 0; i < chain.length; ) {
    let j = i;
    while (j < chain.length && chain[j] === chain[i]) j++;
    parts.push(j - i > 1 ? `'${chain[i]}' (×${j - i})` : `'${chain[i]}'`);
    i = j;
  }
  return parts.join(' → ');
}
