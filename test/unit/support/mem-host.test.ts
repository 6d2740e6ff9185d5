import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memHost, mockProviderSecrets } from '../../support/mem-host';
import { startMockOpenAI } from '../../support/mock-openai';
import { execChat } from '../../../src/runtime/ai/exec-chat';

test('memHost answers secrets from its map and records what was asked', async () => {
  const host = memHost({ A: '1' }, { nowMicros: () => 42 });
  assert.equal(await host.getSecret('A'), '1');
  assert.equal(await host.getSecret('B'), undefined);
  assert.deepEqual(host.asked, ['A', 'B']);
  assert.equal(await host.openFile('/x/y.md'), undefined);
  await host.trash('/x/z.md');
  assert.deepEqual(host.opened, ['/x/y.md']);
  assert.deepEqual(host.trashed, ['/x/z.md']);
  assert.equal(host.nowMicros(), 42);
});

test('mockProviderSecrets points every listed provider at the mock, with a key', async () => {
  const s = mockProviderSecrets('http://127.0.0.1:1/v1/', { EXTRA: 'e' });
  assert.equal(s.AIPACK_GROQ_BASE_URL, 'http://127.0.0.1:1/v1/');
  assert.equal(s.GROQ_API_KEY, 'test-key-groq');
  assert.equal(s.AIPACK_OLLAMA_BASE_URL, 'http://127.0.0.1:1/v1/');
  assert.equal('OLLAMA_API_KEY' in s, false);
  assert.equal(s.EXTRA, 'e');

  const mock = await startMockOpenAI();
  try {
    mock.reply({ text: 'from groq' }, { text: 'from xai' });
    const host = memHost(mockProviderSecrets(mock.baseUrl));
    const signal = new AbortController().signal;
    const a = await execChat({ model: 'groq::llama-3.3-70b', messages: [{ role: 'user', content: 'q' }], options: {}, signal, host });
    const b = await execChat({ model: 'grok-4', messages: [{ role: 'user', content: 'q' }], options: {}, signal, host });
    assert.equal(a.content, 'from groq');
    assert.equal(a.adapter_kind, 'Groq');
    assert.equal(b.content, 'from xai');
    assert.equal(b.adapter_kind, 'Xai');
    assert.deepEqual(
      mock.chatRequests.map((r) => r.headers.authorization),
      ['Bearer test-key-groq', 'Bearer test-key-xai'],
    );
  } finally {
    await mock.close();
  }
});
