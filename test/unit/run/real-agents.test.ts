/**
 * The agents a user meets first run unmodified: the built-in packs written by
 * init-base (demo@proof, my@sample, each with a lua/ folder), and a workspace
 * multi-file agent with require, a sub-agent and file inputs.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fileInputs } from '../../../src/runtime/run/file-inputs';
import { sandbox, type Sandbox } from '../../support/run-harness';

let sb: Sandbox;
before(async () => {
  sb = await sandbox();
});
after(async () => {
  await sb.close();
});

test('demo@proof on a string input returns the corrected text', async () => {
  sb.mock.reply({ text: 'There is an error in this sentence.' });
  const n = sb.mock.chatRequests.length + sb.mock.requests.length;
  const res = await sb.run('demo@proof', ['Their is a error in this sentense.']);
  assert.equal(res.endState, 'Ok', res.error?.message);
  assert.ok(sb.mock.requests.length + sb.mock.chatRequests.length > n);
  assert.equal(sb.tasks(res.runId!)[0].output_short, 'There is an error in this sentence.');
});

test('demo@proof on -f files rewrites each file in place', async () => {
  sb.write('docs/a.md', 'Helo world.\n');
  sb.write('docs/sub/b.md', 'Secnd file.\n');
  sb.mock.setDefaultReply((req) => {
    const body = req.body as { messages?: { role: string; content: string }[]; input?: unknown };
    const text = JSON.stringify(body).includes('Helo') ? 'Hello world.\n' : 'Second file.\n';
    return { text };
  });
  const files = await fileInputs(['docs/**/*.md'], sb.wks, sb.wks);
  assert.deepEqual(
    files.map((f) => f.path),
    ['docs/a.md', 'docs/sub/b.md'],
  );
  const res = await sb.run('demo@proof', files);
  sb.mock.setDefaultReply({ text: 'ok' });
  assert.equal(res.endState, 'Ok', res.error?.message);
  assert.equal(sb.read('docs/a.md'), 'Hello world.\n');
  assert.equal(sb.read('docs/sub/b.md'), 'Second file.\n');
  assert.deepEqual(
    sb.tasks(res.runId!).map((t) => t.output_short),
    ['Proofread: docs/a.md', 'Proofread: docs/sub/b.md'],
  );
});

test('my@sample (no input) requires its lua/ module and prints the answer', async () => {
  sb.mock.reply({ text: '- Hi Jane' });
  const res = await sb.run('my@sample');
  assert.equal(res.endState, 'Ok', res.error?.message);
  const [task] = sb.tasks(res.runId!);
  assert.match(task.output_short ?? '', /^Answered in [\d.]+ seconds$/);
  const prints = sb.logs(res.runId!, 'AgentPrint');
  assert.equal(prints.length, 1);
  assert.match(prints[0], /Question: Why is the sky blue\?\n\nAnswer:\n- Hi Jane/);
});

test('a workspace multi-file agent: lua/ modules, a sub-agent per file, After All summary', async () => {
  sb.write('tools/summarize/lua/fmt.lua', 'return { line = function(p, n) return p .. ": " .. n .. " words" end }\n');
  sb.write(
    'tools/summarize/count.aip',
    '# Data\n```lua\nlocal _, n = string.gsub(aip.file.load(input.path).content, "%S+", "")\nreturn n\n```\n# Output\n```lua\nreturn data\n```\n',
  );
  sb.write(
    'tools/summarize/main.aip',
    [
      '# Before All',
      '```lua',
      'local files = aip.file.list("notes/*.txt")',
      'return aip.flow.before_all_response({ inputs = files })',
      '```',
      '# Data',
      '```lua',
      'local fmt = require("fmt")',
      'local r = aip.agent.run("count.aip", { input = input })',
      'return fmt.line(input.path, r.outputs[1])',
      '```',
      '# Output',
      '```lua',
      'return data',
      '```',
      '# After All',
      '```lua',
      'aip.file.save("notes/summary.md", table.concat(outputs, "\\n"))',
      'return #outputs',
      '```',
      '',
    ].join('\n'),
  );
  sb.write('notes/one.txt', 'a b c');
  sb.write('notes/two.txt', 'a b c d e');
  const res = await sb.run('tools/summarize/main.aip');
  assert.equal(res.endState, 'Ok', res.error?.message);
  assert.equal(sb.read('notes/summary.md'), 'notes/one.txt: 3 words\nnotes/two.txt: 5 words');
  // Two child runs, one per task, nested under the main run.
  const { RunBmc } = await import('../../../src/runtime/model/run');
  assert.equal(RunBmc.listChildren(sb.rt.mm, res.runId!).length, 2);
});
