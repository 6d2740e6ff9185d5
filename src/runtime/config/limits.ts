/**
 * Runtime limits that keep a run bounded: the AI request timeout, the size cap of
 * files read by `aip.file.*`, and the sub-agent depth. They are not AgentOptions
 * (an agent cannot lift them): they live in a `[limits]` section of the config
 * files (§4.1 layers 1-3; aipack ignores the section), can be set by environment
 * variables, and by the host (CLI flag, VS Code setting). Precedence, highest first:
 * host value, environment, workspace config, base user config, base default config,
 * built-in default.
 */
import * as fs from 'node:fs/promises';
import { parse as parseToml } from 'smol-toml';
import type { DirContext } from '../dir-context/dir-context';

export interface RuntimeLimits {
  /** Limit of one AI request attempt, ms (0 = none). */
  aiRequestTimeoutMs: number;
  /** Largest file `aip.file.*` reads, in bytes. */
  fileReadMaxBytes: number;
  /** Deepest chain of `aip.agent.run` sub-agents (the top-level run is depth 0). */
  agentMaxDepth: number;
}

/** 5 minutes per attempt: long answers still fit, a dead provider does not hold a task for half an hour. */
export const DEFAULT_AI_REQUEST_TIMEOUT_MS = 5 * 60_000;
export const DEFAULT_FILE_READ_MAX_BYTES = 100 * 1024 * 1024;
export const DEFAULT_AGENT_MAX_DEPTH = 32;

export const DEFAULT_LIMITS: Readonly<RuntimeLimits> = Object.freeze({
  aiRequestTimeoutMs: DEFAULT_AI_REQUEST_TIMEOUT_MS,
  fileReadMaxBytes: DEFAULT_FILE_READ_MAX_BYTES,
  agentMaxDepth: DEFAULT_AGENT_MAX_DEPTH,
});

/** One limit: its config key (under `[limits]`), env var, and how a raw number maps to the stored value. */
interface LimitSpec {
  field: keyof RuntimeLimits;
  key: string;
  env: string;
  /** Smallest accepted raw value. */
  min: number;
  integer: boolean;
  toValue: (raw: number) => number;
}

export const LIMIT_SPECS: readonly LimitSpec[] = [
  { field: 'aiRequestTimeoutMs', key: 'ai_request_timeout_secs', env: 'AIPACK_AI_TIMEOUT', min: 0, integer: false, toValue: (s) => Math.round(s * 1000) },
  { field: 'fileReadMaxBytes', key: 'file_read_max_bytes', env: 'AIPACK_FILE_READ_MAX_BYTES', min: 1, integer: true, toValue: (n) => n },
  { field: 'agentMaxDepth', key: 'agent_max_depth', env: 'AIPACK_AGENT_MAX_DEPTH', min: 0, integer: true, toValue: (n) => n },
];

export class LimitError extends Error {
  constructor(readonly where: string, readonly key: string, detail: string) {
    super(`${where}: limit '${key}' ${detail}`);
    this.name = 'LimitError';
  }
}

/** Check one raw value; an out-of-range value is an error naming the key, never silently clamped. */
function checkRaw(spec: LimitSpec, raw: unknown, where: string): number {
  const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    throw new LimitError(where, spec.key, `must be a finite number, got ${JSON.stringify(raw)}`);
  }
  if (spec.integer && !Number.isInteger(n)) throw new LimitError(where, spec.key, `must be an integer, got ${n}`);
  if (n < spec.min) throw new LimitError(where, spec.key, `must be >= ${spec.min}, got ${n}`);
  const v = spec.toValue(n);
  if (!Number.isSafeInteger(v)) throw new LimitError(where, spec.key, `is too large, got ${n}`);
  return v;
}

/** The `[limits]` values of one parsed config document (unknown keys are ignored, like options). */
export function limitsFromToml(doc: Record<string, unknown>, where: string): Partial<RuntimeLimits> {
  const sec = doc.limits;
  if (sec === undefined) return {};
  if (typeof sec !== 'object' || sec === null || Array.isArray(sec)) throw new LimitError(where, 'limits', 'must be a table');
  const out: Partial<RuntimeLimits> = {};
  for (const spec of LIMIT_SPECS) {
    const raw = (sec as Record<string, unknown>)[spec.key];
    if (raw !== undefined) out[spec.field] = checkRaw(spec, raw, `${where} [limits]`);
  }
  return out;
}

/** Limits set by environment variables (empty ones are ignored). */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<RuntimeLimits> {
  const out: Partial<RuntimeLimits> = {};
  for (const spec of LIMIT_SPECS) {
    const raw = env[spec.env];
    if (raw !== undefined && raw.trim() !== '') out[spec.field] = checkRaw(spec, raw, `environment variable ${spec.env}`);
  }
  return out;
}

/**
 * The effective limits: defaults, then each config file's `[limits]`, then the
 * environment, then `host` (CLI flag / editor setting). Missing config files are
 * skipped here (the options cascade reports them).
 */
export async function loadRuntimeLimits(
  dirCtx: DirContext,
  host: Partial<RuntimeLimits> = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<RuntimeLimits> {
  const out: RuntimeLimits = { ...DEFAULT_LIMITS };
  const paths = dirCtx.configPaths();
  for (const p of [paths.baseDefault, paths.baseUser, paths.workspace]) {
    if (p === undefined) continue;
    let text: string;
    try {
      text = await fs.readFile(p, 'utf8');
    } catch {
      continue;
    }
    let doc: Record<string, unknown>;
    try {
      doc = parseToml(text) as Record<string, unknown>;
    } catch {
      continue; // the options cascade reports TOML errors with the line
    }
    Object.assign(out, limitsFromToml(doc, `Config invalid (config path: ${p})`));
  }
  Object.assign(out, limitsFromEnv(env));
  for (const [k, v] of Object.entries(host)) if (v !== undefined) (out as unknown as Record<string, number>)[k] = v;
  return out;
}
