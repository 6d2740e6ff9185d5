/** Regression tests for defects the batteries found (issue 11); each names the battery that found it. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ErrBmc } from '../../../src/runtime/model/err';
import { sandbox, type Sandbox } from '../../support/run-harness';
import { assertNoTaskRunning } from './support';

let sb: Sandbox;
before(async () => {
  sb = await sandbox({ pipeline: { retry: { retries: 0 } } });
});
after(async () => {
  await sb.close();
});

test('fuzz battery: tasks failing together (no allow_run_on_task_fail) all end Err, none stays Running', async () => {
  // A prompt that fails to render fails every task at stage Ai at nearly the same moment.
  sb.write('agents/bad-hbs.aip', '# Options\n```toml\ninput_concurrency = 4\n```\n# Instruction\n{{#if input}}\n');
  const res = await sb.run('agents/bad-hbs.aip', ['a', 'b', 'c', 'd'], { dry: 'req' });
  assert.equal(res.endState, 'Err');
  assertNoTaskRunning(sb.rt, res.runId!);
  const tasks = sb.tasks(res.runId!);
  assert.deepEqual(tasks.map((t) => t.end_state), ['Err', 'Err', 'Err', 'Err']);
  for (const t of tasks) assert.match(ErrBmc.get(sb.rt.mm, t.end_err_id!).content!, /Instruction/);
});
