import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findPrice, modelPricing, priceIt, priceUsd, pricingProvider, PRICE_TABLE } from '../../../src/runtime/ai/pricing';
import type { AiUsage } from '../../../src/runtime/ai/usage';

function usage(p: number, c: number, extra: { cached?: number; write?: number; reasoning?: number } = {}): AiUsage {
  const u: AiUsage = { prompt_tokens: p, completion_tokens: c, prompt_tokens_details: {}, completion_tokens_details: {} };
  if (extra.cached !== undefined) u.prompt_tokens_details.cached_tokens = extra.cached;
  if (extra.write !== undefined) u.prompt_tokens_details.cache_creation_tokens = extra.write;
  if (extra.reasoning !== undefined) u.completion_tokens_details.reasoning_tokens = extra.reasoning;
  return u;
}

test('the sample rows of §9.6.1 are in the table', () => {
  assert.deepEqual(findPrice('openai', 'gpt-5.6-luna'), {
    name: 'gpt-5.6-luna',
    input_normal: 1,
    input_cached: 0.1,
    input_cache_write: 1.25,
    output_normal: 6,
  });
  assert.deepEqual(findPrice('gemini', 'gemini-3.1-flash-lite'), {
    name: 'gemini-3.1-flash-lite',
    input_normal: 0.25,
    input_cached: 0.025,
    output_normal: 1.5,
  });
  assert.equal(PRICE_TABLE.openai.length, 5);
  assert.equal(PRICE_TABLE.anthropic.length, 3);
  assert.equal(PRICE_TABLE.gemini.length, 3);
});

test('lookup takes the longest matching prefix', () => {
  const table = {
    anthropic: [
      { name: 'claude-sonnet-5', input_normal: 2, output_normal: 10 },
      { name: 'claude-sonnet-5-5', input_normal: 3, output_normal: 15 },
    ],
  };
  assert.equal(findPrice('anthropic', 'claude-sonnet-5-5-20260101', table)?.name, 'claude-sonnet-5-5');
  assert.equal(findPrice('anthropic', 'claude-sonnet-5-20260101', table)?.name, 'claude-sonnet-5');
  // Real table: a dated or suffixed id falls back to its family row.
  assert.equal(findPrice('anthropic', 'claude-sonnet-5-5')?.name, 'claude-sonnet-5');
  assert.equal(findPrice('openai', 'gpt-5.6-luna-high')?.name, 'gpt-5.6-luna');
});

test('openai_resp is priced as openai; an ns:: prefix is ignored', () => {
  assert.equal(pricingProvider('openai_resp'), 'openai');
  assert.equal(findPrice('openai_resp', 'gpt-5.4-mini')?.name, 'gpt-5.4-mini');
  assert.equal(findPrice('openai', 'openai::gpt-5.4-nano')?.name, 'gpt-5.4-nano');
});

test('unknown provider or model: no price (price_usd nil)', () => {
  assert.equal(findPrice('ollama', 'llama3'), undefined);
  assert.equal(findPrice('openai', 'gpt-3.5-turbo'), undefined);
  assert.equal(priceUsd('ollama', 'llama3', usage(100, 10)), undefined);
  assert.equal(priceIt('openai', 'davinci', usage(100, 10)), undefined);
  assert.equal(modelPricing('groq', 'x'), undefined);
});

test('plain usage: input + output', () => {
  // 1,000,000 in at $1 + 100,000 out at $6 = 1.6
  assert.equal(priceUsd('openai', 'gpt-5.6-luna', usage(1_000_000, 100_000)), 1.6);
  assert.deepEqual(priceIt('openai', 'gpt-5.6-luna', usage(1_000_000, 100_000)), { cost: 1.6 });
});

test('cached input and reasoning tokens', () => {
  // normal 8000×1 + cached 2000×0.1 + out 600×6 + reasoning 400×6, per 1M
  const p = priceIt('openai', 'gpt-5.6-luna', usage(10_000, 1_000, { cached: 2_000, reasoning: 400 }));
  assert.deepEqual(p, { cost: 0.0142, cost_cache_saving: 0.0018 });
});

test('cache creation tokens use the cache-write price and reduce the saving', () => {
  // claude-sonnet-5: in 2, cached 0.2, write 2.5, out 10
  const p = priceIt('anthropic', 'claude-sonnet-5', usage(5_000, 200, { cached: 1_000, write: 1_000 }));
  // 3000×2 + 1000×0.2 + 1000×2.5 + 200×10 = 10,700 µ$
  assert.deepEqual(p, { cost: 0.0107, cost_cache_write: 0.0025, cost_cache_saving: 0.0013 });
});

test('no cache-write price: 1.25 × input; a net negative saving is kept', () => {
  // gpt-5.4-mini: in 0.75, cached 0.075, no write price → 0.9375
  const p = priceIt('openai', 'gpt-5.4-mini', usage(1_000, 0, { write: 1_000 }));
  assert.deepEqual(p, { cost: 0.000938, cost_cache_write: 0.000938, cost_cache_saving: -0.000188 });
});

test('no cached tokens: no saving field, no write field', () => {
  const p = priceIt('gemini', 'gemini-3.1-pro', usage(1_000, 1_000, { cached: 0 }));
  assert.deepEqual(p, { cost: 0.014 });
});

test('missing token counts count as zero', () => {
  const u: AiUsage = { prompt_tokens_details: {}, completion_tokens_details: {} };
  assert.equal(priceUsd('openai', 'gpt-5.6-sol', u), 0);
});

test('pricing snapshot for the task row', () => {
  assert.deepEqual(modelPricing('openai_resp', 'gpt-5.6-terra-high'), {
    pricing_model: 'gpt-5.6-terra',
    pricing_input: 2.5,
    pricing_input_cached: 0.25,
    pricing_output: 15,
  });
});
