/**
 * The top-level runs started from this window that have not ended yet. Each
 * owns a VS Code CancellationTokenSource whose token the runtime maps onto the
 * run's CancelTrx (sub-agent runs are cancelled with it). Keeps the context key
 * `aipack.runActive` that swaps the editor's ▷ for ■ Cancel.
 */
import * as vscode from 'vscode';
import type { Id } from '../runtime/model/types';
import type { RunHandle, RunResult, Runtime } from '../runtime/runtime';

export const RUN_ACTIVE_CONTEXT_KEY = 'aipack.runActive';

export interface ActiveRun {
  /** Unique within the window (run ids repeat across folders' runtimes). */
  key: number;
  folder: vscode.WorkspaceFolder;
  runtime: Runtime;
  runId: Id;
  agentRef: string;
  agentName: string;
  handle: RunHandle;
  cts: vscode.CancellationTokenSource;
  startedAt: number;
}

export interface EndedRun {
  run: ActiveRun;
  result: RunResult;
  elapsedSec: number;
}

export class ActiveRuns implements vscode.Disposable {
  private readonly runs = new Map<number, ActiveRun>();
  private nextKey = 1;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly ended = new vscode.EventEmitter<EndedRun>();
  readonly onDidChange = this.changed.event;
  readonly onDidEnd = this.ended.event;

  constructor() {
    void this.syncContextKey();
  }

  list(): ActiveRun[] {
    return [...this.runs.values()];
  }

  get size(): number {
    return this.runs.size;
  }

  /** A source for a run about to start; `track` adopts it once the run has its id. */
  newCancellation(): vscode.CancellationTokenSource {
    return new vscode.CancellationTokenSource();
  }

  track(init: Omit<ActiveRun, 'key' | 'startedAt'>): ActiveRun {
    const run: ActiveRun = { ...init, key: this.nextKey++, startedAt: Date.now() };
    this.runs.set(run.key, run);
    this.changed.fire();
    void this.syncContextKey();
    void run.handle.done.then((result) => {
      this.runs.delete(run.key);
      run.cts.dispose();
      this.ended.fire({ run, result, elapsedSec: (Date.now() - run.startedAt) / 1000 });
      this.changed.fire();
      void this.syncContextKey();
    });
    return run;
  }

  cancel(run: ActiveRun): void {
    run.cts.cancel();
  }

  cancelAll(): void {
    for (const r of this.runs.values()) r.cts.cancel();
  }

  dispose(): void {
    this.cancelAll();
    this.changed.dispose();
    this.ended.dispose();
  }

  private syncContextKey(): Thenable<unknown> {
    return vscode.commands.executeCommand('setContext', RUN_ACTIVE_CONTEXT_KEY, this.runs.size > 0);
  }
}
