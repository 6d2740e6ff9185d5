/**
 * Token usage as `AiResponse.usage` shows it (§8.3): the two detail tables are
 * always present, their leaves only when the provider reported them. Providers
 * spell cache figures differently; they are normalized here.
 */

export interface PromptTokensDetails {
  cached_tokens?: number;
  cache_creation_tokens?: number;
  audio_tokens?: number;
}

export interface CompletionTokensDetails {
  reasoning_tokens?: number;
  audio_tokens?: number;
  accepted_prediction_tokens?: number;
  rejected_prediction_tokens?: number;
}

export interface AiUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  prompt_tokens_details: PromptTokensDetails;
  completion_tokens_details: CompletionTokensDetails;
}

export interface NormalizedUsage {
  usage: AiUsage;
  /** The provider sent prompt details (the info string then shows `(cached: n)`, as genai does). */
  promptDetailsReported: boolean;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function pick<T extends object>(src: Record<string, unknown> | undefined, keys: (keyof T & string)[]): T {
  const out = {} as Record<string, number>;
  if (!src) return out as T;
  for (const k of keys) {
    const v = num(src[k]);
    if (v !== undefined) out[k] = v;
  }
  return out as T;
}

/** From an OpenAI-style `usage` object (or undefined when the provider sent none). */
export function normalizeUsage(raw: unknown): NormalizedUsage {
  const u = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const pd = (u.prompt_tokens_details ?? undefined) as Record<string, unknown> | undefined;
  const cd = (u.completion_tokens_details ?? undefined) as Record<string, unknown> | undefined;

  const prompt = pick<PromptTokensDetails>(pd, ['cached_tokens', 'cache_creation_tokens', 'audio_tokens']);
  // DeepSeek reports cache hits at top level; some gateways use Anthropic's names.
  prompt.cached_tokens ??= num(u.prompt_cache_hit_tokens) ?? num(u.cache_read_input_tokens);
  prompt.cache_creation_tokens ??= num(pd?.cache_write_tokens) ?? num(u.cache_creation_input_tokens);
  for (const k of Object.keys(prompt) as (keyof PromptTokensDetails)[]) if (prompt[k] === undefined) delete prompt[k];

  const completion = pick<CompletionTokensDetails>(cd, [
    'reasoning_tokens',
    'audio_tokens',
    'accepted_prediction_tokens',
    'rejected_prediction_tokens',
  ]);

  const usage: AiUsage = { prompt_tokens_details: prompt, completion_tokens_details: completion };
  const p = num(u.prompt_tokens);
  const c = num(u.completion_tokens);
  if (p !== undefined) usage.prompt_tokens = p;
  if (c !== undefined) usage.completion_tokens = c;
  return { usage, promptDetailsReported: Object.keys(prompt).length > 0 || (pd !== undefined && pd !== null) };
}

/** `1234567` → `1,234,567` (en locale grouping, as the original). */
export function formatNum(n: number): string {
  const s = String(Math.trunc(Math.abs(n)));
  const grouped = s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? '-' + grouped : grouped;
}

/** `Prompt Tokens: 2,070 (cached: 0) | Completion Tokens: 131 (reasoning: 64)` */
export function formatUsage(n: NormalizedUsage): string {
  const { usage } = n;
  let out = `Prompt Tokens: ${formatNum(usage.prompt_tokens ?? 0)}`;
  if (n.promptDetailsReported) {
    out += ` (cached: ${formatNum(usage.prompt_tokens_details.cached_tokens ?? 0)}`;
    const cw = usage.prompt_tokens_details.cache_creation_tokens;
    if (cw !== undefined) out += `, cache_creation: ${formatNum(cw)}`;
    out += ')';
  }
  out += ` | Completion Tokens: ${formatNum(usage.completion_tokens ?? 0)}`;
  const reasoning = usage.completion_tokens_details.reasoning_tokens;
  if (reasoning !== undefined) out += ` (reasoning: ${formatNum(reasoning)})`;
  return out;
}
