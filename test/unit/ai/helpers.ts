import { join } from 'node:path';
import type { Host } from '../../../src/runtime/host';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'ai');

/** A Host whose secrets are the given map (nothing from the real environment). */
export function memHost(secrets: Record<string, string> = {}): Host & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async getSecret(name: string) {
      asked.push(name);
      return secrets[name];
    },
    async openFile() {
      return undefined;
    },
    async trash() {},
    nowMicros: () => 0,
  };
}

/** Secrets that point a provider at the mock and give it a key. */
export function mockSecrets(baseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    OPENAI_API_KEY: 'sk-openai-test',
    ANTHROPIC_API_KEY: 'sk-ant-test',
    GEMINI_API_KEY: 'gm-test',
    DEEPSEEK_API_KEY: 'ds-test',
    AIPACK_OPENAI_BASE_URL: baseUrl,
    AIPACK_ANTHROPIC_BASE_URL: baseUrl,
    AIPACK_GEMINI_BASE_URL: baseUrl,
    AIPACK_OLLAMA_BASE_URL: baseUrl,
    AIPACK_DEEPSEEK_BASE_URL: baseUrl,
    ...extra,
  };
}
