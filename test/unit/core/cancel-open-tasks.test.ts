import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TaskBmc } from '../../../src/runtime/model/task';
import { sandbox } from '../../support/run-harness';

test('a run cancel ends every open task: no state → Cancel; an Err without its end keeps Err and gets an end', async () => {
  const sb = await sandbox();
  try {
    const { rtModel, rtStep, mm } = sb.rt;
    const runId = rtModel.createRun({ name: 'x', filePath: '/x.aip', hasTaskStages: true, hasPromptParts: false });
    rtStep.runStart(runId);
    const [a, b, c] = rtModel.createTasksBatch(runId, [1, 2, 3]);
    rtStep.taskStart(runId, a);
    rtStep.taskStart(runId, b);
    rtModel.setTaskEndError(runId, b, 'Data', new Error('boom'));
    rtStep.runEndCanceled(runId);
    const rows = [a, b, c].map((id) => TaskBmc.get(mm, id));
    assert.deepEqual(rows.map((t) => t.end_state), ['Cancel', 'Err', 'Cancel']);
    assert.ok(rows.every((t) => t.end !== null));
    assert.ok(rows.every((t) => TaskBmc.runningState(t).kind !== 'Running'));
  } finally {
    await sb.close();
  }
});
