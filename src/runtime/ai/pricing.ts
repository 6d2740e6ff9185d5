/**
 * Prices (§9.6): a per-provider table of USD per 1M tokens, longest-prefix
 * lookup on the model name, and the cost formula. The rows are the sample of
 * §9.6.1; the data changes often and is meant to be re-synced, not reasoned about.
 */
import type { AiUsage } from './usage';

export interface PriceRow {
  /** Model-name prefix this row prices. */
  name: string;
  input_normal: number;
  input_cached?: number;
  input_cache_write?: number;
  output_normal: number;
  output_reasoning?: number;
}

export const PRICE_TABLE: Readonly<Record<string, readonly PriceRow[]>> = {
  openai: [
    { name: 'gpt-5.6-sol', input_normal: 5, input_cached: 0.5, input_cache_write: 6.25, output_normal: 30 },
    { name: 'gpt-5.6-terra', input_normal: 2.5, input_cached: 0.25, input_cache_write: 3.125, output_normal: 15 },
    { name: 'gpt-5.6-luna', input_normal: 1, input_cached: 0.1, input_cache_write: 1.25, output_normal: 6 },
    { name: 'gpt-5.4-mini', input_normal: 0.75, input_cached: 0.075, output_normal: 4.5 },
    { name: 'gpt-5.4-nano', input_normal: 0.2, input_cached: 0.02, output_normal: 1.25 },
  ],
  anthropic: [
    { name: 'claude-opus-5', input_normal: 5, input_cached: 0.5, input_cache_write: 6.25, output_normal: 25 },
    { name: 'claude-sonnet-5', input_normal: 2, input_cached: 0.2, input_cache_write: 2.5, output_normal: 10 },
    { name: 'claude-haiku-4-5', input_normal: 1, input_cached: 0.1, input_cache_write: 1.25, output_normal: 5 },
  ],
  gemini: [
    { name: 'gemini-3.1-pro', input_normal: 2, input_cached: 0.2, output_normal: 12 },
    { name: 'gemini-3.5-flash', input_normal: 1.5, input_cached: 0.15, output_normal: 9 },
    { name: 'gemini-3.1-flash-lite', input_normal: 0.25, input_cached: 0.025, output_normal: 1.5 },
  ],
};

/** Pricing provider id: the adapter's lower id, with `openai_resp` priced as `openai`. */
export function pricingProvider(adapterId: string): string {
  if (adapterId === 'openai_resp') return 'openai';
  if (adapterId === 'zai_coding') return 'zai';
  return adapterId;
}

/** Drop an `ns::` prefix. */
function bareModel(model: string): string {
  const i = model.indexOf('::');
  return i >= 0 ? model.slice(i + 2) : model;
}

/** The row whose name is the longest prefix of the model name, if any. */
export function findPrice(adapterId: string, model: string, table = PRICE_TABLE): PriceRow | undefined {
  const rows = table[pricingProvider(adapterId)];
  if (!rows) return undefined;
  const name = bareModel(model);
  let best: PriceRow | undefined;
  for (const row of rows) {
    if (name.startsWith(row.name) && (best === undefined || row.name.length > best.name.length)) best = row;
  }
  return best;
}

export interface AiPrice {
  /** Total USD. */
  cost: number;
  /** Only when > 0. */
  cost_cache_write?: number;
  /** Net saving from cached input minus the write surcharge; only when ≠ 0. */
  cost_cache_saving?: number;
}

/** Half away from zero, like Rust's `f64::round`, so negative savings round as the original. */
const round6 = (x: number) => (Math.sign(x) * Math.round(Math.abs(x) * 1e6)) / 1e6 || 0;

/** Cost of one call (§9.6 formula), or undefined when the model has no price row. */
export function priceIt(adapterId: string, model: string, usage: AiUsage, table = PRICE_TABLE): AiPrice | undefined {
  const row = findPrice(adapterId, model, table);
  if (!row) return undefined;
  const prompt = usage.prompt_tokens ?? 0;
  const completion = usage.completion_tokens ?? 0;
  const cached = usage.prompt_tokens_details.cached_tokens ?? 0;
  const cacheWrite = usage.prompt_tokens_details.cache_creation_tokens ?? 0;
  const reasoning = usage.completion_tokens_details.reasoning_tokens ?? 0;

  const inCached = row.input_cached ?? row.input_normal;
  const inWrite = row.input_cache_write ?? 1.25 * row.input_normal;
  const normalIn = Math.max(0, prompt - cached - cacheWrite);

  const cNormalIn = round6((normalIn * row.input_normal) / 1e6);
  const cCached = round6((cached * inCached) / 1e6);
  const cWrite = round6((cacheWrite * inWrite) / 1e6);
  const cOut = round6((Math.max(0, completion - reasoning) * row.output_normal) / 1e6);
  const cReasoning = round6((reasoning * (row.output_reasoning ?? row.output_normal)) / 1e6);
  const cost = round6(cNormalIn + cCached + cWrite + cOut + cReasoning);
  const saving = round6((cached * (row.input_normal - inCached) - cacheWrite * (inWrite - row.input_normal)) / 1e6);

  const out: AiPrice = { cost };
  if (cWrite > 0) out.cost_cache_write = cWrite;
  if (saving !== 0) out.cost_cache_saving = saving;
  return out;
}

/** `AiResponse.price_usd`: total cost, or undefined (nil) when unknown. */
export function priceUsd(adapterId: string, model: string, usage: AiUsage, table = PRICE_TABLE): number | undefined {
  return priceIt(adapterId, model, usage, table)?.cost;
}

/** Snapshot written to the task before the call (`pricing_model`, `pricing_input`, …). */
export interface ModelPricing {
  pricing_model: string;
  pricing_input: number;
  pricing_input_cached?: number;
  pricing_output: number;
}

export function modelPricing(adapterId: string, model: string, table = PRICE_TABLE): ModelPricing | undefined {
  const row = findPrice(adapterId, model, table);
  if (!row) return undefined;
  const out: ModelPricing = { pricing_model: row.name, pricing_input: row.input_normal, pricing_output: row.output_normal };
  if (row.input_cached !== undefined) out.pricing_input_cached = row.input_cached;
  return out;
}
