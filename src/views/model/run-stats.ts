/**
 * Per-run figures the tree needs on every refresh, read with one aggregate
 * query each instead of listing every task row (a 1,000-task run refreshes
 * four times a second while it runs).
 */
import type { ModelManager } from '../../runtime/model/model-manager';
import type { Id } from '../../runtime/model/types';

export interface RunStats {
  tasks: number;
  ended: number;
  failed: number;
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
  COALESCE(SUM(end_state = 'Err'), 0) AS failed,
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
    failed: num('failed'),
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
