import { test } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrlEnvName, checkKeys, resolveEndpoint } from '../../../src/runtime/ai/credentials';
import { MissingApiKeyError } from '../../../src/runtime/ai/errors';
import { resolveProvider } from '../../../src/runtime/ai/routing';
import { memHost } from './helpers';

test('key from the env var named by the adapter, default endpoint', async () => {
  const host = memHost({ ANTHROPIC_API_KEY: 'sk-ant' });
  assert.deepEqual(await resolveEndpoint(host, resolveProvider('claude-sonnet-5')), {
    baseUrl: 'https://api.anthropic.com/v1/',
    apiKey: 'sk-ant',
  });
  assert.deepEqual(host.asked, ['AIPACK_ANTHROPIC_BASE_URL', 'ANTHROPIC_API_KEY']);
});

test('missing key: an error naming the env var, stage Ai', async () => {
  await assert.rejects(resolveEndpoint(memHost(), resolveProvider('gpt-4o')), (err: unknown) => {
    assert.ok(err instanceof MissingApiKeyError);
    assert.equal(err.message, "Missing API key for OpenAI (model 'gpt-4o'): environment variable 'OPENAI_API_KEY' is not set.");
    assert.equal(err.envName, 'OPENAI_API_KEY');
    assert.equal(err.stage, 'Ai');
    return true;
  });
  await assert.rejects(
    resolveEndpoint(memHost({ GEMINI_API_KEY: '  ' }), resolveProvider('gemini-3.5-flash-low')),
    { message: "Missing API key for Gemini (model 'gemini-3.5-flash-low'): environment variable 'GEMINI_API_KEY' is not set." },
  );
});

test('Ollama needs no key; Omlx key is optional and OMLX_ENDPOINT moves it', async () => {
  assert.deepEqual(await resolveEndpoint(memHost(), resolveProvider('llama3.2')), { baseUrl: 'http://localhost:11434/v1/', apiKey: undefined });
  assert.deepEqual(await resolveEndpoint(memHost(), resolveProvider('omlx-qwen')), { baseUrl: 'http://127.0.0.1:8000/v1/', apiKey: undefined });
  assert.deepEqual(
    await resolveEndpoint(memHost({ OMLX_ENDPOINT: 'http://10.0.0.2:9000/v1', OMLX_API_KEY: 'k' }), resolveProvider('omlx-qwen')),
    { baseUrl: 'http://10.0.0.2:9000/v1/', apiKey: 'k' },
  );
});

test('AIPACK_<ID>_BASE_URL overrides the endpoint; OpenAIResp also honours the OpenAI one', async () => {
  assert.equal(baseUrlEnvName(resolveProvider('gpt-4o').provider), 'AIPACK_OPENAI_BASE_URL');
  assert.equal(baseUrlEnvName(resolveProvider('gpt-5-mini').provider), 'AIPACK_OPENAI_RESP_BASE_URL');
  assert.equal(baseUrlEnvName(resolveProvider('zai_coding::glm-5').provider), 'AIPACK_ZAI_CODING_BASE_URL');
  assert.equal(baseUrlEnvName(resolveProvider('glm-5').provider), 'AIPACK_ZAI_BASE_URL');
  const host = memHost({ OPENAI_API_KEY: 'k', AIPACK_OPENAI_BASE_URL: 'http://127.0.0.1:1/v1' });
  assert.deepEqual(await resolveEndpoint(host, resolveProvider('gpt-5.6-luna')), { baseUrl: 'http://127.0.0.1:1/v1/', apiKey: 'k' });
  const zai = await resolveEndpoint(memHost({ ZAI_API_KEY: 'z' }), resolveProvider('zai_coding::glm-5'));
  assert.deepEqual(zai, { baseUrl: 'https://api.z.ai/api/coding/paas/v4/', apiKey: 'z' });
});

test('genai_<N>:: requires GENAI_<N>_ENDPOINT, key optional', async () => {
  await assert.rejects(resolveEndpoint(memHost(), resolveProvider('genai_3::local-model')), {
    name: 'MissingEndpointError',
    message: "Missing endpoint for model 'genai_3::local-model': environment variable 'GENAI_3_ENDPOINT' is not set.",
  });
  assert.deepEqual(await resolveEndpoint(memHost({ GENAI_3_ENDPOINT: 'http://h/v1/' }), resolveProvider('genai_3::m')), {
    baseUrl: 'http://h/v1/',
    apiKey: undefined,
  });
  assert.deepEqual(
    await resolveEndpoint(memHost({ GENAI_3_ENDPOINT: 'http://h/v1', GENAI_3_API_KEY: 'c' }), resolveProvider('genai_3::m')),
    { baseUrl: 'http://h/v1/', apiKey: 'c' },
  );
});

test('checkKeys reports the 13 keys of §9.3 in order, present = non-empty', async () => {
  const res = await checkKeys(memHost({ OPENAI_API_KEY: 'x', GROQ_API_KEY: '', COHERE_API_KEY: 'c' }));
  assert.deepEqual(
    res.map((r) => r.envName),
    [
      'OPENAI_API_KEY',
      'ANTHROPIC_API_KEY',
      'GEMINI_API_KEY',
      'DEEPSEEK_API_KEY',
      'MIMO_API_KEY',
      'ZAI_API_KEY',
      'KIMI_API_KEY',
      'FIREWORKS_API_KEY',
      'GROQ_API_KEY',
      'TOGETHER_API_KEY',
      'NEBIUS_API_KEY',
      'XAI_API_KEY',
      'COHERE_API_KEY',
    ],
  );
  assert.deepEqual(res[0], { provider: 'OpenAI', envName: 'OPENAI_API_KEY', present: true });
  assert.deepEqual(res[8], { provider: 'Groq', envName: 'GROQ_API_KEY', present: false });
  assert.deepEqual(res[12], { provider: 'Cohere', envName: 'COHERE_API_KEY', present: true });
  assert.equal(res.filter((r) => r.present).length, 2);
});

test('OPENAI_BASE_URL is honoured for OpenAI models; the AIPACK_ override wins over it', async () => {
  const viaSdkVar = await resolveEndpoint(memHost({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'http://127.0.0.1:2/v1' }), resolveProvider('gpt-4o'));
  assert.equal(viaSdkVar.baseUrl, 'http://127.0.0.1:2/v1/');
  const both = await resolveEndpoint(
    memHost({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'http://127.0.0.1:2/v1', AIPACK_OPENAI_BASE_URL: 'http://127.0.0.1:3/v1' }),
    resolveProvider('gpt-4o'),
  );
  assert.equal(both.baseUrl, 'http://127.0.0.1:3/v1/');
  // Not for other providers.
  const anth = await resolveEndpoint(memHost({ ANTHROPIC_API_KEY: 'a', OPENAI_BASE_URL: 'http://127.0.0.1:2/v1' }), resolveProvider('claude-sonnet-5'));
  assert.notEqual(anth.baseUrl, 'http://127.0.0.1:2/v1/');
});
