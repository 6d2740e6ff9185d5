/**
 * The Runs tree model, apart from any VS Code type (the pattern of
 * vscode-pull-request-github: a model that owns data and change events, and
 * thin nodes the provider renders). Sources are the runtimes of the workspace
 * folders; nodes are stable objects (VS Code keys tree elements by identity);
 * Hub events only mark runs dirty and a RefreshBatcher turns them into at
 * most one change notice per interval.
 */
import type { ModelManager } from '../../runtime/model/model-manager';
import { PinBmc } from '../../runtime/model/pin';
import { RunBmc } from '../../runtime/model/run';
import { TaskBmc } from '../../runtime/model/task';
import type { Id } from '../../runtime/model/types';
import type { HubEvent } from '../../runtime/hub';
import type { Runtime } from '../../runtime/runtime';
import { errorInfo, runView, taskView } from './node-view';
import { RefreshBatcher, realTimers, type TimerApi } from './refresh-batcher';
import { StartFailures, failureView, isStartFailure } from './start-failures';
import { type Collapsible, type FolderNode, type RunNode, type RunsChangeListener, type RunsNode, type RunsNodeView, type RunsSource, type TaskNode, runKey, taskKey } from './runs-nodes';
import { runModelAlias, runStats, taskPinCounts } from './run-stats';

export * from './runs-nodes';

export interface RunsTreeModelOptions {
  intervalMs?: number;
  timers?: TimerApi;
  /** Live durations of running rows are re-rendered this often (ms). */
  tickMs?: number;
}

const ROOT = 'root';

/** Tasks from which a run's rows are refreshed one by one while it runs. */
const BIG_RUN = 100;

export class RunsTreeModel {
  private sources: RunsSource[] = [];
  private readonly unsubscribe = new Map<string, () => void>();
  private readonly nodes = new Map<string, RunsNode>();
  /** Task rows of each run as last listed: a big run (see `BIG_RUN`) gets row-level refreshes. */
  private readonly listedTasks = new Map<string, number>();
  private readonly hidden = new Map<string, Set<Id>>();
  private readonly failures = new StartFailures();
  private readonly listeners = new Set<RunsChangeListener>();
  readonly batcher: RefreshBatcher<string>;
  private readonly timers: TimerApi;
  private readonly tickMs: number;
  private tickTimer: unknown;

  constructor(opts: RunsTreeModelOptions = {}) {
    this.timers = opts.timers ?? realTimers;
    this.tickMs = opts.tickMs ?? 1000;
    this.batcher = new RefreshBatcher((keys, all) => this.deliver(keys, all), opts.intervalMs ?? 250, this.timers);
  }

  onDidChange(listener: RunsChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Replace the set of runtimes (folders added/removed, a runtime created or disposed). */
  setSources(sources: RunsSource[]): void {
    const next = new Map(sources.map((s) => [s.key, s]));
    for (const [key, unsub] of this.unsubscribe) {
      const s = next.get(key);
      const old = this.sources.find((o) => o.key === key);
      if (!s || s.runtime !== old?.runtime) {
        unsub();
        this.unsubscribe.delete(key);
        this.forgetSource(key);
      }
    }
    this.sources = sources;
    for (const s of sources) {
      if (this.unsubscribe.has(s.key)) continue;
      this.unsubscribe.set(s.key, s.runtime.hub.subscribe((e) => this.onHubEvent(s, e)));
    }
    this.batcher.markAll();
    this.ensureTicker();
  }

  getSources(): readonly RunsSource[] {
    return this.sources;
  }

  // -- Tree structure

  roots(): RunsNode[] {
    const live = this.sources.filter((s) => !s.runtime.isDisposed);
    if (live.length > 1) return live.map((s) => this.node<FolderNode>(`${s.key}|folder`, () => ({ kind: 'folder', key: `${s.key}|folder`, source: s })));
    return live.length === 1 ? this.topRuns(live[0]) : [];
  }

  children(node?: RunsNode): RunsNode[] {
    if (!node) return this.roots();
    if (node.source.runtime.isDisposed) return [];
    if (node.kind === 'folder') return this.topRuns(node.source);
    if (node.kind === 'task' || node.kind === 'failure') return [];
    const mm = node.source.runtime.mm;
    const run = RunBmc.find(mm, node.runId);
    if (!run) return [];
    const alias = runModelAlias(mm, run.id);
    const pins = taskPinCounts(mm, run.id);
    const tasks = TaskBmc.listForRun(mm, run.id).map((task) => {
      const n = this.node<TaskNode>(taskKey(node.source, task.id), () => ({ kind: 'task', key: taskKey(node.source, task.id), source: node.source, runId: run.id, taskId: task.id }));
      n.snapshot = { task, runModel: run.model, alias, pinCount: pins.get(task.id) ?? 0 };
      return n;
    });
    this.listedTasks.set(node.key, tasks.length);
    const subRuns = RunBmc.listChildren(mm, run.id).map((r) => this.runNode(node.source, r.id));
    return [...tasks, ...subRuns];
  }

  /** The parent of a node (for TreeView.reveal). */
  parent(node: RunsNode): RunsNode | undefined {
    if (node.kind === 'folder') return undefined;
    if (node.kind === 'failure') {
      return this.sources.length > 1 ? this.node<FolderNode>(`${node.source.key}|folder`, () => ({ kind: 'folder', key: `${node.source.key}|folder`, source: node.source })) : undefined;
    }
    const mm = node.source.runtime.mm;
    const parentRun = node.kind === 'task' ? node.runId : RunBmc.find(mm, node.runId)?.parent_id ?? undefined;
    if (parentRun !== undefined && parentRun !== null) return this.runNode(node.source, parentRun);
    return this.sources.length > 1 ? this.node<FolderNode>(`${node.source.key}|folder`, () => ({ kind: 'folder', key: `${node.source.key}|folder`, source: node.source })) : undefined;
  }

  view(node: RunsNode): RunsNodeView {
    const mm = node.source.runtime.mm;
    const now = mm.now();
    if (node.kind === 'folder') {
      const active = node.source.runtime.activeRunIds().length;
      return {
        label: node.source.name,
        description: active > 0 ? `${active} running` : '',
        tooltip: `Runs of the workspace folder **${node.source.name}**`,
        icon: { id: 'root-folder' },
        state: active > 0 ? 'running' : 'ok',
        contextValue: 'folder',
        collapsible: 'expanded',
      };
    }
    if (node.kind === 'failure') return failureView(node);
    if (node.kind === 'run') {
      const run = RunBmc.get(mm, node.runId);
      const stats = runStats(mm, run.id);
      const v = runView({
        run,
        stats,
        now,
        alias: runModelAlias(mm, run.id),
        error: run.end_state === 'Err' ? errorInfo(mm, run.end_err_id) : undefined,
        pins: PinBmc.listForRun(mm, run.id),
      });
      const hasChildren = stats.tasks > 0 || RunBmc.listChildren(mm, run.id).length > 0;
      const collapsible: Collapsible = run.end === null ? 'expanded' : hasChildren ? 'collapsed' : 'none';
      return { ...v, collapsible };
    }
    const snap = node.snapshot;
    node.snapshot = undefined;
    const task = snap?.task ?? TaskBmc.get(mm, node.taskId);
    const runModel = snap ? snap.runModel : RunBmc.get(mm, node.runId).model;
    const alias = snap ? snap.alias : runModelAlias(mm, node.runId);
    const failed = task.end_state === 'Err';
    const pins = (snap?.pinCount ?? 1) > 0 ? PinBmc.listForTask(mm, task.id) : [];
    const v = taskView({ task, runModel, now, alias, error: failed ? errorInfo(mm, task.end_err_id) : undefined, pins });
    return { ...v, collapsible: 'none' };
  }

  // -- Actions

  /** Hide every ended top-level run (rows stay in the DB); returns how many were hidden. */
  clearFinished(): number {
    let n = 0;
    for (const s of this.sources) {
      if (s.runtime.isDisposed) continue;
      const set = this.hiddenSet(s.key);
      for (const run of RunBmc.list(s.runtime.mm, { parent_id: null })) {
        if (run.end !== null && !set.has(run.id)) {
          set.add(run.id);
          n++;
        }
      }
    }
    n += this.failures.clear();
    this.pruneHidden();
    this.batcher.markAll();
    this.batcher.flush();
    return n;
  }

  /** Full refresh now. */
  refresh(): void {
    this.batcher.markAll();
    this.batcher.flush();
  }

  /** Mark a run dirty (also used by tests and commands). */
  markRun(source: RunsSource, runId: Id): void {
    this.batcher.mark(runKey(source, runId));
    this.ensureTicker();
  }

  findRunNode(sourceKey: string, runId: Id): RunNode | undefined {
    const s = this.sources.find((x) => x.key === sourceKey);
    return s ? this.runNode(s, runId) : undefined;
  }

  dispose(): void {
    for (const unsub of this.unsubscribe.values()) unsub();
    this.unsubscribe.clear();
    this.batcher.dispose();
    if (this.tickTimer !== undefined) this.timers.clear(this.tickTimer);
    this.tickTimer = undefined;
    this.listeners.clear();
    this.nodes.clear();
  }

  // -- Internals

  private topRuns(s: RunsSource): RunsNode[] {
    const hidden = this.hidden.get(s.key);
    const runs = RunBmc.list(s.runtime.mm, { parent_id: null }, { orderBy: 'id DESC' }).filter((r) => !hidden?.has(r.id));
    return this.failures.interleave(
      s.key,
      runs.map((r) => ({ ctime: r.ctime, node: this.runNode(s, r.id) })),
    );
  }

  private runNode(s: RunsSource, runId: Id): RunNode {
    const key = runKey(s, runId);
    return this.node<RunNode>(key, () => ({ kind: 'run', key, source: s, runId }));
  }

  private node<T extends RunsNode>(key: string, make: () => T): T {
    let n = this.nodes.get(key) as T | undefined;
    if (!n) {
      n = make();
      this.nodes.set(key, n);
    }
    return n;
  }

  private hiddenSet(key: string): Set<Id> {
    let set = this.hidden.get(key);
    if (!set) this.hidden.set(key, (set = new Set()));
    return set;
  }

  private onHubEvent(s: RunsSource, e: HubEvent): void {
    if (isStartFailure(e)) {
      this.failures.record(s, e);
      this.batcher.mark(`${s.key}|${ROOT}`);
      return;
    }
    if (e.type === 'RunStarted' || e.type === 'RunEnded') {
      this.markRunOrParent(s, e.runId, e.parentRunId);
      this.ensureTicker();
      return;
    }
    if (e.type !== 'Model') return;
    const ev = e.event;
    const runId = ev.rel_ids.run_id;
    // A refreshed run node makes the view list all its children again. While a big run is active
    // the ticker refreshes it every tick anyway: its own updates wait for the tick and a changed
    // task refreshes just its row. Small runs keep whole-run refreshes (cheap, simplest to follow).
    switch (ev.entity) {
      case 'Run':
        if (ev.action === 'Created' && runId !== undefined) {
          const run = RunBmc.find(s.runtime.mm, runId);
          this.markRunOrParent(s, runId, run?.parent_id ?? undefined, true);
        } else if (runId !== undefined) {
          if (!this.ticked(s, runId)) this.batcher.mark(runKey(s, runId));
        } else this.batcher.mark(`${s.key}|${ROOT}`);
        return;
      case 'Task':
        if (runId === undefined) return;
        if (ev.action === 'Updated' && ev.id !== undefined && this.ticked(s, runId)) {
          const key = taskKey(s, ev.id);
          // A row the view has not shown yet comes with the next listing.
          if (this.nodes.has(key)) this.batcher.mark(key);
          return;
        }
        this.batcher.mark(runKey(s, runId));
        return;
      case 'Err':
      case 'Pin':
        if (runId !== undefined) this.batcher.mark(runKey(s, runId));
        return;
      default:
        return;
    }
  }

  /** Whether this run gets row-level refreshes: big, listed, and refreshed by the ticker (active). */
  private ticked(s: RunsSource, runId: Id): boolean {
    if ((this.listedTasks.get(runKey(s, runId)) ?? 0) < BIG_RUN) return false;
    return this.tickTimer !== undefined && s.runtime.activeRunIds().includes(runId);
  }

  /** A new run changes its parent's children (or the roots). */
  private markRunOrParent(s: RunsSource, runId: Id, parentRunId: Id | undefined, created = false): void {
    if (created) this.batcher.mark(parentRunId !== undefined ? runKey(s, parentRunId) : `${s.key}|${ROOT}`);
    else this.batcher.mark(runKey(s, runId));
  }

  private deliver(keys: ReadonlySet<string>, all: boolean): void {
    let out: RunsNode[] | undefined = [];
    if (!all) {
      for (const key of keys) {
        if (key.endsWith(`|${ROOT}`)) {
          const folder = this.nodes.get(key.slice(0, -ROOT.length) + 'folder');
          if (this.sources.length > 1 && folder) out.push(folder);
          else {
            out = undefined;
            break;
          }
          continue;
        }
        const n = this.nodes.get(key);
        if (n) out.push(n);
      }
      if (out && out.length === 0) return;
    } else out = undefined;
    for (const l of [...this.listeners]) l(out);
  }

  /** While runs are active, re-render them every tick so durations stay live. */
  private ensureTicker(): void {
    if (this.tickTimer !== undefined) return;
    if (!this.sources.some((s) => !s.runtime.isDisposed && s.runtime.activeRunIds().length > 0)) return;
    this.tickTimer = this.timers.set(() => {
      this.tickTimer = undefined;
      for (const s of this.sources) {
        if (s.runtime.isDisposed) continue;
        for (const id of s.runtime.activeRunIds()) this.batcher.mark(runKey(s, id));
      }
      this.ensureTicker();
    }, this.tickMs);
  }

  private forgetSource(key: string): void {
    for (const k of [...this.nodes.keys()]) if (k.startsWith(`${key}|`)) this.nodes.delete(k);
    for (const k of [...this.listedTasks.keys()]) if (k.startsWith(`${key}|`)) this.listedTasks.delete(k);
    this.hidden.delete(key);
  }

  /** Drop cached nodes of hidden runs and their tasks so a long session does not keep them. */
  private pruneHidden(): void {
    for (const s of this.sources) {
      const set = this.hidden.get(s.key);
      if (!set || s.runtime.isDisposed) continue;
      for (const runId of set) this.forgetRunTree(s, s.runtime.mm, runId);
    }
  }

  private forgetRunTree(s: RunsSource, mm: ModelManager, runId: Id): void {
    this.nodes.delete(runKey(s, runId));
    this.listedTasks.delete(runKey(s, runId));
    for (const t of TaskBmc.listForRun(mm, runId)) this.nodes.delete(taskKey(s, t.id));
    for (const c of RunBmc.listChildren(mm, runId)) this.forgetRunTree(s, mm, c.id);
  }
}
