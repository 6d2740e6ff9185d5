/**
 * Status bar text, kept pure so the formats are unit-tested: the live line
 * `$(loading~spin) AIPack: <agent> 3/12 · $0.04` and the summary shown for a few
 * seconds after (`$(check) 12 tasks · 41 s · $0.08`).
 */
import type { ModelManager } from '../runtime/model/model-manager';
import { RunBmc } from '../runtime/model/run';
import { runStats } from '../runtime/model/run-stats';
import type { EndState, Id } from '../runtime/model/types';

export interface RunProgress {
  agent: string;
  tasksDone: number;
  tasksTotal: number;
  /** USD over the run and its sub-agent runs. */
  cost: number;
}

/** Tasks of the top run; cost of the whole tree (sub-agent runs spend too). */
export function runProgress(mm: ModelManager, runId: Id, agent: string): RunProgress {
  let tasksDone = 0;
  let tasksTotal = 0;
  let cost = 0;
  const ids = [runId];
  // Counted in SQL: the item refreshes twice a second, and reading a 1,000-task run's rows
  // each time held the extension host for ~50 ms.
  for (let i = 0; i < ids.length; i++) {
    for (const c of RunBmc.listChildren(mm, ids[i])) ids.push(c.id);
    const row = mm.db.get('SELECT COUNT(*) AS n, COUNT("end") AS done, TOTAL(cost) AS cost FROM task WHERE run_id = ?', [ids[i]]);
    if (i === 0) {
      tasksTotal = Number(row?.n ?? 0);
      tasksDone = Number(row?.done ?? 0);
    }
    cost += Number(row?.cost ?? 0);
  }
  return { agent, tasksDone, tasksTotal, cost };
}

/** `$0.04`; sub-cent amounts keep two significant digits (`$0.0031`); nothing for 0. */
export function formatCost(cost: number): string {
  if (!(cost > 0)) return '';
  if (cost >= 0.01) return `$${cost.toFixed(2)}`;
  return `$${cost.toPrecision(2)}`;
}

/** `41 s`, `2 min 5 s`, `0.4 s`. */
export function formatDuration(sec: number): string {
  if (sec < 10) return `${Math.max(0, Math.round(sec * 10) / 10)} s`;
  const s = Math.round(sec);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return s % 60 === 0 ? `${m} min` : `${m} min ${s % 60} s`;
}

function join(parts: (string | undefined)[]): string {
  return parts.filter((p) => p !== undefined && p !== '').join(' · ');
}

/** One run: `$(loading~spin) AIPack: <agent> 3/12 · $0.04`; several: `… AIPack: 2 runs 5/20 · $0.10`. */
export function formatActiveStatus(runs: RunProgress[]): string {
  if (runs.length === 0) return '';
  const done = runs.reduce((n, r) => n + r.tasksDone, 0);
  const total = runs.reduce((n, r) => n + r.tasksTotal, 0);
  const cost = runs.reduce((n, r) => n + r.cost, 0);
  const who = runs.length === 1 ? runs[0].agent : `${runs.length} runs`;
  const counts = total > 0 ? ` ${done}/${total}` : '';
  return `$(loading~spin) ${join([`AIPack: ${who}${counts}`, formatCost(cost)])}`;
}

export interface RunSummary {
  endState: EndState | null | undefined;
  tasksTotal: number;
  /** Tasks that ended with an error. */
  tasksFailed: number;
  /** After a cancel: tasks that never started (ended before their start). */
  tasksNotStarted?: number;
  elapsedSec: number;
  cost: number;
}

/** `$(check) 12 tasks · 41 s · $0.08`, `$(error) failed · 2 of 12 tasks failed · 41 s`, `$(circle-slash) cancelled · …`. */
export function formatSummary(s: RunSummary): string {
  const tasks = `${s.tasksTotal} task${s.tasksTotal === 1 ? '' : 's'}`;
  const time = formatDuration(s.elapsedSec);
  const cost = formatCost(s.cost);
  switch (s.endState) {
    case 'Ok':
      if (s.tasksFailed > 0) return `$(warning) ${join([`${s.tasksFailed} of ${tasks} failed`, time, cost])}`;
      return `$(check) ${join([tasks, time, cost])}`;
    case 'Skip':
      return `$(circle-slash) ${join(['skipped', time])}`;
    case 'Cancel': {
      // What ran, not how many rows ended: `cancelled · 4 of 20 tasks ran · …`.
      const ran = s.tasksTotal - (s.tasksNotStarted ?? 0);
      const counts = s.tasksNotStarted ? `${ran} of ${tasks} ran` : tasks;
      return `$(circle-slash) ${join(['cancelled', counts, time, cost])}`;
    }
    default:
      return `$(error) ${join(['failed', s.tasksFailed > 0 ? `${s.tasksFailed} of ${tasks} failed` : tasks, time, cost])}`;
  }
}

/** Counts for the summary, read once the run has ended. */
export function runSummary(mm: ModelManager, runId: Id, endState: EndState | null | undefined, elapsedSec: number): RunSummary {
  const stats = runStats(mm, runId);
  const p = runProgress(mm, runId, '');
  return {
    endState,
    tasksTotal: stats.tasks,
    tasksFailed: stats.failed,
    tasksNotStarted: stats.notStarted,
    elapsedSec,
    cost: p.cost,
  };
}
