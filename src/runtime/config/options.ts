/**
 * AgentOptions (§1.5), their merge rule and model alias resolution (§4.4).
 */

export interface AgentOptions {
  model?: string;
  temperature?: number;
  top_p?: number;
  input_concurrency?: number;
  allow_run_on_task_fail?: boolean;
  model_aliases?: Record<string, string>;
}

/** The six keys, in the order the spec lists them. */
export const AGENT_OPTION_KEYS = [
  'model',
  'temperature',
  'top_p',
  'input_concurrency',
  'allow_run_on_task_fail',
  'model_aliases',
] as const;

/** Reasoning suffixes kept through aliasing (§4.4). */
export const REASONING_SUFFIXES = ['-none', '-zero', '-minimal', '-low', '-medium', '-high', '-xhigh', '-max'] as const;

/**
 * Merge option layers, lowest precedence first: for scalar keys a later
 * non-null value wins; `model_aliases` merge key by key (§4.1).
 */
export function mergeOptions(...layers: (AgentOptions | undefined | null)[]): AgentOptions {
  const out: AgentOptions = {};
  for (const layer of layers) {
    if (!layer) continue;
    for (const key of AGENT_OPTION_KEYS) {
      const v = layer[key];
      if (v === undefined || v === null) continue;
      if (key === 'model_aliases') {
        out.model_aliases = { ...(out.model_aliases ?? {}), ...(v as Record<string, string>) };
      } else {
        (out as Record<string, unknown>)[key] = v;
      }
    }
  }
  return out;
}

/** `resolve_model` (§4.4): alias lookup, keeping one reasoning suffix through the alias. */
export function resolveModel(model: string, aliases: Record<string, string> | undefined): string {
  if (!aliases) return model;
  const direct = aliases[model];
  if (direct !== undefined) return direct;
  for (const suffix of REASONING_SUFFIXES) {
    if (model.endsWith(suffix)) {
      const base = model.slice(0, -suffix.length);
      const aliased = aliases[base];
      if (aliased !== undefined) return aliased + suffix;
      break;
    }
  }
  return model;
}

/**
 * Validate a plain object as AgentOptions. Unknown keys are ignored (§1.5);
 * a known key with the wrong type is an error naming the key.
 */
export function toAgentOptions(value: unknown, where: string): AgentOptions {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new AgentOptionsError(where, `options must be a table, got ${Array.isArray(value) ? 'array' : typeof value}`);
  }
  const src = value as Record<string, unknown>;
  const out: AgentOptions = {};
  const want = (key: string, type: string, ok: boolean) => {
    if (!ok) throw new AgentOptionsError(where, `option '${key}' must be ${type}, got ${describe(src[key])}`, key);
  };
  if (src.model != null) {
    want('model', 'a string', typeof src.model === 'string');
    out.model = src.model as string;
  }
  // Numbers are checked against their range here, so a bad value is an option error naming
  // the key (not a provider 400 or a database type error later on).
  if (src.temperature != null) {
    want('temperature', 'a number', typeof src.temperature === 'number');
    const v = src.temperature as number;
    want('temperature', `a number from 0 to ${MAX_TEMPERATURE}`, Number.isFinite(v) && v >= 0 && v <= MAX_TEMPERATURE);
    out.temperature = v;
  }
  if (src.top_p != null) {
    want('top_p', 'a number', typeof src.top_p === 'number');
    const v = src.top_p as number;
    want('top_p', 'a number from 0 to 1', Number.isFinite(v) && v >= 0 && v <= 1);
    out.top_p = v;
  }
  if (src.input_concurrency != null) {
    const v = src.input_concurrency;
    want('input_concurrency', 'a positive integer', typeof v === 'number' && Number.isInteger(v) && v >= 1);
    want('input_concurrency', `a positive integer up to ${MAX_INPUT_CONCURRENCY}`, (v as number) <= MAX_INPUT_CONCURRENCY);
    out.input_concurrency = v as number;
  }
  if (src.allow_run_on_task_fail != null) {
    want('allow_run_on_task_fail', 'a boolean', typeof src.allow_run_on_task_fail === 'boolean');
    out.allow_run_on_task_fail = src.allow_run_on_task_fail as boolean;
  }
  if (src.model_aliases != null) {
    const a = src.model_aliases;
    want('model_aliases', 'a table of strings', typeof a === 'object' && !Array.isArray(a));
    const aliases: Record<string, string> = {};
    for (const [k, v] of Object.entries(a as Record<string, unknown>)) {
      if (typeof v !== 'string') {
        throw new AgentOptionsError(where, `model alias '${k}' must be a string, got ${describe(v)}`, 'model_aliases', k);
      }
      aliases[k] = v;
    }
    out.model_aliases = aliases;
  }
  return out;
}

/** A known option with the wrong type; `detail` is the message without the `where` prefix. */
export class AgentOptionsError extends Error {
  constructor(
    where: string,
    readonly detail: string,
    /** The offending option key, when one is to blame. */
    readonly key?: string,
    /** For `model_aliases`, the offending alias. */
    readonly alias?: string,
  ) {
    super(where ? `${where}: ${detail}` : detail);
    this.name = 'AgentOptionsError';
  }
}

/** Largest `input_concurrency` accepted: far above any useful parallelism, far below what breaks storage. */
export const MAX_INPUT_CONCURRENCY = 10_000;

/** Largest `temperature` accepted (the widest provider range, OpenAI's and Gemini's 0-2). */
export const MAX_TEMPERATURE = 2;

/** Fallback for `input_concurrency` when no layer sets it (§1.5; the shipped base config sets 2). */
export const DEFAULT_INPUT_CONCURRENCY = 1;

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'table';
  // String(), not JSON: `inf` and `nan` from TOML read as such, not as `null`.
  return `${typeof v} ${typeof v === 'number' ? String(v) : JSON.stringify(v)}`;
}
