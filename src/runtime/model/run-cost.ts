/**
 * `run.total_cost = Σ task.cost` (§6.7), recomputed on every task cost update without a
 * table scan. `SELECT SUM(cost) … WHERE run_id = ?` per update made a run quadratic (10k
 * tasks: ~35 s of SQL). Each run's task costs are kept here in id order and summed in JS with
 * the algorithm SQLite's SUM uses on REAL values (Kahan–Babuška–Neumaier, SQLite ≥ 3.43), so
 * the stored total is bit-for-bit what the SQL recompute gives.
 */
import type { ModelManager } from './model-manager';
import type { Id } from './types';

interface RunCosts {
  /** Task id → position in `costs` (ids ascending, as SQLite scans the run's index). */
  pos: Map<Id, number>;
  costs: (number | null)[];
  /** The run's loop (its cost is recomputed with the run's); `LoopBmc.createForRun` drops the entry. */
  loopId: Id | null;
}

/** Runs kept at once; a run whose costs are not cached is read back once. */
const MAX_RUNS = 16;

const byMm = new WeakMap<ModelManager, Map<Id, RunCosts>>();

function load(mm: ModelManager, runId: Id): RunCosts {
  const rows = mm.db.all('SELECT id, cost FROM task WHERE run_id = ? ORDER BY id', [runId]);
  const pos = new Map<Id, number>();
  const costs: (number | null)[] = new Array(rows.length);
  rows.forEach((r, i) => {
    pos.set(Number(r.id), i);
    costs[i] = r.cost === null || r.cost === undefined ? null : Number(r.cost);
  });
  const loopId = mm.db.scalar('SELECT loop_id FROM run WHERE id = ?', [runId]);
  return { pos, costs, loopId: loopId === null || loopId === undefined ? null : Number(loopId) };
}

/** SQLite's `SUM` over REAL values (func.c: sumStep / kahanBabuskaNeumaierStep / sumFinalize), `COALESCE(…, 0.0)`. */
export function sqliteSum(values: Iterable<number | null>): number {
  let sum = 0;
  let err = 0;
  let n = 0;
  for (const r of values) {
    if (r === null) continue;
    n++;
    const t = sum + r;
    if (Math.abs(sum) > Math.abs(r)) err += sum - t + r;
    else err += r - t + sum;
    sum = t;
  }
  if (n === 0) return 0;
  return Number.isFinite(err) ? sum + err : sum;
}

/**
 * The run's total once `taskId` costs `cost` (the cache takes the new cost), and the run's
 * loop. When the write that goes with it fails, call `forgetRunCosts` so the cache never runs
 * ahead of the table.
 */
export function runTotalWithTaskCost(mm: ModelManager, runId: Id, taskId: Id, cost: number): { total: number; loopId: Id | null } {
  let runs = byMm.get(mm);
  if (!runs) byMm.set(mm, (runs = new Map()));
  let rc = runs.get(runId);
  if (!rc || !rc.pos.has(taskId)) rc = load(mm, runId);
  const i = rc.pos.get(taskId);
  if (i === undefined) throw new Error(`task ${taskId} is not a task of run ${runId}`);
  // SQLite stores a NaN REAL as NULL.
  rc.costs[i] = Number.isNaN(cost) ? null : cost;
  runs.delete(runId);
  runs.set(runId, rc);
  if (runs.size > MAX_RUNS) runs.delete(runs.keys().next().value as Id);
  return { total: sqliteSum(rc.costs), loopId: rc.loopId };
}

export function forgetRunCosts(mm: ModelManager, runId: Id): void {
  byMm.get(mm)?.delete(runId);
}
