import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type FailureNode, RunsTreeModel } from '../../../src/views/model/runs-model';
import { sandbox, type Sandbox } from '../../support/run-harness';
import { FakeTimers } from './fake-timers';

let sb: Sandbox;
before(async () => {
  sb = await sandbox();
});
after(async () => {
  await sb.close();
});

test('an agent that cannot start shows in the Runs tree as a failed row with its message and .aip line', async () => {
  const m = new RunsTreeModel({ timers: new FakeTimers() });
  m.setSources([{ key: 'file:///wks', name: 'wks', runtime: sb.rt }]);
  sb.write('agents/ok.aip', '# Data\n```lua\nreturn 1\n```\n');
  const ok = await sb.run('agents/ok.aip');
  const file = sb.write('agents/broken.aip', '# Data\n\n```lua\nreturn 1\n');
  const bad = await sb.run('agents/broken.aip');
  assert.equal(bad.endState, 'Err');
  assert.equal(bad.runId, undefined);

  const roots = m.roots();
  assert.equal(roots.length, 2);
  const failure = roots[0] as FailureNode;
  assert.equal(failure.kind, 'failure', 'newest first: the failure is above the earlier run');
  assert.equal(roots[1].kind, 'run');
  assert.equal((roots[1] as { runId: number }).runId, ok.runId);
  assert.equal(failure.agentRef, 'agents/broken.aip');
  assert.equal(failure.file, file);
  assert.equal(failure.line, 3);
  const v = m.view(failure);
  assert.equal(v.label, 'broken.aip');
  assert.equal(v.state, 'failed');
  assert.equal(v.icon.id, 'error');
  assert.match(v.description, /failed to start · .*never closed/);
  assert.match(v.tooltip, /broken\.aip:3/);
  assert.deepEqual(m.children(failure), []);

  // A sub-agent that cannot be found is its parent's error, not a root row.
  sb.write('agents/parent.aip', '# Before All\n```lua\nreturn aip.agent.run("missing.aip")\n```\n');
  await sb.run('agents/parent.aip');
  assert.equal(m.roots().filter((n) => n.kind === 'failure').length, 1);

  // Clear Finished removes failures too.
  assert.ok(m.clearFinished() >= 2);
  assert.equal(m.roots().length, 0);
  m.dispose();
});
