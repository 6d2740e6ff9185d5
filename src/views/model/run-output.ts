/**
 * What the "AIPack Runs" output channel shows: RtLog rows, agent prints, skips,
 * task errors and string outputs, run start/end lines, each prefixed with its
 * run and task. Each run keeps (and emits) at most `maxLinesPerRun` lines; one
 * notice says when a run hit the cap, and its end line always gets through.
 */
import type { HubEvent } from '../../runtime/hub';
import type { Log } from '../../runtime/model/log';
import type { ModelManager } from '../../runtime/model/model-manager';
import { RunBmc } from '../../runtime/model/run';
import { TaskBmc } from '../../runtime/model/task';
import type { Id } from '../../runtime/model/types';
import { terminalSafe } from '../../runtime/terminal-safe';
import { durationMs, formatCost, formatDuration, formatTokens, joinParts } from './format';
import { errorInfo } from './node-view';
import { runStats } from './run-stats';

export type OutLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

export interface OutLine {
  level: OutLevel;
  text: string;
  runId?: Id;
}

export interface RunOutputOptions {
  /** Lines kept and emitted per run (the "output line cap" setting). */
  maxLinesPerRun: number;
  /** Prefix for every line, e.g. the folder name when there are several. */
  prefix?: string;
  /** How many runs keep their retained lines (oldest forgotten first). */
  maxRuns?: number;
}

interface RunBuf {
  lines: OutLine[];
  emitted: number;
  capped: boolean;
  /** Task error messages already printed (a task error usually fails its run with the same message). */
  errors: Set<string>;
}

const LEVEL_OF: Record<string, OutLevel> = {
  SysInfo: 'info',
  SysWarn: 'warn',
  SysError: 'error',
  SysDebug: 'debug',
  AgentPrint: 'info',
  AgentSkip: 'info',
};

export class RunOutputModel {
  private readonly runs = new Map<Id, RunBuf>();
  private readonly taskIdx = new Map<Id, number>();
  maxLinesPerRun: number;

  constructor(
    private readonly mm: ModelManager,
    private readonly opts: RunOutputOptions,
  ) {
    this.maxLinesPerRun = Math.max(1, Math.floor(opts.maxLinesPerRun));
  }

  /** Lines to append for one Hub event (already capped). */
  handle(e: HubEvent): OutLine[] {
    try {
      return this.linesFor(e);
    } catch {
      // A row deleted or a DB closed under us: the channel just skips the line.
      return [];
    }
  }

  /** The retained lines of a run (at most the cap). */
  retained(runId: Id): readonly OutLine[] {
    return this.runs.get(runId)?.lines ?? [];
  }

  private linesFor(e: HubEvent): OutLine[] {
    switch (e.type) {
      case 'RunStarted': {
        const run = RunBmc.get(this.mm, e.runId);
        const parent = e.parentRunId !== undefined ? ` (sub-agent of run ${e.parentRunId})` : '';
        return this.push(e.runId, 'info', undefined, `▶ ${run.agent_name ?? run.agent_path ?? 'agent'}${parent}`);
      }
      case 'RunEnded':
        return this.runEnd(e.runId, e.endState);
      case 'Log':
        return this.logLines(e.log);
      case 'Error':
        // Run and task errors are printed from their rows (task end, run end); only run-less failures come from here.
        if (e.runId !== undefined || e.taskId !== undefined) return [];
        return [{ level: 'error', text: this.prefix(undefined, undefined) + terminalSafe(e.message) }];
      default:
        return [];
    }
  }

  private logLines(log: Log): OutLine[] {
    if (log.kind === 'RunStep') return log.step === 'TaskEnd' && log.task_id !== null ? this.taskEnd(log.run_id, log.task_id) : [];
    if (log.message === null && log.kind !== 'AgentSkip') return [];
    const level = LEVEL_OF[log.kind ?? ''] ?? 'info';
    const tag = log.kind === 'AgentPrint' ? 'print' : log.kind === 'AgentSkip' ? 'skip' : undefined;
    const msg = log.kind === 'AgentSkip' ? log.message ?? '(no reason)' : (log.message ?? '');
    return this.push(log.run_id, level, log.task_id ?? undefined, joinParts([log.stage ?? undefined, tag]) ? `${joinParts([log.stage ?? undefined, tag])}: ${msg}` : msg);
  }

  private taskEnd(runId: Id, taskId: Id): OutLine[] {
    const task = TaskBmc.get(this.mm, taskId);
    this.taskIdx.set(taskId, task.idx ?? taskId);
    if (task.end_state === 'Err') {
      const err = errorInfo(this.mm, task.end_err_id);
      if (err) this.buf(runId).errors.add(err.message);
      return this.push(runId, 'error', taskId, `${err?.stage ? `${err.stage}: ` : ''}${err?.message ?? 'failed'}`);
    }
    const output = TaskBmc.outputForDisplay(this.mm, task);
    if (task.end_state === 'Ok' && output !== undefined) return this.push(runId, 'info', taskId, `output: ${output}`);
    return [];
  }

  private runEnd(runId: Id, endState: string | null): OutLine[] {
    const run = RunBmc.get(this.mm, runId);
    const stats = runStats(this.mm, runId);
    const ms = durationMs(run.start, run.end, this.mm.now());
    const tokens = stats.promptTokens + stats.completionTokens;
    const text = joinParts([
      `■ ${endState ?? 'ended'}`,
      stats.tasks ? `${stats.tasks} task${stats.tasks === 1 ? '' : 's'}` : undefined,
      ms !== undefined ? formatDuration(ms) : undefined,
      tokens ? formatTokens(tokens) : undefined,
      run.total_cost ? formatCost(run.total_cost) : undefined,
    ]);
    const out: OutLine[] = [];
    const err = run.end_state === 'Err' ? errorInfo(this.mm, run.end_err_id) : undefined;
    if (err && !this.buf(runId).errors.has(err.message)) out.push(...this.push(runId, 'error', undefined, `${err.stage ? `${err.stage}: ` : ''}${err.message}`, true));
    out.push(...this.push(runId, endState === 'Err' ? 'error' : 'info', undefined, text, true));
    return out;
  }

  /** Append one (possibly multi-line) message under a run, respecting the cap. */
  private push(runId: Id, level: OutLevel, taskId: Id | undefined, message: string, force = false): OutLine[] {
    const buf = this.buf(runId);
    const prefix = this.prefix(runId, taskId);
    const out: OutLine[] = [];
    for (const line of message.split(/\r?\n/)) {
      if (buf.emitted >= this.maxLinesPerRun && !force) {
        if (!buf.capped) {
          buf.capped = true;
          out.push({ level: 'warn', text: `${this.prefix(runId, undefined)}… output capped at ${this.maxLinesPerRun} lines for this run (see the run document)`, runId });
        }
        break;
      }
      // Model output and file names stay text in the channel (no escape sequences passed through).
      const l: OutLine = { level, text: prefix + terminalSafe(line), runId };
      buf.emitted++;
      buf.lines.push(l);
      if (buf.lines.length > this.maxLinesPerRun) buf.lines.shift();
      out.push(l);
    }
    return out;
  }

  private prefix(runId: Id | undefined, taskId: Id | undefined): string {
    const where = runId === undefined ? 'aipack' : taskId === undefined ? `run ${runId}` : `run ${runId} · task ${this.idxOf(taskId)}`;
    return `[${this.opts.prefix ? `${this.opts.prefix}: ` : ''}${where}] `;
  }

  private idxOf(taskId: Id): number {
    let idx = this.taskIdx.get(taskId);
    if (idx === undefined) {
      idx = TaskBmc.find(this.mm, taskId)?.idx ?? taskId;
      this.taskIdx.set(taskId, idx);
      if (this.taskIdx.size > 20_000) this.taskIdx.delete(this.taskIdx.keys().next().value as Id);
    }
    return idx;
  }

  private buf(runId: Id): RunBuf {
    let b = this.runs.get(runId);
    if (!b) {
      b = { lines: [], emitted: 0, capped: false, errors: new Set() };
      this.runs.set(runId, b);
      const maxRuns = this.opts.maxRuns ?? 100;
      while (this.runs.size > maxRuns) this.runs.delete(this.runs.keys().next().value as Id);
    }
    return b;
  }
}
