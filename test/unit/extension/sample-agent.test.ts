import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SAMPLE_AGENT_TEXT, nextAgentFileName } from '../../../src/extension/sample-agent';
import { loadAgentFromText } from '../../../src/runtime/load-agent';

test('the sample agent parses into Data, Instruction and Output stages', async () => {
  const agent = await loadAgentFromText({ text: SAMPLE_AGENT_TEXT, filePath: '/w/hello.aip', configOptions: { model: 'gpt-x' } });
  assert.match(agent.dataScript!.code, /local subject = input/);
  assert.match(agent.outputScript!.code, /print\("answer: " \.\. text\)/);
  assert.equal(agent.beforeAllScript, undefined);
  assert.equal(agent.promptParts.length, 1);
  assert.equal(agent.promptParts[0].content.trim(), 'Write one short, friendly sentence about {{data.subject}}.');
  assert.equal(agent.hasTaskStages, true);
});

test('nextAgentFileName: first free hello[-N].aip', () => {
  assert.equal(nextAgentFileName([]), 'hello.aip');
  assert.equal(nextAgentFileName(['hello.aip', 'x.aip']), 'hello-2.aip');
  assert.equal(nextAgentFileName(['hello.aip', 'hello-2.aip', 'hello-3.aip']), 'hello-4.aip');
  assert.equal(nextAgentFileName(['a.aip'], 'a'), 'a-2.aip');
});
