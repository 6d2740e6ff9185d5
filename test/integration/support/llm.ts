/**
 * The mock LLM inside the extension host: test/support/mock-openai.ts started in
 * this process, with the runtime pointed at it through the environment the
 * extension's Host reads on every AI call (`AIPACK_OPENAI_*_BASE_URL`, the key).
 * The harness starts VS Code with no provider key or endpoint in its environment.
 */
import { type MockOpenAI, type MockRequest, startMockOpenAI } from '../../support/mock-openai';

export const MODEL = 'gpt-5.4-mini'; // priced in src/runtime/ai/pricing.ts, so tasks have a cost
/** 1,200 + 300 tokens at gpt-5.4-mini prices = $0.00225 per task (shown as "1.5k tok · $0.0022"). */
export const USAGE = { prompt_tokens: 1200, completion_tokens: 300, total_tokens: 1500 };

const ENV_NAMES = ['AIPACK_OPENAI_BASE_URL', 'AIPACK_OPENAI_RESP_BASE_URL', 'OPENAI_API_KEY'] as const;

export interface Llm {
  mock: MockOpenAI;
  close(): Promise<void>;
}

/** Starts the mock and sets the endpoint (and, unless `apiKey` is null, the key) in process.env. */
export async function startLlm(opts: { apiKey?: string | null } = {}): Promise<Llm> {
  const mock = await startMockOpenAI({ models: [MODEL] });
  mock.setDefaultReply({ text: 'Hello from the mock.', usage: USAGE });
  const saved = Object.fromEntries(ENV_NAMES.map((k) => [k, process.env[k]]));
  process.env.AIPACK_OPENAI_BASE_URL = mock.baseUrl;
  process.env.AIPACK_OPENAI_RESP_BASE_URL = mock.baseUrl;
  if (opts.apiKey === null) delete process.env.OPENAI_API_KEY;
  else process.env.OPENAI_API_KEY = opts.apiKey ?? 'env-key-from-test';
  return {
    mock,
    async close() {
      for (const k of ENV_NAMES) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
      await mock.close();
    },
  };
}

/** Model calls received (Chat Completions or Responses API: gpt-5 models go through `/responses`). */
export function modelCalls(mock: MockOpenAI): MockRequest[] {
  return mock.requests.filter((r) => r.method === 'POST' && /\/(chat\/completions|responses)$/.test(r.path.split('?')[0]));
}
