import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatNum, formatUsage, normalizeUsage } from '../../../src/runtime/ai/usage';
import { buildInfo, formatDuration } from '../../../src/runtime/ai/info';

test('normalizeUsage: OpenAI shape keeps the detail leaves that are present', () => {
  const n = normalizeUsage({
    prompt_tokens: 2070,
    completion_tokens: 131,
    total_tokens: 2201,
    prompt_tokens_details: { cached_tokens: 1024, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 64, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  });
  assert.deepEqual(n.usage, {
    prompt_tokens: 2070,
    completion_tokens: 131,
    prompt_tokens_details: { cached_tokens: 1024, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 64, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  });
  assert.equal(n.promptDetailsReported, true);
});

test('normalizeUsage: no usage → empty detail tables, no counts', () => {
  const n = normalizeUsage(undefined);
  assert.deepEqual(n.usage, { prompt_tokens_details: {}, completion_tokens_details: {} });
  assert.equal(n.promptDetailsReported, false);
  assert.deepEqual(normalizeUsage(null).usage, { prompt_tokens_details: {}, completion_tokens_details: {} });
});

test('normalizeUsage: DeepSeek and Anthropic-style cache fields', () => {
  assert.deepEqual(normalizeUsage({ prompt_tokens: 10, completion_tokens: 1, prompt_cache_hit_tokens: 6 }).usage.prompt_tokens_details, {
    cached_tokens: 6,
  });
  assert.deepEqual(
    normalizeUsage({ prompt_tokens: 10, completion_tokens: 1, cache_read_input_tokens: 3, cache_creation_input_tokens: 4 }).usage
      .prompt_tokens_details,
    { cached_tokens: 3, cache_creation_tokens: 4 },
  );
  assert.deepEqual(
    normalizeUsage({ prompt_tokens: 10, completion_tokens: 1, prompt_tokens_details: { cached_tokens: 2, cache_write_tokens: 5 } }).usage
      .prompt_tokens_details,
    { cached_tokens: 2, cache_creation_tokens: 5 },
  );
});

test('formatNum groups thousands', () => {
  assert.equal(formatNum(0), '0');
  assert.equal(formatNum(999), '999');
  assert.equal(formatNum(1000), '1,000');
  assert.equal(formatNum(1234567), '1,234,567');
  assert.equal(formatNum(-12345), '-12,345');
});

test('formatUsage: cached shown when the provider sent prompt details; reasoning when present', () => {
  assert.equal(formatUsage(normalizeUsage({ prompt_tokens: 2070, completion_tokens: 131 })), 'Prompt Tokens: 2,070 | Completion Tokens: 131');
  assert.equal(
    formatUsage(normalizeUsage({ prompt_tokens: 2070, completion_tokens: 131, prompt_tokens_details: { cached_tokens: 0 } })),
    'Prompt Tokens: 2,070 (cached: 0) | Completion Tokens: 131',
  );
  assert.equal(
    formatUsage(
      normalizeUsage({
        prompt_tokens: 12000,
        completion_tokens: 1500,
        prompt_tokens_details: { cached_tokens: 1000, cache_creation_tokens: 2000 },
        completion_tokens_details: { reasoning_tokens: 1024 },
      }),
    ),
    'Prompt Tokens: 12,000 (cached: 1,000, cache_creation: 2,000) | Completion Tokens: 1,500 (reasoning: 1,024)',
  );
  assert.equal(formatUsage(normalizeUsage(undefined)), 'Prompt Tokens: 0 | Completion Tokens: 0');
});

test('formatDuration: ms precision up to 10 s, seconds above', () => {
  assert.equal(formatDuration(0), '0s');
  assert.equal(formatDuration(345), '345ms');
  assert.equal(formatDuration(1000), '1s');
  assert.equal(formatDuration(1234), '1s 234ms');
  assert.equal(formatDuration(9999.6), '10s');
  assert.equal(formatDuration(10_000), '10s');
  assert.equal(formatDuration(12_345), '12s');
  assert.equal(formatDuration(75_900), '1m 15s');
  assert.equal(formatDuration(3_723_000), '1h 2m 3s');
});

test('info string: every part in order (§9.7)', () => {
  const usage = normalizeUsage({
    prompt_tokens: 12000,
    completion_tokens: 1500,
    prompt_tokens_details: { cached_tokens: 1000 },
    completion_tokens_details: { reasoning_tokens: 500 },
  });
  assert.equal(
    buildInfo({
      durationMs: 1234,
      priceUsd: 0.0142,
      usage,
      modelName: 'gpt-5.6-luna-high',
      providerModel: 'gpt-5.6-luna-2026-01-01',
      adapterKind: 'OpenAIResp',
      temperature: 0.2,
      top_p: 0.9,
    }),
    'Duration: 1s 234ms | ~$0.0142 | Prompt Tokens: 12,000 (cached: 1,000) | Completion Tokens: 1,500 (reasoning: 500)' +
      ' | Model: gpt-5.6-luna-high (gpt-5.6-luna-2026-01-01) | Adapter: OpenAIResp | Temperature: 0.2 | top_p: 0.9',
  );
});

test('info string: no cost, same provider model, no temperature', () => {
  assert.equal(
    buildInfo({
      durationMs: 15_500,
      usage: normalizeUsage({ prompt_tokens: 5, completion_tokens: 7 }),
      modelName: 'llama3',
      providerModel: 'llama3',
      adapterKind: 'Ollama',
    }),
    'Duration: 15s | Prompt Tokens: 5 | Completion Tokens: 7 | Model: llama3 | Adapter: Ollama',
  );
  assert.equal(
    buildInfo({
      durationMs: 20,
      usage: normalizeUsage({ prompt_tokens: 5, completion_tokens: 7 }),
      modelName: 'm',
      providerModel: 'm',
      adapterKind: 'Groq',
      temperature: 1,
    }),
    'Duration: 20ms | Prompt Tokens: 5 | Completion Tokens: 7 | Model: m | Adapter: Groq | Temperature: 1',
  );
});
