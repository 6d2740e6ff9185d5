import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ModelManager } from '../../../src/runtime/model/model-manager';
import { RunBmc } from '../../../src/runtime/model/run';
import { TaskBmc } from '../../../src/runtime/model/task';
import {
  formatActiveStatus,
  formatCost,
  formatDuration,
  formatSummary,
  runProgress,
  runSummary,
} from '../../../src/extension/status-format';

test('formatCost: two decimals from a cent, two significant digits below, nothing for 0', () => {
  assert.equal(formatCost(0.04), '$0.04');
  assert.equal(formatCost(1.234), '$1.23');
  assert.equal(formatCost(0.0031), '$0.0031');
  assert.equal(formatCost(0.000123456), '$0.00012');
  assert.equal(formatCost(0), '');
  assert.equal(formatCost(Number.NaN), '');
});

test('formatDuration', () => {
  assert.equal(formatDuration(0.42), '0.4 s');
  assert.equal(formatDuration(9.96), '10 s');
  assert.equal(formatDuration(41.2), '41 s');
  assert.equal(formatDuration(120), '2 min');
  assert.equal(formatDuration(125.4), '2 min 5 s');
  assert.equal(formatDuration(-1), '0 s');
});

test('formatActiveStatus: one run, several runs, before tasks exist, none', () => {
  assert.equal(formatActiveStatus([{ agent: 'summarize', tasksDone: 3, tasksTotal: 12, cost: 0.04 }]), '$(loading~spin) AIPack: summarize 3/12 · $0.04');
  assert.equal(formatActiveStatus([{ agent: 'summarize', tasksDone: 0, tasksTotal: 0, cost: 0 }]), '$(loading~spin) AIPack: summarize');
  assert.equal(
    formatActiveStatus([
      { agent: 'a', tasksDone: 1, tasksTotal: 2, cost: 0.05 },
      { agent: 'b', tasksDone: 4, tasksTotal: 18, cost: 0.05 },
    ]),
    '$(loading~spin) AIPack: 2 runs 5/20 · $0.10',
  );
  assert.equal(formatActiveStatus([]), '');
});

test('formatSummary: ok, ok with failed tasks, failed, cancelled, skipped', () => {
  assert.equal(formatSummary({ endState: 'Ok', tasksTotal: 12, tasksFailed: 0, elapsedSec: 41, cost: 0.08 }), '$(check) 12 tasks · 41 s · $0.08');
  assert.equal(formatSummary({ endState: 'Ok', tasksTotal: 1, tasksFailed: 0, elapsedSec: 2, cost: 0 }), '$(check) 1 task · 2 s');
  assert.equal(formatSummary({ endState: 'Ok', tasksTotal: 3, tasksFailed: 1, elapsedSec: 12, cost: 0.01 }), '$(warning) 1 of 3 tasks failed · 12 s · $0.01');
  assert.equal(formatSummary({ endState: 'Err', tasksTotal: 3, tasksFailed: 2, elapsedSec: 12, cost: 0 }), '$(error) failed · 2 of 3 tasks failed · 12 s');
  assert.equal(formatSummary({ endState: 'Err', tasksTotal: 0, tasksFailed: 0, elapsedSec: 0.1, cost: 0 }), '$(error) failed · 0 tasks · 0.1 s');
  assert.equal(formatSummary({ endState: 'Cancel', tasksTotal: 5, tasksFailed: 0, elapsedSec: 3, cost: 0.02 }), '$(circle-slash) cancelled · 5 tasks · 3 s · $0.02');
  // After a cancel the summary says how many ran, not how many rows ended (issue 22: "20 tasks" when 4 ran).
  assert.equal(
    formatSummary({ endState: 'Cancel', tasksTotal: 20, tasksFailed: 0, tasksNotStarted: 16, elapsedSec: 3, cost: 0.02 }),
    '$(circle-slash) cancelled · 4 of 20 tasks ran · 3 s · $0.02',
  );
  assert.equal(formatSummary({ endState: 'Skip', tasksTotal: 0, tasksFailed: 0, elapsedSec: 1, cost: 0 }), '$(circle-slash) skipped · 1 s');
});

test('runProgress / runSummary: tasks of the top run, cost of the whole run tree, from the DB', async () => {
  const mm = await ModelManager.create();
  const run = RunBmc.create(mm, { agent_name: 'top' });
  const child = RunBmc.create(mm, { agent_name: 'sub', parent_id: run });
  const [t1, t2, t3] = TaskBmc.createBatch(mm, run, [{ idx: 0 }, { idx: 1 }, { idx: 2 }]);
  TaskBmc.update(mm, t1, { end: 10, end_state: 'Ok', cost: 0.03 });
  TaskBmc.update(mm, t2, { end: 11, end_state: 'Err', cost: 0.01 });
  TaskBmc.update(mm, t3, { cost: 0.005 });
  const [c1] = TaskBmc.createBatch(mm, child, [{ idx: 0 }]);
  TaskBmc.update(mm, c1, { end: 12, end_state: 'Ok', cost: 0.02 });

  const p = runProgress(mm, run, 'top');
  assert.equal(p.agent, 'top');
  assert.equal(p.tasksDone, 2);
  assert.equal(p.tasksTotal, 3);
  assert.ok(Math.abs(p.cost - 0.065) < 1e-12);
  assert.equal(formatActiveStatus([p]), '$(loading~spin) AIPack: top 2/3 · $0.07');

  const s = runSummary(mm, run, 'Ok', 7);
  assert.deepEqual({ ...s, cost: Math.round(s.cost * 1000) / 1000 }, { endState: 'Ok', tasksTotal: 3, tasksFailed: 1, tasksNotStarted: 0, elapsedSec: 7, cost: 0.065 });
  mm.close();
});
