/**
 * Provider keys as the extension presents them: which keys exist (from the
 * runtime's provider table), where each one comes from, and recognising the
 * runtime's missing-key error so the user is offered "Set API Key". Pure.
 */
import { CHECK_KEYS_ENV_NAMES, PROVIDERS } from '../runtime/ai/providers';

export type KeySource = 'SecretStorage' | 'environment' | 'missing';

export interface ProviderKey {
  envName: string;
  /** Adapter kinds using the key, e.g. `OpenAI, OpenAIResp`. */
  providers: string;
}

/** Every key a provider reads, the `aip check-keys` ones first in their order, then the others by name. */
export function providerKeys(): ProviderKey[] {
  const kinds = new Map<string, string[]>();
  for (const p of PROVIDERS) {
    if (!p.envName) continue;
    const list = kinds.get(p.envName) ?? [];
    list.push(p.kind);
    kinds.set(p.envName, list);
  }
  const first: string[] = [...CHECK_KEYS_ENV_NAMES];
  const rest = [...kinds.keys()].filter((k) => !first.includes(k)).sort();
  return [...first, ...rest].map((envName) => ({ envName, providers: (kinds.get(envName) ?? []).join(', ') }));
}

/** SecretStorage wins over the environment, as VsCodeHost.getSecret looks them up. */
export function keySource(stored: string | undefined, env: string | undefined): KeySource {
  if (stored !== undefined && stored.trim() !== '') return 'SecretStorage';
  if (env !== undefined && env.trim() !== '') return 'environment';
  return 'missing';
}

export interface KeyReport {
  envName: string;
  providers: string;
  source: KeySource;
}

/** Lines for the "AIPack: Check Keys" output: `✓ OPENAI_API_KEY  SecretStorage  (OpenAI, OpenAIResp)`. */
export function formatKeyReport(rows: KeyReport[]): string[] {
  const width = Math.max(0, ...rows.map((r) => r.envName.length));
  const lines = rows.map((r) => {
    const mark = r.source === 'missing' ? '✗' : '✓';
    return `${mark} ${r.envName.padEnd(width)}  ${r.source.padEnd(13)}  (${r.providers})`;
  });
  const n = rows.filter((r) => r.source !== 'missing').length;
  lines.push(`${n} of ${rows.length} provider keys set.`);
  return lines;
}

const MISSING_KEY = /Missing API key for [^\n]*?environment variable '([A-Z0-9_]+)' is not set/;

/** The env name of a key the runtime reported missing (MissingApiKeyError's message), if any. */
export function missingKeyEnvName(message: string | null | undefined): string | undefined {
  return message ? MISSING_KEY.exec(message)?.[1] : undefined;
}

/** Key names are the only thing ever logged about keys; values never are. */
export function isValidKeyName(name: string): boolean {
  return /^[A-Z][A-Z0-9_]*$/.test(name);
}
