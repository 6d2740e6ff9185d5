import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveProvider, providerIdForName } from '../../../src/runtime/ai/routing';
import { splitReasoningSuffix } from '../../../src/runtime/ai/reasoning';
import { PROVIDERS } from '../../../src/runtime/ai/providers';

test('prefix rules route model names to adapters (§9.1)', () => {
  const cases: [string, string][] = [
    ['gpt-4o', 'OpenAI'],
    ['gpt-4.1-mini', 'OpenAI'],
    ['o1-preview', 'OpenAI'],
    ['o3-mini', 'OpenAI'],
    ['o4-mini', 'OpenAI'],
    ['chatgpt-4o-latest', 'OpenAI'],
    ['codex-mini-latest', 'OpenAI'],
    ['text-embedding-3-small', 'OpenAI'],
    ['gpt-5.6-luna', 'OpenAIResp'],
    ['gpt-5-mini', 'OpenAIResp'],
    ['gpt-4.1-codex', 'OpenAIResp'],
    ['gpt-4-pro', 'OpenAIResp'],
    ['gpt-oss-20b', 'Ollama'],
    ['gemini-3.5-flash', 'Gemini'],
    ['claude-sonnet-5', 'Anthropic'],
    ['accounts/fireworks/models/llama-v3', 'Fireworks'],
    ['kimi-k3', 'Kimi'],
    ['mimo-v2', 'Mimo'],
    ['command-r-plus', 'Cohere'],
    ['embed-english-v3', 'Cohere'],
    ['grok-4', 'Xai'],
    ['glm-5.2', 'Zai'],
    ['deepseek-chat', 'DeepSeek'],
    ['moonshot-v1-8k', 'Moonshot'],
    ['MiniMax-M2', 'MiniMax'],
    ['minimax-m2', 'MiniMax'],
    ['omlx-qwen', 'Omlx'],
    ['llama3.2', 'Ollama'],
    ['kimi', 'Ollama'],
    ['deepseek', 'Ollama'],
  ];
  for (const [model, kind] of cases) {
    assert.equal(resolveProvider(model).provider.kind, kind, model);
  }
});

test('explicit namespace wins and the part after :: is the provider model', () => {
  const r = resolveProvider('groq::llama-3.3-70b');
  assert.equal(r.provider.kind, 'Groq');
  assert.equal(r.modelName, 'groq::llama-3.3-70b');
  assert.equal(r.nameNoNs, 'llama-3.3-70b');
  assert.equal(r.providerModel, 'llama-3.3-70b');
  assert.equal(resolveProvider('openai::gpt-5.6-luna').provider.kind, 'OpenAI');
  assert.equal(resolveProvider('together::gpt-oss-120b').provider.kind, 'Together');
  assert.equal(resolveProvider('open_router::anthropic/claude').provider.kind, 'OpenRouter');
  assert.equal(resolveProvider('qwen_cloud::qwen3-max').provider.kind, 'QwenCloud');
  assert.equal(resolveProvider('ollama::gpt-4o').provider.kind, 'Ollama');
});

test('every adapter id of the table is a namespace for its own adapter', () => {
  for (const p of PROVIDERS) {
    assert.equal(resolveProvider(`${p.id}::some-model`).provider.kind, p.kind, p.id);
  }
});

test('zai_coding:: uses the Zai key with the coding endpoint', () => {
  const r = resolveProvider('zai_coding::glm-5.2');
  assert.equal(r.provider.kind, 'Zai');
  assert.equal(r.provider.envName, 'ZAI_API_KEY');
  assert.equal(r.provider.baseUrl, 'https://api.z.ai/api/coding/paas/v4/');
  assert.equal(r.providerModel, 'glm-5.2');
});

test('genai_<N>:: is a custom OpenAI-compatible adapter (N = 0..255)', () => {
  const r = resolveProvider('genai_7::my-model');
  assert.equal(r.provider.kind, 'Custom');
  assert.equal(r.customIndex, 7);
  assert.equal(r.provider.envName, 'GENAI_7_API_KEY');
  assert.equal(r.provider.keyOptional, true);
  assert.equal(resolveProvider('genai_255::m').customIndex, 255);
  // 256 is no custom adapter: the whole name falls to the rules (Ollama).
  const bad = resolveProvider('genai_256::m');
  assert.equal(bad.provider.kind, 'Ollama');
  assert.equal(bad.providerModel, 'genai_256::m');
});

test('an unknown namespace is not an adapter: the full name goes through the rules', () => {
  const r = resolveProvider('nope::gpt-4o');
  assert.equal(r.provider.kind, 'Ollama');
  assert.equal(r.providerModel, 'nope::gpt-4o');
  assert.equal(providerIdForName('gpt-4o'), 'openai');
});

test('reasoning suffix is stripped from the provider model and mapped (§9.2)', () => {
  const cases: [string, string, string | undefined][] = [
    ['gpt-5.6-luna-high', 'gpt-5.6-luna', 'high'],
    ['gpt-5.6-luna-low', 'gpt-5.6-luna', 'low'],
    ['gpt-5.6-luna-medium', 'gpt-5.6-luna', 'medium'],
    ['gpt-5.6-luna-minimal', 'gpt-5.6-luna', 'minimal'],
    ['gpt-5.6-luna-xhigh', 'gpt-5.6-luna', 'xhigh'],
    ['gpt-5.6-luna-max', 'gpt-5.6-luna', 'max'],
    ['gpt-5.6-luna-zero', 'gpt-5.6-luna', 'none'],
    ['gpt-5.6-luna-none', 'gpt-5.6-luna', 'none'],
    ['gpt-5.6-luna', 'gpt-5.6-luna', undefined],
    ['gpt-5.6-luna-huge', 'gpt-5.6-luna-huge', undefined],
    ['high', 'high', undefined],
    ['qwen3-max', 'qwen3-max', undefined],
    ['qwen-max', 'qwen-max', undefined],
  ];
  for (const [name, model, effort] of cases) {
    assert.deepEqual(splitReasoningSuffix(name), effort ? { model, effort } : { model }, name);
  }
});

test('the suffix survives a namespace and keeps the full name as model_name', () => {
  const r = resolveProvider('anthropic::claude-sonnet-5-high');
  assert.equal(r.provider.kind, 'Anthropic');
  assert.equal(r.modelName, 'anthropic::claude-sonnet-5-high');
  assert.equal(r.nameNoNs, 'claude-sonnet-5-high');
  assert.equal(r.providerModel, 'claude-sonnet-5');
  assert.equal(r.effort, 'high');
  const g = resolveProvider('gemini-3.5-flash-low');
  assert.equal(g.provider.kind, 'Gemini');
  assert.equal(g.providerModel, 'gemini-3.5-flash');
  assert.equal(g.effort, 'low');
});
