/** Regression tests for defects the batteries found (issue 11); each names the battery that found it. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AiHttpError } from '../../../src/runtime/ai/errors';
import type { ChatResult } from '../../../src/runtime/ai/exec-chat';
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

test('fuzz battery: tasks whose AI calls fail at the same moment all end Err, none stays Running', async () => {
  // Every call awaits one shared rejection, so the failures reach the pool in the same microtask run:
  // the first cancels the batch while the others have already recorded their err rows.
  let fail!: (e: unknown) => void;
  const gate = new Promise<ChatResult>((_, reject) => (fail = reject));
  gate.catch(() => {});
  let calls = 0;
  const s = await sandbox({
    pipeline: {
      retry: { retries: 0 },
      execChat: () => {
        if (++calls === 4) setTimeout(() => fail(new AiHttpError(401, 'Gemini', 'gemini-3.1-flash-lite', 'no key')), 10);
        return gate;
      },
    },
  });
  try {
    s.write('agents/together.aip', '# Options\n```toml\nmodel = "gemini-3.1-flash-lite"\ninput_concurrency = 4\n```\n# Instruction\nhi {{input}}\n');
    const res = await s.run('agents/together.aip', ['a', 'b', 'c', 'd']);
    assert.equal(res.endState, 'Err');
    assertNoTaskRunning(s.rt, res.runId!);
    for (const t of s.tasks(res.runId!)) {
      assert.ok(t.end_state === 'Err' || t.end_state === 'Cancel', String(t.end_state));
      if (t.end_state === 'Err') assert.match(ErrBmc.get(s.rt.mm, t.end_err_id!).content!, /HTTP 401 .*no key/);
    }
    assert.ok(s.tasks(res.runId!).filter((t) => t.end_state === 'Err').length >= 2, 'the race happened: several tasks recorded their error');
  } finally {
    await s.close();
  }
});

test('fuzz battery: tasks failing together (no allow_run_on_task_fail) all end Err, none stays Running', async () => {
  // A prompt that fails to render fails every task at stage Ai at nearly the same moment.
  sb.write('agents/bad-hbs.aip', '# Options\n```toml\ninput_concurrency = 4\n```\n# Instruction\n{{#if input}}\n');
  const res = await sb.run('agents/bad-hbs.aip', ['a', 'b', 'c', 'd'], { dry: 'req' });
  assert.equal(res.endState, 'Err');
  assertNoTaskRunning(sb.rt, res.runId!);
  const tasks = sb.tasks(res.runId!);
  assert.equal(tasks[0].end_state, 'Err');
  for (const t of tasks.filter((x) => x.end_state === 'Err')) assert.match(ErrBmc.get(sb.rt.mm, t.end_err_id!).content!, /Instruction/);
});
