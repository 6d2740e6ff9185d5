import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatAgentStatus } from '../../../src/extension/language-status-format';

const base = { problems: [], markdown: '' };

test('the language status shows alias → model · provider, and flags a missing key or config errors', () => {
  assert.deepEqual(
    formatAgentStatus({ ...base, model: 'mini', resolved: 'gpt-5.4-mini', provider: { id: 'openai_resp', kind: 'OpenAIResp', providerModel: 'gpt-5.4-mini' }, keyEnv: 'OPENAI_API_KEY', keySet: true }),
    { text: '$(hubot) mini → gpt-5.4-mini · OpenAIResp', detail: 'served by OpenAIResp as gpt-5.4-mini', severity: 'info' },
  );
  assert.deepEqual(
    formatAgentStatus({ ...base, model: 'gpt-4o', resolved: 'gpt-4o', provider: { id: 'openai', kind: 'OpenAI', providerModel: 'gpt-4o' }, keyEnv: 'OPENAI_API_KEY', keySet: false }),
    { text: '$(key) gpt-4o · OpenAI', detail: 'OPENAI_API_KEY is not set', severity: 'warning' },
  );
  assert.equal(formatAgentStatus({ ...base, model: 'x', problems: ['Config invalid (config path: a.toml)'] }).severity, 'error');
  assert.deepEqual(formatAgentStatus({ ...base }), { text: '$(error) No model', detail: 'No config layer sets a model', severity: 'error' });
  assert.equal(formatAgentStatus(null).text, '$(hubot) AIPack');
});
