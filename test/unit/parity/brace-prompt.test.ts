// Regression: a prompt part with a stray closing brace after an expression (`{{data.inst}}}`, as in the
// `# Instruction` of aipack's demo@proof) renders the value plus a literal `}` and the run reaches the
// model, instead of failing to compile the part.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sandbox, type Sandbox } from '../../support/run-harness';

let sb: Sandbox;

before(async () => {
  sb = await sandbox();
  sb.write(
    'agents/brace.aip',
    [
      '# Options',
      '```toml',
      'model = "gpt-5.4-mini"',
      '```',
      '# Data',
      '```lua',
      'return { inst = "Summarize " .. input }',
      '```',
      '# Instruction',
      'Follow this: {{data.inst}}}',
      'Set: { {{data.inst}} }}} and {{#if data.inst}}}{{/if}}',
      '',
    ].join('\n'),
  );
});
after(async () => {
  await sb.close();
});

test('a `}}}` after a `{{…}}` expression in a prompt part reaches the model as value + `}`', async () => {
  sb.mock.reply({ text: 'done', usage: { prompt_tokens: 10, completion_tokens: 2 } });
  const res = await sb.run('agents/brace.aip', ['the file']);
  assert.equal(res.endState, 'Ok', res.error?.message);
  assert.equal(sb.mock.modelRequests.length, 1, 'exactly one model call');
  // Chat or Responses API, the user text travels as one JSON string.
  const sent = JSON.stringify('Follow this: Summarize the file}\nSet: { Summarize the file }}} and }\n');
  assert.ok(sb.mock.modelRequests[0].rawBody.includes(sent), sb.mock.modelRequests[0].rawBody);
});
