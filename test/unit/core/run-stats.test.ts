// Run figures for the hosts come from SQL aggregates: right at any size (the CLI summary used to list task rows
// and stopped counting at 12,000), with what became of each task after a cancel, and tokens/cost of sub-agent
// runs at any depth.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RunBmc } from '../../../src/runtime/model/run';
import { TaskBmc } from '../../../src/runtime/model/task';
import { runStats, runTreeTotals } from '../../../src/runtime/model/run-stats';
import { makeMm } from './helpers';

test('13,000 tasks: every one counted, tokens and cost summed', async () => {
  const mm = await makeMm();
  const runId = RunBmc.create(mm, { agent_name: 'big' });
  mm.db.tx(() => {
    for (let i = 0; i < 13_000; i++) {
      const id = TaskBmc.create(mm, { run_id: runId, idx: i });
      TaskBmc.update(mm, id, { start: 1, end: 2, end_state: 'Ok', tk_prompt_total: 10, tk_completion_total: 5, cost: 0.001 });
    }
  });
  const s = runStats(mm, runId);
  assert.equal(s.tasks, 13_000);
  assert.equal(s.ended, 13_000);
  assert.equal(s.ok, 13_000);
  assert.equal(s.promptTokens + s.completionTokens, 195_000);
  assert.ok(Math.abs(s.cost - 13) < 1e-9);
  assert.deepEqual(runTreeTotals(mm, runId), { tokens: 195_000, cost: s.cost });
});

test('after a cancel: ok, failed, skipped, cancelled while running, not started, still running', async () => {
  const mm = await makeMm();
  const runId = RunBmc.create(mm, { agent_name: 'c' });
  const states: [number | null, number | null, string | null][] = [
    [1, 2, 'Ok'],
    [1, 2, 'Ok'],
    [1, 2, 'Err'],
    [1, 2, 'Skip'],
    [1, 3, 'Cancel'],
    [null, 3, 'Cancel'],
    [null, 3, 'Cancel'],
    [null, 3, 'Cancel'],
    [1, null, null],
    [null, null, null],
  ];
  states.forEach(([start, end, endState], idx) => {
    const id = TaskBmc.create(mm, { run_id: runId, idx });
    TaskBmc.update(mm, id, { start, end, end_state: endState as never });
  });
  const s = runStats(mm, runId);
  assert.deepEqual(
    { tasks: s.tasks, ended: s.ended, ok: s.ok, failed: s.failed, skipped: s.skipped, cancelled: s.cancelled, notStarted: s.notStarted, running: s.running },
    { tasks: 10, ended: 8, ok: 2, failed: 1, skipped: 1, cancelled: 1, notStarted: 3, running: 1 },
  );
});

test('tree totals include sub-agent runs at any depth, not sibling runs', async () => {
  const mm = await makeMm();
  const top = RunBmc.create(mm, { agent_name: 'top' });
  const child = RunBmc.create(mm, { agent_name: 'child', parent_id: top });
  const grandchild = RunBmc.create(mm, { agent_name: 'gc', parent_id: child });
  const other = RunBmc.create(mm, { agent_name: 'other' });
  for (const [runId, tokens, cost] of [[top, 10, 0.5], [child, 20, 0.25], [grandchild, 40, 0.125], [other, 1000, 9]] as const) {
    const id = TaskBmc.create(mm, { run_id: runId, idx: 0 });
    TaskBmc.update(mm, id, { tk_prompt_total: tokens, tk_completion_total: 0, cost });
  }
  assert.deepEqual(runTreeTotals(mm, top), { tokens: 70, cost: 0.875 });
  assert.equal(runStats(mm, top).tasks, 1);
});
