/**
 * The top-level runs started from this window that have not ended yet. Each
 * owns a VS Code CancellationTokenSource whose token the runtime maps onto the
 * run's CancelTrx (sub-agent runs are cancelled with it). Keeps the context key
 * `aipack.runActive` that swaps the editor's ▷ for ■ Cancel.
 */
import * as vscode from 'vscode';
import { RunBmc } from '../runtime/model/run';
import type { Id } from '../runtime/model/types';
import type { RunHandle, RunResult, Runtime } from '../runtime/runtime';
import { agentDisplayName } from './agent-pick';
import type { RuntimeRegistry } from './runtime-registry';

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

  isTracked(runtime: Runtime, runId: Id): boolean {
    for (const r of this.runs.values()) if (r.runtime === runtime && r.runId === runId) return true;
    return false;
  }

  /**
   * Top-level runs not started through the run commands (a flow redo, a rerun
   * the Runs view starts itself) are adopted too, so the status bar shows them
   * and Cancel reaches them.
   */
  followRegistry(registry: RuntimeRegistry): vscode.Disposable {
    const watched = new WeakSet<Runtime>();
    const sync = () => {
      for (const { folder, runtime } of registry.entries()) {
        if (watched.has(runtime)) continue;
        watched.add(runtime);
        runtime.hub.subscribe((e) => {
          // After a tick: a run started by RunService is tracked once rt.runAgent has resolved.
          if (e.type === 'RunStarted' && e.parentRunId === undefined) setTimeout(() => this.adopt(folder, runtime, e.runId), 0);
        });
      }
    };
    sync();
    return registry.onDidChange(sync);
  }

  private adopt(folder: vscode.WorkspaceFolder, runtime: Runtime, runId: Id): void {
    if (runtime.isDisposed || this.isTracked(runtime, runId)) return;
    const row = RunBmc.find(runtime.mm, runId);
    if (!row || row.end !== null) return;
    const done = new Promise<RunResult>((resolve) => {
      const off = runtime.hub.subscribe((e) => {
        if (e.type !== 'RunEnded' || e.runId !== runId) return;
        off();
        resolve({ outputs: null, afterAll: null, redoRequested: false, runId, endState: e.endState ?? 'Ok' });
      });
    });
    const cts = new vscode.CancellationTokenSource();
    const link = runtime.linkCancellation(runId, cts.token);
    void done.then(() => link.dispose());
    const agentRef = row.agent_path ?? row.agent_name ?? `run #${runId}`;
    this.track({ folder, runtime, runId, agentRef, agentName: agentDisplayName(row.agent_name ?? agentRef), handle: { runId, done, cancel: () => cts.cancel() }, cts });
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
