/**
 * Runtime (§7.1): one per workspace folder. Owns the run database, the Hub,
 * the Executor, cancellation, the file write manager and the session; hosts
 * talk to it through its methods and Hub events only.
 *
 * The stage pipeline plugs in as a `RunPipeline`: `resolveAgent` finds and
 * loads the agent (no run row yet), `execute` runs the stages of a started
 * run. The Runtime owns everything around it (aipack's run_agent_with_identity):
 * run row creation (loop member or sub-agent child), `runStart`, racing the
 * pipeline against the run's cancel, the end step (Ok/Err/Cancel), loop
 * bookkeeping (§7.6) and flow-redo scheduling.
 */
import type { Agent } from './agent/types';
import { CancelBroadcast, type CancellationTokenLike, type CancelTrx, linkCancellationToken } from './cancel';
import type { DirContext } from './dir-context/dir-context';
import { AipError, errorMessage } from './errors';
import { type ExecAction, Executor, type RunRequest, type RunResponse, type RunResult } from './executor';
import { FileWriteManager } from './file-write-manager';
import type { Host } from './host';
import { Hub, type HubOptions } from './hub';
import { ModelManager } from './model/model-manager';
import { RunBmc } from './model/run';
import { WorkBmc } from './model/work';
import type { Id } from './model/types';
import { RtLog } from './rt-log';
import { RtModel } from './rt-model';
import { RtStep } from './rt-step';
import { Session } from './session';

export type { RunRequest, RunResponse, RunResult } from './executor';

/** Everything a pipeline gets for one started run. */
export interface RunScope {
  runtime: Runtime;
  runId: Id;
  runUid: string;
  parentRunId?: Id;
  agent: Agent;
  request: RunRequest;
  /** The run's cancellation: `trx.signal` for HTTP, `trx.isCancelled()` for the Lua hook. */
  trx: CancelTrx;
  flowRedoCount: number;
}

export interface RunPipeline {
  /** Find, parse and configure the agent. Throwing here means no run row (the error is published). */
  resolveAgent(runtime: Runtime, request: RunRequest): Promise<Agent>;
  /**
   * Run the stages of a started run (Before All … After All), writing
   * rtStep/rtModel/rtLog rows. Must not call runStart/runEnd*: the Runtime
   * does. Throw to end the run with Err (record the stage via
   * `rtModel.setRunEndError` first, or throw an AipError with a stage).
   */
  execute(scope: RunScope): Promise<RunResponse>;
}

export interface RuntimeOptions {
  host: Host;
  dirContext: DirContext;
  pipeline?: RunPipeline;
  /** Delay before a flow redo (§7.6); 500 ms as aipack. */
  redoDelayMs?: number;
  hub?: HubOptions;
}

export interface RunAgentOptions {
  options?: Record<string, unknown>;
  baseDir?: string;
  /** A VS Code-like token mapped onto this run's cancellation. */
  cancellationToken?: CancellationTokenLike;
}

export interface RunHandle {
  /** Undefined when the run failed before its row existed (then `done` is already settled with Err). */
  runId?: Id;
  /** Always resolves (never rejects). */
  done: Promise<RunResult>;
  /** Cancel this run and its sub-agent runs. */
  cancel(): void;
}

interface RedoCtx {
  request: RunRequest;
  loopId?: Id;
  redoRequested: boolean;
  flowRedoCount: number;
}

const EMPTY: RunResponse = { outputs: null, afterAll: null, redoRequested: false };

export class Runtime {
  readonly host: Host;
  readonly dirContext: DirContext;
  readonly mm: ModelManager;
  readonly hub: Hub;
  readonly executor: Executor;
  readonly cancels = new CancelBroadcast();
  readonly fileWrites = new FileWriteManager();
  readonly session: Session;
  readonly rtLog: RtLog;
  readonly rtStep: RtStep;
  readonly rtModel: RtModel;
  pipeline?: RunPipeline;

  private readonly redoDelayMs: number;
  private readonly activeRuns = new Map<Id, CancelTrx>();
  private redoCtx?: RedoCtx;
  private redoTimer?: ReturnType<typeof setTimeout>;
  private lastAgentFile?: string;
  private disposed = false;

  private constructor(opts: RuntimeOptions, mm: ModelManager) {
    this.host = opts.host;
    this.dirContext = opts.dirContext;
    this.pipeline = opts.pipeline;
    this.redoDelayMs = opts.redoDelayMs ?? 500;
    this.hub = new Hub(opts.hub);
    this.mm = mm;
    mm.setEventSink((event) => this.hub.publish({ type: 'Model', event }));
    this.session = new Session(opts.dirContext.sessionUid);
    this.executor = new Executor(this.hub);
    this.rtLog = new RtLog(mm, this.hub);
    this.rtStep = new RtStep(mm, this.hub, this.rtLog);
    this.rtModel = new RtModel(mm, this.hub, this.rtLog, opts.dirContext.workspaceDir);
    this.registerHandlers();
  }

  /** Async because sql.js loads its wasm. */
  static async create(opts: RuntimeOptions): Promise<Runtime> {
    const mm = await ModelManager.create({ clock: () => opts.host.nowMicros() });
    return new Runtime(opts, mm);
  }

  // -- Host API

  /** Start a top-level run. Resolves once the run row exists (or the agent failed to resolve). */
  async runAgent(agentRef: string, inputs?: unknown[], opts: RunAgentOptions = {}): Promise<RunHandle> {
    const trx = this.cancels.newTrx();
    const link = opts.cancellationToken ? linkCancellationToken(opts.cancellationToken, trx) : undefined;
    const request: RunRequest = { agentRef, inputs, options: opts.options, baseDir: opts.baseDir };
    return this.start({ kind: 'Run', request, trx }, trx, () => link?.dispose());
  }

  /** A sub-agent run (§10.1) of `parent`: cancelled with it. Resolves when the child run ends. */
  async runSubAgent(parent: RunScope, agentRef: string, inputs?: unknown[], opts: Omit<RunAgentOptions, 'cancellationToken'> = {}): Promise<RunResult> {
    const trx = this.cancels.newTrx(parent.trx);
    const request: RunRequest = { agentRef, inputs, options: opts.options, baseDir: opts.baseDir, parentRunId: parent.runId };
    const handle = await this.start({ kind: 'RunSubAgent', request, trx }, trx);
    return handle.done;
  }

  /** Manual redo of the last top-level run (count reset to 0, not a loop member). */
  async redo(): Promise<RunResult | undefined> {
    return (await this.executor.perform({ kind: 'Redo' }).catch((err) => failResult(err))) as RunResult | undefined;
  }

  /** Cancel one run (and its sub-agent runs). False when it is not running. */
  cancelRun(runId: Id): boolean {
    const trx = this.activeRuns.get(runId);
    if (!trx) return false;
    trx.cancel();
    return true;
  }

  /** Cancel every run in progress (runs started afterwards are unaffected). */
  cancelAll(): void {
    this.cancels.cancelAll();
  }

  /** Map a host token onto a running run. */
  linkCancellation(runId: Id, token: CancellationTokenLike): { dispose(): void } {
    const trx = this.activeRuns.get(runId);
    return trx ? linkCancellationToken(token, trx) : { dispose() {} };
  }

  activeRunIds(): Id[] {
    return [...this.activeRuns.keys()];
  }

  /** The `$tmp` dir of this session, when there is a workspace. */
  sessionTmpDir(): string | undefined {
    return this.dirContext.sessionTmpDir(this.session.uid);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.redoTimer) clearTimeout(this.redoTimer);
    this.cancelAll();
    this.mm.close();
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  // -- Executor handlers

  private registerHandlers(): void {
    this.executor.register('Run', async (a) => {
      this.redoCtx = undefined;
      const result = await this.executeRun({ ...a.request, flowRedoCount: 0, loop: undefined }, a.trx, a.onRunId);
      this.afterTopLevel(a.request, result, 0);
      return result;
    });
    this.executor.register('Redo', async () => {
      const ctx = this.redoCtx;
      this.redoCtx = undefined;
      if (!ctx) {
        this.hub.infoShort('Agent currently running, wait until done.');
        return undefined;
      }
      const count = ctx.redoRequested ? ctx.flowRedoCount + 1 : 0;
      const loop = ctx.redoRequested && ctx.loopId !== undefined ? { loopId: ctx.loopId } : undefined;
      const result = await this.executeRun({ ...ctx.request, flowRedoCount: count, loop }, this.cancels.newTrx());
      if (result.endState === 'Err') this.redoCtx = { request: ctx.request, redoRequested: false, flowRedoCount: ctx.flowRedoCount };
      else this.afterTopLevel(ctx.request, result, count);
      return result;
    });
    this.executor.register('RunSubAgent', (a) => this.executeRun(a.request, a.trx, a.onRunId));
    this.executor.register('CancelRun', (a) => (a.runId === undefined ? this.cancelAll() : this.cancelRun(a.runId)));
    this.executor.register('OpenAgent', async () => (this.lastAgentFile ? this.host.openFile(this.lastAgentFile) : undefined));
    // WorkConfirm (install the pack, then re-send the saved Run) needs the installer: registered by the integrator.
    this.executor.register('WorkCancel', (a) => {
      WorkBmc.update(this.mm, a.workId, { end: this.mm.now(), end_state: 'Cancel' });
      this.hub.publish({ type: 'RtModelChange' });
    });
  }

  private afterTopLevel(request: RunRequest, result: RunResult, flowRedoCount: number): void {
    const redoRequested = result.endState === 'Ok' && result.redoRequested;
    this.redoCtx = { request, loopId: result.loopId, redoRequested, flowRedoCount };
    if (redoRequested && !this.disposed) {
      this.redoTimer = setTimeout(() => {
        this.redoTimer = undefined;
        if (!this.disposed) this.executor.perform({ kind: 'Redo' }).catch(() => {});
      }, this.redoDelayMs);
    }
  }

  // -- The run wrapper

  private async start(action: ExecAction & { kind: 'Run' | 'RunSubAgent' }, trx: CancelTrx, cleanup?: () => void): Promise<RunHandle> {
    let bindRunId!: (id: Id | undefined) => void;
    const bound = new Promise<Id | undefined>((resolve) => (bindRunId = resolve));
    action.onRunId = bindRunId;
    const done = (this.executor.perform(action) as Promise<RunResult>)
      .catch((err) => failResult(err))
      .finally(() => cleanup?.());
    done.then((r) => bindRunId(r.runId));
    const runId = await bound;
    return { runId, done, cancel: () => trx.cancel() };
  }

  private async executeRun(request: RunRequest, trx: CancelTrx, onRunId?: (id: Id | undefined) => void): Promise<RunResult> {
    const isTop = request.parentRunId === undefined;
    let agent: Agent;
    let runId: Id;
    try {
      if (this.disposed) throw new Error('The runtime is disposed');
      if (!this.pipeline) throw new Error('No run pipeline is installed in this runtime');
      agent = await this.pipeline.resolveAgent(this, request);
      runId = this.rtModel.createRun(agent, { parentRunId: request.parentRunId, loop: isTop ? request.loop : undefined });
    } catch (err) {
      trx.release();
      if (isTop && request.loop) this.safe(() => this.rtModel.setLoopPending(request.loop!.loopId, false));
      this.hub.publish({ type: 'Error', message: errorMessage(err), error: err, agentRef: request.agentRef, parentRunId: request.parentRunId });
      onRunId?.(undefined);
      return failResult(err);
    }
    if (isTop) this.lastAgentFile = agent.filePath;
    const loopId = isTop ? request.loop?.loopId : undefined;
    const flowRedoCount = request.flowRedoCount ?? 0;
    this.activeRuns.set(runId, trx);
    try {
      if (isTop) this.rtModel.updateRunFlowRedoCount(runId, flowRedoCount);
      this.rtStep.runStart(runId);
      onRunId?.(runId);
      const scope: RunScope = { runtime: this, runId, runUid: RunBmc.get(this.mm, runId).uid, parentRunId: request.parentRunId, agent, request, trx, flowRedoCount };
      type Outcome = { kind: 'ok'; resp: RunResponse } | { kind: 'err'; err: unknown } | { kind: 'cancel' };
      const exec: Promise<Outcome> = Promise.resolve()
        .then(() => this.pipeline!.execute(scope))
        .then((resp) => ({ kind: 'ok' as const, resp }), (err) => ({ kind: 'err' as const, err }));
      const cancelled: Promise<Outcome> = trx.cancelled.then(() => ({ kind: 'cancel' as const }));
      let outcome = await Promise.race([exec, cancelled]);
      // A pipeline that stops because of the cancel reports a cancel, not an error.
      if (outcome.kind === 'err' && trx.isCancelled()) outcome = { kind: 'cancel' };
      return this.finishRun(runId, isTop, loopId, outcome);
    } catch (err) {
      // The DB itself failed (e.g. disposed mid-run): still settle the caller.
      onRunId?.(runId);
      return failResult(err, runId);
    } finally {
      this.activeRuns.delete(runId);
      trx.release();
      if (isTop) this.fileWrites.swapIfUsed();
    }
  }

  private finishRun(
    runId: Id,
    isTop: boolean,
    loopId: Id | undefined,
    outcome: { kind: 'ok'; resp: RunResponse } | { kind: 'err'; err: unknown } | { kind: 'cancel' },
  ): RunResult {
    if (outcome.kind === 'cancel') {
      this.rtStep.runEndCanceled(runId);
      if (loopId !== undefined) this.rtModel.setLoopPending(loopId, false);
      return { ...EMPTY, runId, loopId, endState: 'Cancel' };
    }
    if (outcome.kind === 'err') {
      this.rtStep.runEndErr(runId, outcome.err);
      if (loopId !== undefined) this.rtModel.setLoopPending(loopId, false);
      const error = toError(outcome.err);
      const stage = error instanceof AipError ? error.stage : undefined;
      this.hub.publish({ type: 'Error', message: error.message, error, runId, stage });
      return { ...EMPTY, runId, loopId, endState: 'Err', error };
    }
    this.rtStep.runEndOk(runId);
    const endState = RunBmc.get(this.mm, runId).end_state ?? 'Ok';
    let outLoop = loopId;
    if (loopId !== undefined) this.rtModel.setLoopPending(loopId, outcome.resp.redoRequested);
    else if (isTop && outcome.resp.redoRequested) outLoop = this.rtModel.createLoopForRun(runId);
    return { ...outcome.resp, runId, loopId: outLoop, endState };
  }

  private safe(fn: () => void): void {
    try {
      fn();
    } catch {
      // Best effort bookkeeping on an already-failing path.
    }
  }
}

function toError(err: unknown): Error {
  return err instanceof Error ? err : new Error(errorMessage(err));
}

function failResult(err: unknown, runId?: Id): RunResult {
  return { ...EMPTY, runId, endState: 'Err', error: toError(err) };
}
