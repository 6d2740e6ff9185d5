/**
 * Reasoning effort carried by the model name (§9.2): `gpt-5.6-luna-high` asks
 * the provider for high effort on `gpt-5.6-luna`.
 */

export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | 'max';

/** Suffix keyword → effort; `zero` is a synonym of `none`. */
const KEYWORDS: Record<string, ReasoningEffort> = {
  zero: 'none',
  none: 'none',
  minimal: 'minimal',
  low: 'low',
  medium: 'medium',
  high: 'high',
  xhigh: 'xhigh',
  max: 'max',
};

/**
 * Real model ids whose last dash-word is one of the keywords. Stripping would
 * send a different model (e.g. Qwen's `qwen3-max` is a model, not effort "max").
 */
const PROTECTED: RegExp[] = [/(^|\/)qwen[\w.]*-max$/i, /(^|\/)qwen-max$/i];

export interface SplitModel {
  /** Model id to send, without the suffix. */
  model: string;
  effort?: ReasoningEffort;
}

/** Strip one trailing `-<keyword>` from a provider model id. */
export function splitReasoningSuffix(model: string): SplitModel {
  const dash = model.lastIndexOf('-');
  if (dash <= 0) return { model };
  const effort = KEYWORDS[model.slice(dash + 1)];
  if (effort === undefined) return { model };
  if (PROTECTED.some((re) => re.test(model))) return { model };
  return { model: model.slice(0, dash), effort };
}

/**
 * Anthropic thinking budgets per effort (tokens). `none` means no thinking.
 * Budgets stay under the per-family max_tokens chosen in `anthropicMaxTokens`.
 */
export const ANTHROPIC_THINKING_BUDGET: Record<Exclude<ReasoningEffort, 'none'>, number> = {
  minimal: 1024,
  low: 2048,
  medium: 8000,
  high: 24000,
  xhigh: 28000,
  max: 31999,
};

/**
 * Anthropic's max_tokens default per model family (§9.2: 4K/8K/32K/64K/128K);
 * the OpenAI-compatible endpoint needs it set when thinking is on.
 */
export function anthropicMaxTokens(model: string): number {
  if (/^claude-3-(opus|haiku|sonnet)/.test(model)) return 4096;
  if (/^claude-3-5/.test(model)) return 8192;
  if (/^claude-opus-4(-[01])?(-|$)/.test(model)) return 32000;
  if (/^claude-3-7/.test(model)) return 64000;
  if (/^claude-(opus|sonnet)-[5-9]/.test(model)) return 128000;
  return 64000;
}

/** OpenAI's `reasoning_effort` tops out at `xhigh`; other providers get the keyword as is. */
export function openAiEffort(effort: ReasoningEffort, openai: boolean): string {
  if (openai && effort === 'max') return 'xhigh';
  return effort;
}
