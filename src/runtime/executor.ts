/**
 * Executor (§7.2): every action (run, redo, sub-agent run, cancel, and the
 * host's own: open agent, work confirm/cancel) goes through `perform`, which
 * dispatches to the handler registered for its kind. Actions run concurrently;
 * `StartExec` goes out when the first starts and `EndExec` when the last ends,
 * `RunStart`/`RunEnd` around Run and Redo. A failing action is published as
 * an Error event and its promise rejects.
 */
import type { CancelTrx } from './cancel';
import { errorMessage } from './errors';
import type { Hub } from './hub';
import type { EndState, Id } from './model/types';

/** What to run: the agent as the user named it, its inputs and run options. */
export interface RunRequest {
  /** Agent name, pack ref or path, as given (`find_agent` input). */
  agentRef: string;
  /** Inputs; undefined = no inputs (one nil task if the agent has task stages). */
  inputs?: unknown[];
  /** Run options for the pipeline (AgentOptions overlay, dry mode, ...); opaque to the runtime. */
  options?: Record<string, unknown>;
  /** Directory relative agent names resolve against (sub-agents: caller's dir or `agent_base_dir`). */
  baseDir?: string;
  /** Set for sub-agent runs. */
  parentRunId?: Id;
  /** `CTX.RUN_FLOW_REDO_COUNT`: 0 for a fresh run, +1 per flow redo (set by the runtime). */
  flowRedoCount?: number;
  /** Redo chain membership (set by the runtime for flow redos, §7.6). */
  loop?: { loopId: Id; reopen?: boolean };
}

/** What a pipeline returns (aipack's RunAgentResponse). */
export interface RunResponse {
  outputs: unknown[] | null;
  afterAll: unknown;
  redoRequested: boolean;
}

/** How a run ended, as the caller sees it. Never a rejection: failures are `endState: 'Err'` with `error`. */
export interface RunResult extends RunResponse {
  /** Undefined when the run failed before its row was created (agent not found). */
  runId?: Id;
  /** The loop the run belongs to after it ended (created when a fresh top-level run asked for a redo). */
  loopId?: Id;
  endState: EndState;
  error?: Error;
}

export type ExecAction =
  | { kind: 'Run'; request: RunRequest; trx: CancelTrx; onRunId?: (runId: Id | undefined) => void }
  | { kind: 'Redo' }
  | { kind: 'RunSubAgent'; request: RunRequest; trx: CancelTrx; onRunId?: (runId: Id | undefined) => void }
  /** `runId` undefined: cancel every run in progress. */
  | { kind: 'CancelRun'; runId?: Id }
  | { kind: 'OpenAgent' }
  | { kind: 'WorkConfirm'; workId: Id }
  | { kind: 'WorkCancel'; workId: Id };

export type ExecActionKind = ExecAction['kind'];
export type ExecHandler<K extends ExecActionKind> = (action: Extract<ExecAction, { kind: K }>) => unknown | Promise<unknown>;

export class Executor {
  private readonly handlers = new Map<ExecActionKind, (action: ExecAction) => unknown>();
  private active = 0;

  constructor(private readonly hub: Hub) {}

  /** Install (or replace) the handler of an action kind. */
  register<K extends ExecActionKind>(kind: K, handler: ExecHandler<K>): void {
    this.handlers.set(kind, handler as (action: ExecAction) => unknown);
  }

  has(kind: ExecActionKind): boolean {
    return this.handlers.has(kind);
  }

  /** Actions in progress. */
  get activeCount(): number {
    return this.active;
  }

  async perform(action: ExecAction): Promise<unknown> {
    const handler = this.handlers.get(action.kind);
    if (!handler) {
      const err = new Error(`No handler for executor action '${action.kind}'`);
      this.hub.publish({ type: 'Error', message: err.message, error: err });
      throw err;
    }
    if (this.active++ === 0) this.hub.publish({ type: 'Executor', status: 'StartExec' });
    const isRun = action.kind === 'Run' || action.kind === 'Redo';
    if (isRun) this.hub.publish({ type: 'Executor', status: 'RunStart' });
    try {
      return await handler(action);
    } catch (err) {
      this.hub.publish({
        type: 'Error',
        message: `Fail to perform action '${action.kind}'.\nCause: ${errorMessage(err)}`,
        error: err,
      });
      throw err;
    } finally {
      if (isRun) this.hub.publish({ type: 'Executor', status: 'RunEnd' });
      if (--this.active === 0) this.hub.publish({ type: 'Executor', status: 'EndExec' });
    }
  }
}
