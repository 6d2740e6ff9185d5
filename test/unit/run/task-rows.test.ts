// A run's task rows are created in chunks of 1,000 (one transaction each) with a turn of the
// event loop between, so a big run does not hold the host at its start; idx stays the input
// order, and a cancel between chunks stops the creation.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { HubEvent } from '../../../src/runtime/hub';
import { sandbox, type Sandbox } from '../../support/run-harness';

let sb: Sandbox;
before(async () => {
  sb = await sandbox();
  sb.write('agents/rows.aip', '# Data\n```lua\nreturn aip.flow.skip("rows only")\n```\n');
});
after(async () => {
  await sb.close();
});

const taskCreated = (e: HubEvent) => e.type === 'Model' && e.event.entity === 'Task' && e.event.action === 'Created';

test('2,500 inputs: three chunks of task rows, a timer runs between them, idx in input order', async () => {
  const created: number[] = [];
  let ticks = 0;
  const timer = setInterval(() => ticks++, 0);
  const off = sb.rt.hub.subscribe((e) => {
    if (taskCreated(e)) created.push(ticks);
  });
  try {
    const res = await sb.run('agents/rows.aip', Array.from({ length: 2500 }, (_, i) => `in-${i}`));
    assert.equal(res.endState, 'Ok', res.error?.message);
    const tasks = sb.tasks(res.runId!);
    assert.equal(tasks.length, 2500);
    assert.deepEqual(tasks.map((t) => t.idx), Array.from({ length: 2500 }, (_, i) => i));
    assert.equal(tasks[2499].input_short, 'in-2499');
    assert.equal(created.length, 3, 'one Task Created event per chunk');
    assert.ok(created[2] > created[0], `the event loop turned between the chunks (timer ticks ${created.join(', ')})`);
  } finally {
    off();
    clearInterval(timer);
  }
});

test('a cancel between chunks stops creating task rows; the run ends Cancel with no task left open', async () => {
  let cancelled = false;
  const off = sb.rt.hub.subscribe((e) => {
    if (!cancelled && taskCreated(e) && e.type === 'Model' && e.event.rel_ids.run_id !== undefined) {
      cancelled = true;
      sb.rt.cancelRun(e.event.rel_ids.run_id);
    }
  });
  try {
    const res = await sb.run('agents/rows.aip', Array.from({ length: 2500 }, (_, i) => `in-${i}`));
    assert.equal(res.endState, 'Cancel');
    const tasks = sb.tasks(res.runId!);
    assert.equal(tasks.length, 1000, 'only the first chunk was created');
    assert.ok(tasks.every((t) => t.end !== null), 'no task left without an end');
  } finally {
    off();
  }
});
