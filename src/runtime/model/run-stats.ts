/**
 * Per-run figures for the hosts (the CLI summary, the Runs tree, the detail views), read with one aggregate
 * query each instead of listing every task row: right at any size (a 13,000-task run), and cheap enough for
 * a 1,000-task run that refreshes four times a second.
 */
import type { ModelManager } from './model-manager';
import type { Id } from './types';

export interface RunStats {
  tasks: number;
  ended: number;
  /** Ended Ok. */
  ok: number;
  failed: number;
  /** Ended Skip (a Data stage skipped it). */
  skipped: number;
  /** Started, then ended by a cancel. */
  cancelled: number;
  /** Cancelled (a cancel, a fail-fast) before it started. */
  notStarted: number;
  running: number;
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  /** Σ task.cost (the run row's total_cost is the same, recomputed by the runtime). */
  cost: number;
  cacheSaving: number;
  /** Σ (end − start) of finished tasks, ms. */
  taskMs: number;
  /** Distinct task model overrides (besides the run model). */
  modelOverrides: string[];
}

const STATS_SQL = `SELECT COUNT(*) AS tasks,
  COALESCE(SUM("end" IS NOT NULL), 0) AS ended,
  COALESCE(SUM(end_state = 'Ok'), 0) AS ok,
  COALESCE(SUM(end_state = 'Err'), 0) AS failed,
  COALESCE(SUM(end_state = 'Skip'), 0) AS skipped,
  COALESCE(SUM(end_state = 'Cancel' AND start IS NOT NULL), 0) AS cancelled,
  COALESCE(SUM(end_state = 'Cancel' AND start IS NULL), 0) AS not_started,
  COALESCE(SUM(start IS NOT NULL AND "end" IS NULL), 0) AS running,
  COALESCE(SUM(tk_prompt_total), 0) AS pt,
  COALESCE(SUM(tk_completion_total), 0) AS ct,
  COALESCE(SUM(tk_prompt_cached), 0) AS cached,
  COALESCE(SUM(cost), 0.0) AS cost,
  COALESCE(SUM(cost_cache_saving), 0.0) AS saving,
  COALESCE(SUM(CASE WHEN start IS NOT NULL AND "end" IS NOT NULL THEN MAX("end" - start, 0) ELSE 0 END), 0) AS task_us
FROM task WHERE run_id = ?`;

export function runStats(mm: ModelManager, runId: Id): RunStats {
  const r = (mm.db.get(STATS_SQL, [runId]) ?? {}) as Record<string, unknown>;
  const num = (k: string) => Number(r[k] ?? 0);
  const overrides = mm.db
    .all('SELECT DISTINCT model_ov FROM task WHERE run_id = ? AND model_ov IS NOT NULL ORDER BY model_ov', [runId])
    .map((row) => String((row as Record<string, unknown>).model_ov));
  return {
    tasks: num('tasks'),
    ended: num('ended'),
    ok: num('ok'),
    failed: num('failed'),
    skipped: num('skipped'),
    cancelled: num('cancelled'),
    notStarted: num('not_started'),
    running: num('running'),
    promptTokens: num('pt'),
    completionTokens: num('ct'),
    cachedTokens: num('cached'),
    cost: num('cost'),
    cacheSaving: num('saving'),
    taskMs: Math.round(num('task_us') / 1000),
    modelOverrides: overrides,
  };
}

const TREE_SQL = `WITH RECURSIVE tree(id) AS (SELECT ? UNION ALL SELECT run.id FROM run JOIN tree ON run.parent_id = tree.id)
SELECT COALESCE(SUM(tk_prompt_total), 0) + COALESCE(SUM(tk_completion_total), 0) AS tokens, COALESCE(SUM(cost), 0.0) AS cost
FROM task WHERE run_id IN (SELECT id FROM tree)`;

/** Tokens and cost of a run with all its sub-agent runs, at any depth. */
export function runTreeTotals(mm: ModelManager, runId: Id): { tokens: number; cost: number } {
  const r = (mm.db.get(TREE_SQL, [runId]) ?? {}) as Record<string, unknown>;
  return { tokens: Number(r.tokens ?? 0), cost: Number(r.cost ?? 0) };
}

/** Pin counts per task of a run (task pins only), one query. */
export function taskPinCounts(mm: ModelManager, runId: Id): Map<Id, number> {
  const rows = mm.db.all('SELECT task_id, COUNT(*) AS n FROM pin WHERE run_id = ? AND task_id IS NOT NULL GROUP BY task_id', [runId]);
  const out = new Map<Id, number>();
  for (const row of rows as Record<string, unknown>[]) out.set(Number(row.task_id), Number(row.n));
  return out;
}

/** The agent's model alias as the run logged it (`Model: <resolved> (<alias>)`); the run row keeps only the resolved name. */
export function runModelAlias(mm: ModelManager, runId: Id): string | undefined {
  const msg = mm.db.scalar("SELECT message FROM log WHERE run_id = ? AND task_id IS NULL AND kind = 'SysInfo' AND message LIKE 'Model: %' ORDER BY id LIMIT 1", [runId]);
  if (typeof msg !== 'string') return undefined;
  const m = /^Model: (.+?) \((.+?)\)\. Input Concurrency/.exec(msg);
  return m ? m[2] : undefined;
}
