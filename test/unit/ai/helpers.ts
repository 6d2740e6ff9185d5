import { after, before, beforeEach } from 'node:test';
import { join } from 'node:path';
import type { ExecChatRequest } from '../../../src/runtime/ai/exec-chat';
import type { ChatMessage } from '../../../src/runtime/ai/messages';
import { memHost } from '../../support/mem-host';
import { startMockOpenAI, type MockOpenAI } from '../../support/mock-openai';

export { memHost };

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

/**
 * One mock OpenAI server for the calling test file: started before its tests, closed after,
 * emptied before each test. The handle forwards to the server once it is up, so a file can
 * keep it in a `const` from load time.
 */
export function useMockOpenAI(): MockOpenAI {
  let server: MockOpenAI | undefined;
  before(async () => {
    server = await startMockOpenAI();
  });
  after(async () => {
    await server?.close();
  });
  beforeEach(() => server?.reset());
  return new Proxy({} as MockOpenAI, {
    get(_, key) {
      if (!server) throw new Error('mock OpenAI server used before it started');
      const v: unknown = Reflect.get(server, key, server);
      return typeof v === 'function' ? v.bind(server) : v;
    },
  });
}

/** The conversation the exec tests send: a system, a user and an assistant message. */
export const MESSAGES: ChatMessage[] = [
  { role: 'system', content: 'You are terse.' },
  { role: 'user', content: 'Say hi.' },
  { role: 'assistant', content: 'Ok.' },
];

/** A builder of exec requests for `model` with MESSAGES, keys and base URLs pointing at `mock`. */
export function requestBuilder(mock: MockOpenAI, model: string): (over?: Partial<ExecChatRequest>) => ExecChatRequest {
  return (over = {}) => ({
    model,
    messages: MESSAGES,
    options: {},
    signal: new AbortController().signal,
    host: memHost(mockSecrets(mock.baseUrl)),
    ...over,
  });
}

/** The info string with its (timing-dependent) duration blanked. */
export const stableInfo = (info: string) => info.replace(/^Duration: [^|]+\|/, 'Duration: X |');
