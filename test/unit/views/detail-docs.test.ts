import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { execChatFull } from '../../../src/runtime/ai/exec-chat';
import { TaskBmc } from '../../../src/runtime/model/task';
import { AiExchangeStore, aiExchangeStoreFor, bindAiExchangeStore, recordingExecChat } from '../../../src/views/model/ai-exchange-store';
import { renderRunDoc } from '../../../src/views/model/run-doc';
import { renderTaskDoc, type DocLinks } from '../../../src/views/model/task-doc';
import { sandbox, type Sandbox } from '../../support/run-harness';

let sb: Sandbox;
let store: AiExchangeStore;
const links: DocLinks & { openTask(id: number): string } = {
  openAgent: (runId, line) => `cmd:agent/${runId}/${line ?? ''}`,
  openRun: (runId) => `cmd:run/${runId}`,
  openTask: (id) => `cmd:task/${id}`,
};

before(async () => {
  sb = await sandbox({ pipeline: { stream: true, execChat: recordingExecChat(execChatFull) } });
  store = bindAiExchangeStore(sb.rt, new AiExchangeStore());
  sb.write(
    'agents/doc.aip',
    [
      '# Options',
      '```toml',
      'model = "gpt-5.4-mini"',
      '```',
      '# Data',
      '```lua',
      'print("preparing " .. input.name)',
      'aip.task.pin("note", 2, "pinned " .. input.name)',
      'return { n = 1 }',
      '```',
      '# System',
      'Be brief.',
      '# Instruction',
      'Describe {{input.name}}.',
      '',
    ].join('\n'),
  );
  sb.write('agents/broken.aip', '# Output\n```lua\nlocal x = nil\nreturn x.field\n```\n');
});
after(async () => {
  await sb.close();
});

test('task document: input, data, messages as sent, response info line, output, prints, pins', async () => {
  sb.mock.reply({ text: 'A long answer about ```code``` and more', chunks: ['A long ', 'answer about ```code``` ', 'and more'], usage: { prompt_tokens: 100, completion_tokens: 20 } });
  const input = { name: 'widget', note: 'x'.repeat(80) };
  const res = await sb.run('agents/doc.aip', [input]);
  assert.equal(res.endState, 'Ok', res.error?.message);
  const task = sb.tasks(res.runId!)[0];
  assert.equal(aiExchangeStoreFor(sb.rt), store);
  const ex = store.get(task.id)!;
  assert.ok(ex, 'the exchange was recorded for the task');
  assert.equal(ex.done, true);
  assert.equal(ex.text, 'A long answer about ```code``` and more');

  const doc = renderTaskDoc({ mm: sb.rt.mm, taskId: task.id, exchange: ex, links });
  assert.match(doc, /^# Task 0 — widget\n/, "the label is the input's name");
  assert.ok(doc.includes(`**Ok** · [doc.aip (run ${res.runId})](cmd:run/${res.runId}) · 0ms`), doc.split('\n')[2]);
  assert.ok(doc.includes('## Input\n\n```json\n' + JSON.stringify(input, null, 2) + '\n```'), 'the full input from the inout row, as JSON');
  assert.ok(doc.includes('Data stage ran (0ms). The data value is not stored in the run database; its prints are under Prints and logs.'));
  assert.ok(doc.includes('## Prompt (messages as sent)\n\nModel: `gpt-5.4-mini`\n\n### system\n\n```text\nBe brief.\n```\n\n### user\n\n```text\nDescribe widget.\n```'), doc);
  assert.match(doc, /## AI response\n\n`Duration: (\d+s )?\d+ms \| ~\$[0-9.]+ \| Prompt Tokens: 100 \| Completion Tokens: 20 \| Model: gpt-5\.4-mini \| Adapter: [A-Za-z]+`/);
  assert.ok(doc.includes('````text\nA long answer about ```code``` and more\n````'), 'the response in a fence longer than its backticks');
  assert.ok(doc.includes('## Output\n\n```text\nA long answer about ```code``` and more\n```') || doc.includes('## Output\n\n````text\nA long answer'), 'output shown');
  assert.ok(doc.includes('## Prints and logs\n\n```text\n[Data · print] preparing widget\n```'));
  assert.ok(doc.includes('## Pins\n\n- **note** (priority 2): Pin: pinned widget'));
  assert.ok(!doc.includes('## Error'));

  const prompt = renderTaskDoc({ mm: sb.rt.mm, taskId: task.id, exchange: ex, links, promptOnly: true });
  assert.ok(prompt.includes('### user\n\n```text\nDescribe widget.\n```'));
  assert.ok(!prompt.includes('## Output'), 'the prompt document has only the prompt');
});

test('task document without a recorded exchange says what the database does not keep', async () => {
  sb.mock.reply({ text: 'plain', usage: { prompt_tokens: 10, completion_tokens: 2 } });
  const res = await sb.run('agents/doc.aip', [{ name: 'w2' }]);
  const task = sb.tasks(res.runId!)[0];
  const doc = renderTaskDoc({ mm: sb.rt.mm, taskId: task.id });
  assert.ok(doc.includes('_The messages of this task were not recorded (the runtime does not store them)._ Prompt size: 23 bytes.'), doc);
  assert.match(doc, /## AI response\n\n`0ms \| ~\$0\.000017 \| Prompt Tokens: 10 \| Completion Tokens: 2 \| Model: gpt-5\.4-mini`\n\n_The response text was not recorded; the output below is what the task kept._/);
  assert.equal(renderTaskDoc({ mm: sb.rt.mm, taskId: 999_999 }), '# Task 999999\n\nThis task is no longer in the run database.\n');
});

test('a failed task: error with stage and a link to the .aip line; the run document shows it too', async () => {
  const res = await sb.run('agents/broken.aip', ['in']);
  assert.equal(res.endState, 'Err');
  const task = sb.tasks(res.runId!)[0];
  const doc = renderTaskDoc({ mm: sb.rt.mm, taskId: task.id, links });
  const m = /## Error\n\nStage: \*\*Output\*\* · line (\d+) — \[open agents\/broken\.aip:(\d+)\]\(cmd:agent\/(\d+)\/(\d+)\)\n\n```text\n(broken\.aip:\d+: [^\n]+)\n```/.exec(doc);
  assert.ok(m, doc);
  assert.equal(m[1], '4', 'the .aip line of `return x.field`');
  assert.deepEqual([m[2], m[3], m[4]], ['4', String(res.runId), '4']);
  assert.match(m[5], /^broken\.aip:4: attempt to index a nil value/);
  assert.ok(doc.includes('**Failed**'));

  const runDoc = renderRunDoc({ mm: sb.rt.mm, runId: res.runId!, links });
  assert.ok(runDoc.startsWith(`# Run ${res.runId} — broken.aip\n`));
  assert.ok(runDoc.includes('| State | Failed |'));
  assert.ok(runDoc.includes(`## Error\n\nStage: **Output** — [open agents/broken.aip:4](cmd:agent/${res.runId}/4)`), runDoc);
  assert.ok(runDoc.includes(`| 0 | [in](cmd:task/${task.id}) | Failed | 0ms |  |  | ⚠ broken.aip:4: attempt to index a nil value`), runDoc);
});

test('run document: agent, model, concurrency, duration, task time, tokens, cost, pins and the per-task table', async () => {
  sb.mock.reply({ text: 'one', usage: { prompt_tokens: 2000, completion_tokens: 400 } });
  sb.mock.reply({ text: 'two', usage: { prompt_tokens: 2000, completion_tokens: 400 } });
  const res = await sb.run('agents/doc.aip', [{ name: 'a' }, { name: 'b' }]);
  assert.equal(res.endState, 'Ok', res.error?.message);
  sb.rt.rtModel.saveRunPin(res.runId!, 'summary', 1, '{"label":"Done:","content":"2 items"}');
  const doc = renderRunDoc({ mm: sb.rt.mm, runId: res.runId!, links });
  const tasks = sb.tasks(res.runId!);
  for (const line of [
    `# Run ${res.runId} — doc.aip`,
    '| State | Ok |',
    '| Agent | agents/doc.aip |',
    '| Model | `gpt-5.4-mini` → openai_resp |',
    '| Concurrency | 2 |',
    '| Tasks | 2/2 ended |',
    '| Duration | 0ms |',
    '| Cumulative task time | 0ms |',
    '| Tokens | 4,000 prompt, 800 completion |',
    '| Cost | $0.0066 |',
    '| # | Task | State | Duration | Tokens | Cost | Output / error |',
    `| 0 | [a](cmd:task/${tasks[0].id}) | Ok | 0ms | 2,400 | $0.0033 | one |`,
    `| 1 | [b](cmd:task/${tasks[1].id}) | Ok | 0ms | 2,400 | $0.0033 | two |`,
    '## Tasks (2)',
    '## Pins\n\n- **summary** (priority 1): Done: 2 items',
  ]) {
    assert.ok(doc.includes(line), `missing ${line}\n${doc}`);
  }
  assert.ok(/## Run logs\n\n```text\n\[info\] Model: gpt-5\.4-mini \(gpt-5\.4-mini\)\. Input Concurrency: 2/.test(doc), doc);
  assert.equal(renderRunDoc({ mm: sb.rt.mm, runId: 424242 }), '# Run 424242\n\nThis run is no longer in the run database.\n');
  assert.equal(TaskBmc.listForRun(sb.rt.mm, res.runId!).length, 2);
});

test('the store follows streamed deltas and failures; it keeps a bounded number of tasks', () => {
  const s = new AiExchangeStore(2);
  const seen: string[] = [];
  s.onDidChange((ex) => seen.push(`${ex.taskId}:${ex.text}:${ex.done}`));
  s.request(1, 10, 'm', [{ role: 'user', content: 'hi' }]);
  s.delta(10, 'He');
  s.delta(10, 'llo');
  s.response(10, 'Duration: 1s', 'Hello');
  s.delta(10, 'late');
  s.request(1, 11, 'm', []);
  s.failed(11, 'Mock error 500');
  s.request(1, 12, 'm', []);
  assert.deepEqual(seen, ['10::false', '10:He:false', '10:Hello:false', '10:Hello:true', '11::false', '11::true', '12::false']);
  assert.equal(s.get(11)?.error, 'Mock error 500');
  assert.equal(s.get(10), undefined, 'the oldest exchange was dropped');
  s.dispose();

  const small = new AiExchangeStore(100, 50);
  small.request(1, 1, 'm', [{ role: 'user', content: 'x'.repeat(30) }]);
  small.response(1, 'i', 'y'.repeat(10));
  assert.equal(small.size, 40);
  small.request(1, 2, 'm', [{ role: 'user', content: 'z'.repeat(20) }]);
  assert.equal(small.get(1), undefined, 'over the character budget: the oldest goes');
  assert.equal(small.size, 20);
  small.delta(2, 'w'.repeat(100));
  assert.equal(small.get(2)?.text.length, 100, 'the exchange being written is kept even alone over budget');
});

test('a retried AI call stays recorded for its task (the retry restarts the exchange)', async () => {
  const s2 = await sandbox({ pipeline: { stream: true, retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 1 } } });
  try {
    const st = bindAiExchangeStore(s2.rt, new AiExchangeStore());
    s2.write('agents/r.aip', '# Options\n```toml\nmodel = "gpt-5.4-mini"\n```\n# Instruction\nHi {{input}}\n');
    s2.mock.reply({ status: 503 });
    s2.mock.reply({ text: 'second try', usage: { prompt_tokens: 5, completion_tokens: 2 } });
    const res = await s2.run('agents/r.aip', ['x']);
    assert.equal(res.endState, 'Ok', res.error?.message);
    const ex = st.get(s2.tasks(res.runId!)[0].id)!;
    assert.equal(ex.text, 'second try');
    assert.equal(ex.error, undefined);
    assert.equal(ex.done, true);
  } finally {
    await s2.close();
  }
});
