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

test('fault battery: a stream that ends without its final event is an error, retried like a dropped connection (chat and Responses)', async () => {
  const { startRawServer, sseWithoutDone } = await import('./raw-server');
  let mode: 'chat' | 'resp' = 'chat';
  const raw = await startRawServer((res) => {
    if (mode === 'chat') return sseWithoutDone(res, ['half ', 'an ']);
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.end(`data: ${JSON.stringify({ type: 'response.output_text.delta', delta: 'half an' })}\n\n`);
  });
  const s = await sandbox({
    pipeline: { stream: true, retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 5 } },
    secrets: { AIPACK_XAI_BASE_URL: raw.baseUrl, AIPACK_OPENAI_RESP_BASE_URL: raw.baseUrl },
  });
  try {
    s.write('agents/chat.aip', '# Options\n```toml\nmodel = "grok-4"\n```\n# Instruction\nhi\n');
    const r1 = await s.run('agents/chat.aip', ['x']);
    assert.equal(r1.endState, 'Err');
    assert.match(r1.error!.message, /^AI request failed: connection to Xai \(.*\) for model 'grok-4' failed: the stream ended before the answer was complete \(no finish_reason\)$/);
    assert.equal(raw.requests, 2, 'retried once');
    mode = 'resp';
    s.write('agents/resp.aip', '# Options\n```toml\nmodel = "openai_resp::gpt-5.4-mini"\n```\n# Instruction\nhi\n');
    const r2 = await s.run('agents/resp.aip', ['x']);
    assert.equal(r2.endState, 'Err');
    assert.match(r2.error!.message, /the stream ended before the answer was complete \(no response\.completed event\)$/);
    assert.equal(raw.requests, 4);
  } finally {
    await s.close();
    await raw.close();
  }
});

test('fault battery: a malformed JSON body fails at once (not retried) with a message naming it', async () => {
  const s = await sandbox({ pipeline: { retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5 } } });
  try {
    s.write('agents/bad.aip', '# Options\n```toml\nmodel = "gemini-3.1-flash-lite"\n```\n# Instruction\nhi\n');
    s.mock.reply({ body: '{"choices": [ nope', headers: { 'content-type': 'application/json' } });
    const res = await s.run('agents/bad.aip', ['x']);
    assert.equal(res.endState, 'Err');
    assert.match(res.error!.message, /^AI request failed: Gemini sent a malformed response for model 'gemini-3.1-flash-lite': .*JSON/);
    assert.equal(s.mock.modelRequests.length, 1);
  } finally {
    await s.close();
  }
});
