import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { requestMessages } from '../../support/mock-openai';
import { sandbox, type Sandbox } from '../../support/run-harness';

let sb: Sandbox;
before(async () => {
  sb = await sandbox();
});
after(async () => {
  await sb.close();
});

test('a prompt agent: one task per input, rendered prompt sent, content becomes the output', async () => {
  sb.write(
    'agents/hello.aip',
    '# Options\n```toml\nmodel = "gpt-5.4-mini"\ntemperature = 0.3\n```\n\n# System\nBe brief.\n\n# Instruction\nSay hello to {{input}}.\n',
  );
  sb.mock.reply({ text: 'Hello Ann', usage: { prompt_tokens: 10, completion_tokens: 3 } });
  sb.mock.reply({ text: 'Hello Bob', usage: { prompt_tokens: 10, completion_tokens: 3 } });
  const before = sb.mock.modelRequests.length;
  const res = await sb.run('agents/hello.aip', ['Ann', 'Bob']);
  assert.equal(res.endState, 'Ok', res.error?.message);
  const reqs = sb.mock.modelRequests.slice(before);
  assert.equal(reqs.length, 2);
  const body = reqs[0].body as Record<string, unknown>;
  assert.equal(body.model, 'gpt-5.4-mini');
  assert.equal(body.temperature, 0.3);
  assert.deepEqual(requestMessages(reqs[0]), [
    { role: 'system', content: 'Be brief.\n\n' },
    { role: 'user', content: 'Say hello to Ann.\n' },
  ]);
  const tasks = sb.tasks(res.runId!);
  assert.deepEqual(
    tasks.map((t) => [t.idx, t.end_state, t.output_short, t.tk_prompt_total, t.tk_completion_total]),
    [
      [0, 'Ok', 'Hello Ann', 10, 3],
      [1, 'Ok', 'Hello Bob', 10, 3],
    ],
  );
  const run = sb.run_(res.runId!);
  assert.equal(run.end_state, 'Ok');
  assert.equal(run.model, 'gpt-5.4-mini');
  assert.ok(run.total_cost! > 0, 'gpt-5.4-mini has a price row');
});

test('script stages: Before All reshapes inputs, Data feeds the prompt, Output and After All see values', async () => {
  sb.write(
    'agents/stages.aip',
    [
      '# Before All',
      '```lua',
      'return aip.flow.before_all_response({ inputs = { "x", "y" }, before_all = { n = 2 } })',
      '```',
      '# Data',
      '```lua',
      'return { up = string.upper(input), n = before_all.n, num = CTX.TASK_NUM }',
      '```',
      '# Instruction',
      '{{data.up}}-{{data.n}}',
      '# Output',
      '```lua',
      'return data.up .. ":" .. ai_response.content',
      '```',
      '# After All',
      '```lua',
      'aip.file.save("out/result.txt", table.concat(outputs, ","))',
      'return #outputs',
      '```',
      '',
    ].join('\n'),
  );
  sb.mock.setDefaultReply({ text: 'ok' });
  const before = sb.mock.modelRequests.length;
  const res = await sb.run('agents/stages.aip', ['ignored']);
  assert.equal(res.endState, 'Ok', res.error?.message);
  assert.equal(res.afterAll, 2);
  assert.equal(sb.read('out/result.txt'), 'X:ok,Y:ok');
  const sent = sb.mock.modelRequests.slice(before).map((r) => requestMessages(r)[0].content);
  assert.deepEqual(sent.sort(), ['X-2\n', 'Y-2\n']);
});

test('Before All skip: run ends Skip with its reason, no task, no After All', async () => {
  sb.write(
    'agents/skip.aip',
    '# Before All\n```lua\nreturn aip.flow.skip("nothing to do")\n```\n# Instruction\nhi\n# After All\n```lua\naip.file.save("out/aa.txt", "x")\n```\n',
  );
  const res = await sb.run('agents/skip.aip');
  assert.equal(res.endState, 'Skip');
  const run = sb.run_(res.runId!);
  assert.equal(run.end_skip_reason, 'nothing to do');
  assert.equal(sb.tasks(res.runId!).length, 0);
  assert.deepEqual(sb.logs(res.runId!, 'AgentSkip'), ['nothing to do']);
});

test('a Lua error in Data fails the task and the run with the stage and the .aip line', async () => {
  sb.write('agents/bad-data.aip', '# Data\n```lua\nlocal x = nil\nreturn x.field\n```\n# Instruction\nhi\n');
  const res = await sb.run('agents/bad-data.aip', ['a']);
  assert.equal(res.endState, 'Err');
  assert.match(res.error!.message, /bad-data\.aip:4/);
  const [task] = sb.tasks(res.runId!);
  assert.equal(task.end_state, 'Err');
  assert.ok(task.end_err_id !== null);
});

test('allow_run_on_task_fail: the failed task output is {error=…} and After All still runs', async () => {
  sb.write(
    'agents/allow-fail.aip',
    [
      '# Options',
      '```toml',
      'allow_run_on_task_fail = true',
      '```',
      '# Data',
      '```lua',
      'if input == "bad" then error("boom") end',
      'return input',
      '```',
      '# Output',
      '```lua',
      'return "done " .. data',
      '```',
      '# After All',
      '```lua',
      'return { first = outputs[1], second = outputs[2].error }',
      '```',
      '',
    ].join('\n'),
  );
  const res = await sb.run('agents/allow-fail.aip', ['good', 'bad']);
  assert.equal(res.endState, 'Ok', res.error?.message);
  const aa = res.afterAll as { first: string; second: string };
  assert.equal(aa.first, 'done good');
  assert.match(aa.second, /boom/);
  assert.deepEqual(
    sb.tasks(res.runId!).map((t) => t.end_state),
    ['Ok', 'Err'],
  );
});

test('a sub-agent runs as a child run and returns its outputs', async () => {
  sb.write('agents/child.aip', '# Data\n```lua\nreturn input * 2\n```\n# Output\n```lua\nreturn data\n```\n');
  sb.write(
    'agents/parent.aip',
    '# Before All\n```lua\nlocal r = aip.agent.run("child.aip", { inputs = { 1, 2, 3 } })\nreturn r.outputs\n```\n# After All\n```lua\nreturn before_all\n```\n',
  );
  const res = await sb.run('agents/parent.aip');
  assert.equal(res.endState, 'Ok', res.error?.message);
  assert.deepEqual(res.afterAll, [2, 4, 6]);
});

test('an unknown agent ends Err with no run row', async () => {
  const res = await sb.run('agents/nope.aip');
  assert.equal(res.endState, 'Err');
  assert.equal(res.runId, undefined);
  assert.match(res.error!.message, /nope\.aip/);
});

test('cancel during 20 delayed tasks: run and unfinished tasks end Cancel within a second, no After All', async () => {
  sb.write(
    'agents/slow.aip',
    '# Options\n```toml\ninput_concurrency = 3\n```\n# Instruction\nhi {{input}}\n# After All\n```lua\naip.file.save("out/slow-aa.txt", "ran")\n```\n',
  );
  sb.mock.setDefaultReply({ text: 'late', delayMs: 3000 });
  const before = sb.mock.modelRequests.length;
  const handle = await sb.rt.runAgent('agents/slow.aip', Array.from({ length: 20 }, (_, i) => i));
  while (sb.mock.modelRequests.length === before) await new Promise((r) => setTimeout(r, 10));
  const t0 = Date.now();
  handle.cancel();
  const res = await handle.done;
  const took = Date.now() - t0;
  sb.mock.setDefaultReply({ text: 'ok' });
  assert.equal(res.endState, 'Cancel');
  assert.ok(took < 1000, `took ${took} ms`);
  const tasks = sb.tasks(res.runId!);
  assert.equal(tasks.length, 20);
  assert.ok(tasks.every((t) => t.end_state === 'Cancel' && t.end !== null), JSON.stringify(tasks.map((t) => t.end_state)));
  assert.equal(sb.run_(res.runId!).end_state, 'Cancel');
  assert.equal(sb.run_(res.runId!).aa_start, null);
  // Late replies must not flip anything once the run has ended.
  await new Promise((r) => setTimeout(r, 50));
  assert.ok(sb.tasks(res.runId!).every((t) => t.end_state === 'Cancel'));
});
