// run.total_cost is kept without a table scan: it must equal SQLite's own SUM bit for bit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RunBmc } from '../../../src/runtime/model/run';
import { sqliteSum } from '../../../src/runtime/model/run-cost';
import { makeRt } from './helpers';

const sqlSum = (mm: Awaited<ReturnType<typeof makeRt>>['mm'], runId: number) =>
  mm.db.scalar('SELECT COALESCE(SUM(cost), 0.0) FROM task WHERE run_id = ?', [runId]);

test('total_cost equals SQL SUM(cost) after out-of-order, repeated and awkward costs', async () => {
  const { mm, rtModel } = await makeRt();
  const runId = RunBmc.create(mm, {});
  const ids = rtModel.createTasksBatch(runId, Array.from({ length: 300 }, (_, i) => i));
  // A fixed pseudo-random order and values with rounding trouble (0.1, 1e16 next to 1, negatives).
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const values = [0.1, 0.2, 0.3, 1e16, 1, -1e16, 3.3e-7, 0.0042, 12.5, -0.05];
  for (let k = 0; k < 900; k++) {
    const id = ids[Math.floor(rnd() * ids.length)];
    rtModel.updateTaskCost(runId, id, values[Math.floor(rnd() * values.length)] * (1 + rnd()));
    if (k % 97 === 0) assert.equal(RunBmc.get(mm, runId).total_cost, sqlSum(mm, runId));
  }
  assert.equal(RunBmc.get(mm, runId).total_cost, sqlSum(mm, runId));
});

test('tasks added after the first cost update are summed too, and runs stay apart', async () => {
  const { mm, rtModel } = await makeRt();
  const r1 = RunBmc.create(mm, {});
  const r2 = RunBmc.create(mm, {});
  const [a] = rtModel.createTasksBatch(r1, [0]);
  rtModel.updateTaskCost(r1, a, 0.1);
  const b = rtModel.createTask(r1, 1, null);
  const [c] = rtModel.createTasksBatch(r2, [0]);
  rtModel.updateTaskCost(r1, b, 0.2);
  rtModel.updateTaskCost(r2, c, 5);
  assert.deepEqual([RunBmc.get(mm, r1).total_cost, RunBmc.get(mm, r2).total_cost], [sqlSum(mm, r1), 5]);
  assert.equal(RunBmc.get(mm, r1).total_cost, 0.30000000000000004);
});

test('sqliteSum: empty is 0, nulls are skipped, compensated like SQLite', () => {
  assert.equal(sqliteSum([]), 0);
  assert.equal(sqliteSum([null, null]), 0);
  assert.equal(sqliteSum([0.1, null, 0.2, 0.3]), 0.6);
  assert.equal(sqliteSum([1e16, 1, -1e16]), 1);
});
