import { join } from 'node:path';
export { memHost } from '../../support/mem-host';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'ai');

/** Secrets that point the providers used here at the mock and give them a key. */
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
