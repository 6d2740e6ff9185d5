/**
 * A Host for tests: secrets from a given map (never the real environment),
 * and a record of every secret name asked for.
 */
import type { Host } from '../../src/runtime/host';

export interface MemHost extends Host {
  /** Secret names looked up, in order. */
  readonly asked: string[];
  /** Files passed to `openFile` / `trash`, in order. */
  readonly opened: string[];
  readonly trashed: string[];
}

export function memHost(secrets: Record<string, string> = {}, opts: { nowMicros?: () => number } = {}): MemHost {
  const asked: string[] = [];
  const opened: string[] = [];
  const trashed: string[] = [];
  return {
    asked,
    opened,
    trashed,
    async getSecret(name: string) {
      asked.push(name);
      return secrets[name];
    },
    async openFile(absPath: string) {
      opened.push(absPath);
      return undefined;
    },
    async trash(absPath: string) {
      trashed.push(absPath);
    },
    nowMicros: opts.nowMicros ?? (() => 0),
  };
}

/**
 * Secrets that give the common providers a key and point them at a mock
 * server (`AIPACK_<ID>_BASE_URL`, see src/runtime/ai/credentials.ts).
 */
export function mockProviderSecrets(baseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  const keys: [string, string][] = [
    ['openai', 'OPENAI_API_KEY'],
    ['openai_resp', 'OPENAI_API_KEY'],
    ['anthropic', 'ANTHROPIC_API_KEY'],
    ['gemini', 'GEMINI_API_KEY'],
    ['deepseek', 'DEEPSEEK_API_KEY'],
    ['groq', 'GROQ_API_KEY'],
    ['xai', 'XAI_API_KEY'],
    ['ollama', ''],
  ];
  for (const [id, env] of keys) {
    out[`AIPACK_${id.toUpperCase()}_BASE_URL`] = baseUrl;
    if (env) out[env] = `test-key-${id}`;
  }
  return { ...out, ...extra };
}
