/** The rows of the §2.3 / §2.4 / §2.5 / §2.8 / §2.10 tables not covered elsewhere. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ErrBmc } from '../../../src/runtime/model/err';
import { LoopBmc } from '../../../src/runtime/model/loop';
import { RunBmc } from '../../../src/runtime/model/run';
import { sandbox, type Sandbox } from '../../support/run-harness';

let sb: Sandbox;
before(async () => {
  sb = await sandbox();
});
after(async () => {
  await sb.close();
});

// Chat-completions models, so requests show in mock.chatRequests.
const OPT_4O = '# Options\n```toml\nmodel = "gpt-4o"\n```\n';
const lua = (code: string) => '```lua\n' + code + '\n```\n';

test('Before All plain value becomes before_all; redo returns at once with redo_requested and no tasks', async () => {
  sb.write('a/ba-value.aip', '# Before All\n' + lua('return { k = "v" }') + '# Data\n' + lua('return before_all.k') + '# Output\n' + lua('return data'));
  const r1 = await sb.run('a/ba-value.aip');
  assert.equal(r1.endState, 'Ok', r1.error?.message);
  assert.equal(sb.tasks(r1.runId!)[0].output_short, 'v');

  sb.write('a/ba-redo.aip', '# Before All\n' + lua('if CTX.RUN_FLOW_REDO_COUNT >= 2 then return aip.flow.skip("enough") end\nreturn aip.flow.redo_run()') + '# Data\n' + lua('return 1'));
  const r2 = await sb.run('a/ba-redo.aip');
  assert.equal(r2.endState, 'Ok');
  assert.equal(r2.redoRequested, true);
  assert.equal(sb.tasks(r2.runId!).length, 0);
  // The runtime reruns the chain (500 ms apart in production; the harness keeps the default).
  assert.ok(r2.loopId !== undefined, 'a loop is created for a redo chain');
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const runs = RunBmc.list(sb.rt.mm, { loop_id: r2.loopId! });
    if (runs.length >= 3 && runs.every((r) => r.end !== null)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const runs = RunBmc.list(sb.rt.mm, { loop_id: r2.loopId! });
  assert.deepEqual(
    runs.map((r) => [r.flow_redo_count, r.end_state]),
    [
      [0, 'Ok'],
      [1, 'Ok'],
      [2, 'Skip'],
    ],
  );
  assert.equal(LoopBmc.get(sb.rt.mm, r2.loopId!).pending, false);
});

test('before_all_response: inputs {} means one nil task; a non-table arg keeps inputs; an object for inputs is an error', async () => {
  sb.write('a/ba-empty.aip', '# Before All\n' + lua('return aip.flow.before_all_response({ inputs = {} })') + '# Data\n' + lua('return input == nil and "nil-input" or "x"') + '# Output\n' + lua('return data'));
  const r1 = await sb.run('a/ba-empty.aip', ['dropped']);
  assert.deepEqual(sb.tasks(r1.runId!).map((t) => t.output_short), ['nil-input']);

  sb.write('a/ba-scalar.aip', '# Before All\n' + lua('return aip.flow.before_all_response("x")') + '# Data\n' + lua('return input') + '# Output\n' + lua('return data'));
  const r2 = await sb.run('a/ba-scalar.aip', ['kept']);
  assert.deepEqual(sb.tasks(r2.runId!).map((t) => t.output_short), ['kept']);

  sb.write('a/ba-obj.aip', '# Before All\n' + lua('return aip.flow.before_all_response({ inputs = { a = 1 } })'));
  const r3 = await sb.run('a/ba-obj.aip');
  assert.equal(r3.endState, 'Err');
  assert.match(r3.error!.message, /must be nil, an array, or an empty table/);
});

test('before_all_response options: merged, agent model re-resolved for the whole run', async () => {
  sb.write('a/ba-opts.aip', '# Before All\n' + lua('return aip.flow.before_all_response({ options = { model = "gpt-4o", input_concurrency = 2 } })') + '# Instruction\nhi\n');
  const n = sb.mock.chatRequests.length;
  const r = await sb.run('a/ba-opts.aip', [1, 2]);
  assert.equal(r.endState, 'Ok', r.error?.message);
  const run = sb.run_(r.runId!);
  assert.equal(run.model, 'gpt-4o');
  assert.equal(run.concurrency, 2);
  assert.ok(sb.mock.chatRequests.slice(n).every((q) => (q.body as { model: string }).model === 'gpt-4o'));
});

test('Data skip: task Skip with its reason, no AI call, output null; other tasks go on', async () => {
  sb.write('a/data-skip.aip', OPT_4O + '# Data\n' + lua('if input == 2 then return aip.flow.skip("two") end\nreturn input') + '# Instruction\nn={{data}}\n# After All\n' + lua('return { n = #inputs, first = outputs[1] }'));
  sb.mock.setDefaultReply({ text: 'ok' });
  const n = sb.mock.chatRequests.length;
  const r = await sb.run('a/data-skip.aip', [1, 2]);
  assert.equal(r.endState, 'Ok', r.error?.message);
  const tasks = sb.tasks(r.runId!);
  assert.deepEqual(tasks.map((t) => [t.end_state, t.end_skip_reason, t.output_short]), [
    ['Ok', null, 'ok'],
    ['Skip', 'two', null],
  ]);
  assert.equal(sb.mock.chatRequests.length - n, 1);
  assert.equal(tasks[1].ai_start, null);
  assert.deepEqual(r.afterAll, { n: 2, first: 'ok' });
});

test('data_response: input, data and options override per task (model_ov set), attachments first', async () => {
  sb.write('files/pic.png', 'PNGDATA');
  sb.write(
    'a/data-resp.aip',
    '# Data\n' +
      lua('return aip.flow.data_response({ input = "new-" .. input, data = { d = 1 }, attachments = { file_source = "files/pic.png", title = "A pic" }, options = { model = "gpt-4o-mini" } })') +
      '# Instruction\n{{input}} {{data.d}}\n# Output\n' +
      lua('return input'),
  );
  const n = sb.mock.chatRequests.length;
  const r = await sb.run('a/data-resp.aip', ['x']);
  assert.equal(r.endState, 'Ok', r.error?.message);
  const body = sb.mock.chatRequests[n].body as { model: string; messages: { role: string; content: unknown }[] };
  assert.equal(body.model, 'gpt-4o-mini');
  assert.equal(body.messages.length, 2);
  const att = body.messages[0].content as { type: string; text?: string; image_url?: { url: string } }[];
  assert.match(att[0].text!, /Here is file attachment\.\nFile Path: 'files\/pic\.png'\nFile Name: 'pic\.png'\n\nFile Title: A pic/);
  assert.equal(att[1].image_url!.url, `data:image/png;base64,${Buffer.from('PNGDATA').toString('base64')}`);
  assert.deepEqual(body.messages[1], { role: 'user', content: 'new-x 1\n' });
  const [task] = sb.tasks(r.runId!);
  assert.equal(task.model_ov, 'gpt-4o-mini');
  assert.equal(task.output_short, 'new-x');
});

test('data_response with an extra key and before_all_response from Data are errors', async () => {
  sb.write('a/dr-extra.aip', '# Data\n' + lua('return aip.flow.data_response({ data = 1, other = 2 })'));
  const r1 = await sb.run('a/dr-extra.aip', ['x']);
  assert.equal(r1.endState, 'Err');
  assert.match(r1.error!.message, /data_response\(arg\) argument can only have .*But also contained: other/);
  sb.write('a/bar-data.aip', '# Data\n' + lua('return aip.flow.before_all_response({})'));
  const r2 = await sb.run('a/bar-data.aip', ['x']);
  assert.match(r2.error!.message, /Aipack custom 'BeforeAllResponse' not supported at the Data stage/);
});

test('Output skip keeps the raw directive as output and ends Ok; Output redo is an error', async () => {
  sb.write('a/out-skip.aip', '# Output\n' + lua('return aip.flow.skip("meh")') + '# After All\n' + lua('return outputs[1]._aipack_.kind'));
  const r1 = await sb.run('a/out-skip.aip', ['x']);
  assert.equal(r1.endState, 'Ok', r1.error?.message);
  assert.equal(sb.tasks(r1.runId!)[0].end_state, 'Ok');
  assert.equal(r1.afterAll, 'Skip');
  sb.write('a/out-redo.aip', '# Output\n' + lua('return aip.flow.redo_run()'));
  const r2 = await sb.run('a/out-redo.aip', ['x']);
  assert.equal(r2.endState, 'Err');
  assert.match(r2.error!.message, /Returned from # Output stage/);
});

test('no task stages and no inputs: no tasks, After All gets inputs nil and outputs nil', async () => {
  sb.write('a/only-aa.aip', '# After All\n' + lua('return { i = inputs == nil, o = outputs == nil }'));
  const r = await sb.run('a/only-aa.aip');
  assert.equal(r.endState, 'Ok', r.error?.message);
  assert.equal(sb.tasks(r.runId!).length, 0);
  assert.deepEqual(r.afterAll, { i: true, o: true });
});

test('outputs are sorted by input index whatever the completion order; a nil output is the null sentinel', async () => {
  sb.write(
    'a/order.aip',
    '# Options\n```toml\nmodel = "gpt-4o"\ninput_concurrency = 4\n```\n# Data\n' +
      lua('return input') +
      '# Instruction\n{{data}}\n# Output\n' +
      lua('if data == 3 then return nil end\nreturn ai_response.content') +
      '# After All\n' +
      lua('local out = {}\nfor i = 1, #inputs do out[i] = is_null(outputs[i]) and "NULL" or outputs[i] end\nreturn { out = out, n = #outputs }'),
  );
  sb.mock.setDefaultReply((req) => {
    const n = Number(((req.body as { messages: { content: string }[] }).messages[0].content).trim());
    return { text: `r${n}`, delayMs: (5 - n) * 30 };
  });
  const r = await sb.run('a/order.aip', [1, 2, 3, 4]);
  sb.mock.setDefaultReply({ text: 'ok' });
  assert.equal(r.endState, 'Ok', r.error?.message);
  assert.deepEqual(r.afterAll, { out: ['r1', 'r2', 'NULL', 'r4'], n: 4 });
});

test('FileInfo inputs get _display = path; After All failure ends the run Err at stage AfterAll', async () => {
  sb.write('a/display.aip', '# Data\n' + lua('return input._display') + '# Output\n' + lua('return data') + '# After All\n' + lua('error("aa broke")'));
  const r = await sb.run('a/display.aip', [{ _type: 'FileInfo', path: 'x/y.md', name: 'y.md' }]);
  assert.equal(r.endState, 'Err');
  assert.equal(sb.tasks(r.runId!)[0].output_short, 'x/y.md');
  const err = ErrBmc.get(sb.rt.mm, sb.run_(r.runId!).end_err_id!);
  assert.equal(err.stage, 'AfterAll');
  assert.match(err.content!, /aa broke/);
});
