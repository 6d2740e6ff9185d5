/** The §2.13 failure semantics and the bad-input list of issue 6, on a Runtime against the mock server. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ErrBmc } from '../../../src/runtime/model/err';
import { sandbox, type Sandbox } from '../../support/run-harness';

let sb: Sandbox;
before(async () => {
  sb = await sandbox();
});
after(async () => {
  await sb.close();
});

const PROMPT = '# Instruction\nhello {{input}}\n';

function taskErr(runId: number) {
  const [task] = sb.tasks(runId);
  assert.ok(task.end_err_id !== null, 'task has an err row');
  return { task, err: ErrBmc.get(sb.rt.mm, task.end_err_id!) };
}

for (const status of [400, 401]) {
  test(`HTTP ${status}: no retry, task and run Err at stage Ai, the provider message kept`, async () => {
    sb.write(`agents/h${status}.aip`, PROMPT);
    sb.mock.reply({ status, error: { message: `provider says ${status}` } });
    const n = sb.mock.modelRequests.length;
    const res = await sb.run(`agents/h${status}.aip`, ['x']);
    assert.equal(res.endState, 'Err');
    assert.equal(sb.mock.modelRequests.length - n, 1);
    const { task, err } = taskErr(res.runId!);
    assert.equal(task.end_state, 'Err');
    assert.equal(err.stage, 'Ai');
    assert.match(err.content!, new RegExp(`HTTP ${status}.*provider says ${status}`));
    assert.equal(sb.run_(res.runId!).end_state, 'Err');
  });
}

test('HTTP 429 and 500 are retried (each attempt logged) and the task ends Ok', async () => {
  sb.write('agents/retry.aip', PROMPT);
  sb.mock.reply({ status: 429, error: { message: 'slow down' } });
  sb.mock.reply({ status: 500, error: { message: 'boom' } });
  sb.mock.reply({ text: 'third time' });
  const res = await sb.run('agents/retry.aip', ['x']);
  assert.equal(res.endState, 'Ok', res.error?.message);
  assert.equal(sb.tasks(res.runId!)[0].output_short, 'third time');
  const warns = sb.logs(res.runId!, 'SysWarn');
  assert.equal(warns.length, 2);
  assert.match(warns[0], /attempt 1 of 3.*HTTP 429/);
  assert.match(warns[1], /attempt 2 of 3.*HTTP 500/);
});

test('a reset mid-stream and a malformed JSON body fail the task with a cause', async () => {
  sb.write('agents/reset.aip', PROMPT);
  const streaming = await sandbox({ pipeline: { stream: true, retry: { retries: 0 } } });
  try {
    streaming.write('agents/reset.aip', PROMPT);
    streaming.mock.reply({ text: 'partial answer that will be cut', chunks: ['partial ', 'answer ', 'cut'], resetAfterChunks: 1 });
    const res = await streaming.run('agents/reset.aip', ['x']);
    assert.equal(res.endState, 'Err');
    assert.match(res.error!.message, /connection|terminated|reset|socket/i);
  } finally {
    await streaming.close();
  }
  const noRetry = await sandbox({ pipeline: { retry: { retries: 0 } } });
  try {
    noRetry.write('agents/bad-json.aip', PROMPT);
    noRetry.mock.reply({ body: '{"choices": [ this is not json', headers: { 'content-type': 'application/json' } });
    const res = await noRetry.run('agents/bad-json.aip', ['x']);
    assert.equal(res.endState, 'Err');
    assert.ok(res.error!.message.length > 0);
  } finally {
    await noRetry.close();
  }
});

test('a missing key: no request sent, the message names the variable', async () => {
  const noKey = await sandbox({ secrets: { OPENAI_API_KEY: '' } });
  try {
    noKey.write('agents/a.aip', '# Options\n```toml\nmodel = "gpt-4o"\n```\n' + PROMPT);
    const res = await noKey.run('agents/a.aip', ['x']);
    assert.equal(res.endState, 'Err');
    assert.match(res.error!.message, /OPENAI_API_KEY/);
    assert.equal(noKey.mock.modelRequests.length, 0);
  } finally {
    await noKey.close();
  }
});

test('an unknown provider endpoint (genai_N:: without GENAI_N_ENDPOINT) fails before any request', async () => {
  sb.write('agents/custom.aip', '# Options\n```toml\nmodel = "genai_7::local"\n```\n' + PROMPT);
  const n = sb.mock.modelRequests.length;
  const res = await sb.run('agents/custom.aip', ['x']);
  assert.equal(res.endState, 'Err');
  assert.match(res.error!.message, /GENAI_7_ENDPOINT/);
  assert.equal(sb.mock.modelRequests.length, n);
});

test('a Handlebars syntax error is a task error at stage Ai naming the part', async () => {
  sb.write('agents/hbs.aip', '# Instruction\nhello {{#if input}}\n');
  const res = await sb.run('agents/hbs.aip', ['x']);
  assert.equal(res.endState, 'Err');
  const { err } = taskErr(res.runId!);
  assert.equal(err.stage, 'Ai');
  assert.match(err.content!, /Instruction/);
});

test('directives from the wrong stage are errors with the §12.6 wording', async () => {
  sb.write('agents/redo-data.aip', '# Data\n```lua\nreturn aip.flow.redo_run()\n```\n');
  const r1 = await sb.run('agents/redo-data.aip', ['x']);
  assert.equal(r1.endState, 'Err');
  assert.match(r1.error!.message, /redo_run\(\) can be returned only from # Before All or # After All stages\. Returned from # Data stage\./);

  sb.write('agents/dr-ba.aip', '# Before All\n```lua\nreturn aip.flow.data_response({ data = 1 })\n```\n');
  const r2 = await sb.run('agents/dr-ba.aip');
  assert.equal(r2.endState, 'Err');
  assert.match(r2.error!.message, /Aipack custom 'DataResponse' not supported at the Before All stage/);

  sb.write('agents/ba-extra.aip', '# Before All\n```lua\nreturn aip.flow.before_all_response({ inputs = {1}, extra = true })\n```\n');
  const r3 = await sb.run('agents/ba-extra.aip');
  assert.equal(r3.endState, 'Err');
  assert.match(r3.error!.message, /But also contained: extra/);
  assert.equal(ErrBmc.get(sb.rt.mm, sb.run_(r3.runId!).end_err_id!).stage, 'BeforeAll');
});

test('a failing sub-agent fails the caller with "Failed to run agent"', async () => {
  sb.write('agents/child-bad.aip', '# Before All\n```lua\nerror("child broke")\n```\n');
  sb.write('agents/parent-bad.aip', '# Before All\n```lua\nreturn aip.agent.run("child-bad.aip")\n```\n');
  const res = await sb.run('agents/parent-bad.aip');
  assert.equal(res.endState, 'Err');
  assert.match(res.error!.message, /Failed to run agent 'child-bad\.aip'.*child broke/s);
  sb.write('agents/parent-missing.aip', '# Before All\n```lua\nreturn aip.agent.run("nowhere.aip")\n```\n');
  const r2 = await sb.run('agents/parent-missing.aip');
  assert.match(r2.error!.message, /Failed to find agent 'nowhere\.aip'/);
});

test('without allow_run_on_task_fail a failing task cancels the others and skips After All', async () => {
  sb.write(
    'agents/abort.aip',
    '# Options\n```toml\ninput_concurrency = 1\n```\n# Data\n```lua\nif input == 2 then error("bad input") end\nreturn input\n```\n# After All\n```lua\naip.file.save("out/abort-aa.txt", "ran")\n```\n',
  );
  const res = await sb.run('agents/abort.aip', [1, 2, 3, 4]);
  assert.equal(res.endState, 'Err');
  assert.deepEqual(
    sb.tasks(res.runId!).map((t) => t.end_state),
    ['Ok', 'Err', 'Cancel', 'Cancel'],
  );
  assert.equal(sb.run_(res.runId!).aa_start, null);
});

test('dry req: no AI call, Output runs with ai_response nil; dry res: AI called, Output skipped', async () => {
  sb.write(
    'agents/dry.aip',
    '# Instruction\nhi\n# Output\n```lua\nreturn ai_response == nil and "no-ai" or ai_response.content\n```\n# After All\n```lua\nreturn outputs\n```\n',
  );
  let n = sb.mock.modelRequests.length;
  const req = await sb.run('agents/dry.aip', ['x'], { dry: 'req' });
  assert.equal(req.endState, 'Ok', req.error?.message);
  assert.equal(sb.mock.modelRequests.length, n);
  assert.deepEqual(req.afterAll, ['no-ai']);
  sb.mock.reply({ text: 'answer' });
  n = sb.mock.modelRequests.length;
  const res = await sb.run('agents/dry.aip', ['x'], { dry: 'res' });
  assert.equal(res.endState, 'Ok', res.error?.message);
  assert.equal(sb.mock.modelRequests.length - n, 1);
  assert.deepEqual(sb.tasks(res.runId!)[0].output_start, null);
});

test('no prompt parts: no AI call and "-! No instruction, skipping genai."', async () => {
  sb.write('agents/script-only.aip', '# Data\n```lua\nreturn 1\n```\n# Output\n```lua\nreturn data + 1\n```\n');
  const n = sb.mock.modelRequests.length;
  const res = await sb.run('agents/script-only.aip');
  assert.equal(res.endState, 'Ok', res.error?.message);
  assert.equal(sb.mock.modelRequests.length, n);
  assert.ok(sb.messages.includes('-! No instruction, skipping genai.'));
  assert.equal(sb.tasks(res.runId!).length, 1, 'inputs nil + task stages → one nil task');
});
