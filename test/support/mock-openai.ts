/**
 * An OpenAI-compatible HTTP server for tests (issue 3 item 4). It listens on
 * 127.0.0.1 with a random port, answers `POST …/chat/completions` and
 * `POST …/responses` (streaming SSE or plain JSON) and `GET …/models`, plays
 * replies scripted by the test (one queue for both APIs), and logs every
 * request so tests can assert what the client sent.
 *
 *   const mock = await startMockOpenAI();
 *   mock.reply({ text: 'hello', usage: { prompt_tokens: 10, completion_tokens: 2 } });
 *   // ... point the client at mock.baseUrl ...
 *   assert.equal(mock.requests[0].body.model, 'gpt-x');
 *   await mock.close();
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { writeResponses } from './mock-openai-responses';

export interface MockUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens?: number;
  prompt_tokens_details?: Record<string, number>;
  completion_tokens_details?: Record<string, number>;
  /** Any other provider-specific usage fields (e.g. DeepSeek's `prompt_cache_hit_tokens`). */
  [extra: string]: unknown;
}

/** One scripted answer. Every field is optional; an empty object answers with `DEFAULT_TEXT`. */
export interface MockReply {
  /** Assistant text. Default `DEFAULT_TEXT`. */
  text?: string;
  /** How to cut `text` into stream deltas. Default: words with their trailing spaces. */
  chunks?: string[];
  /** Reasoning text, sent in the message (or deltas) under `reasoningField`. */
  reasoning?: string;
  /** Field that carries `reasoning`. Default `reasoning_content` (DeepSeek style). */
  reasoningField?: 'reasoning_content' | 'reasoning';
  /** Usage numbers; `null` sends none. Default: 10 prompt / 5 completion tokens. */
  usage?: MockUsage | null;
  /** Model name the "provider" reports. Default: the model of the request. */
  model?: string;
  /** HTTP status. When >= 400 the body is an OpenAI-style error built from `error`. */
  status?: number;
  /** Error body fields for status >= 400. Default message `Mock error <status>`. */
  error?: { message?: string; type?: string; code?: string | null; param?: string | null };
  /** Raw response body (JSON-serialized unless a string), replacing the generated one. */
  body?: unknown;
  /** Extra response headers. */
  headers?: Record<string, string>;
  /** Milliseconds to wait before answering anything. */
  delayMs?: number;
  /** Milliseconds to wait before each stream chunk after the first. */
  chunkDelayMs?: number;
  /**
   * Destroy the connection: for a stream, after this many content chunks were
   * sent (0 = right after the headers); for a plain answer, before any byte.
   */
  resetAfterChunks?: number;
  /** Answer with a stream or not; default follows the request's `stream` flag. */
  stream?: boolean;
  /** finish_reason of the last choice. Default `stop`. */
  finishReason?: string;
  /**
   * Responses API only: answer 200 with a failed response (`status: 'failed'`,
   * or a `response.failed` event after the deltas when streaming).
   */
  responseFailure?: { message: string; code?: string };
}

export interface MockRequest {
  method: string;
  /** Path with query, e.g. `/v1/chat/completions`. */
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, or undefined when empty or not JSON. */
  body: any;
  rawBody: string;
  /**
   * How the exchange ended: 'finished' when the whole answer was written, 'aborted' when the connection closed
   * first (the client went away, or a scripted reset). Lets a cancel test prove the client stopped listening
   * without measuring time.
   */
  outcome: Promise<'finished' | 'aborted'>;
}

export type MockReplySpec = MockReply | ((req: MockRequest) => MockReply | Promise<MockReply>);

export interface MockOpenAI {
  /** `http://127.0.0.1:PORT/v1/` */
  readonly baseUrl: string;
  readonly port: number;
  /** Every request received, in arrival order (chat, responses, models and unknown paths). */
  readonly requests: MockRequest[];
  /** Chat-completion requests only. */
  readonly chatRequests: MockRequest[];
  /** Responses API requests only (`POST …/responses`). */
  readonly responsesRequests: MockRequest[];
  /** Every model call (chat completions and responses), in arrival order. */
  readonly modelRequests: MockRequest[];
  /** Queue replies for the next model calls (either API), in order. */
  reply(...specs: MockReplySpec[]): void;
  /** Reply used when the queue is empty (replaces the built-in default). */
  setDefaultReply(spec: MockReplySpec): void;
  /** Model ids listed by `GET …/models`. */
  setModels(ids: string[]): void;
  /** Replies still queued. */
  readonly pending: number;
  /** Forget requests and queued replies. */
  reset(): void;
  close(): Promise<void>;
}

export const DEFAULT_TEXT = 'Hello from the mock.';
export const DEFAULT_USAGE: MockUsage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function startMockOpenAI(opts: { models?: string[] } = {}): Promise<MockOpenAI> {
  const requests: MockRequest[] = [];
  const chatRequests: MockRequest[] = [];
  const responsesRequests: MockRequest[] = [];
  const modelRequests: MockRequest[] = [];
  const queue: MockReplySpec[] = [];
  let defaultSpec: MockReplySpec = {};
  let models = opts.models ?? ['mock-model'];
  const sockets = new Set<Socket>();
  let seq = 0;

  const server = createServer((req, res) => {
    void handle(req, res).catch((err) => {
      // A failing handler must not leave the client hanging.
      if (!res.headersSent) sendJson(res, 500, errorBody(500, { message: `mock handler failed: ${String(err)}` }));
      else res.destroy();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readBody(req);
    let body: any;
    try {
      body = rawBody ? JSON.parse(rawBody) : undefined;
    } catch {
      body = undefined;
    }
    const path = req.url ?? '/';
    const outcome = new Promise<'finished' | 'aborted'>((resolve) => {
      if (res.closed) resolve(res.writableFinished ? 'finished' : 'aborted');
      else res.once('close', () => resolve(res.writableFinished ? 'finished' : 'aborted'));
    });
    const logged: MockRequest = { method: req.method ?? 'GET', path, headers: req.headers, body, rawBody, outcome };
    requests.push(logged);
    const bare = path.split('?')[0].replace(/\/+$/, '');

    if (req.method === 'GET' && bare.endsWith('/models')) {
      const data = models.map((id) => ({ id, object: 'model', created: 1700000000, owned_by: 'mock' }));
      return sendJson(res, 200, { object: 'list', data });
    }
    const api = req.method !== 'POST' ? undefined : bare.endsWith('/chat/completions') ? 'chat' : bare.endsWith('/responses') ? 'responses' : undefined;
    if (api) {
      (api === 'chat' ? chatRequests : responsesRequests).push(logged);
      modelRequests.push(logged);
      const spec = queue.length > 0 ? queue.shift()! : defaultSpec;
      const reply = typeof spec === 'function' ? await spec(logged) : spec;
      return answer(res, logged, reply, api);
    }
    sendJson(res, 404, errorBody(404, { message: `mock: no route for ${req.method} ${path}`, type: 'invalid_request_error' }));
  }

  async function answer(res: ServerResponse, req: MockRequest, r: MockReply, api: 'chat' | 'responses'): Promise<void> {
    if (r.delayMs) await sleep(r.delayMs);
    if (res.destroyed) return;
    const status = r.status ?? 200;
    if (status >= 400) {
      const body = r.body !== undefined ? r.body : errorBody(status, r.error ?? {});
      return sendJson(res, status, body, r.headers);
    }
    const wantStream = r.stream ?? req.body?.stream === true;
    if (!wantStream && r.resetAfterChunks !== undefined) {
      res.socket?.destroy();
      return;
    }
    const id = `${api === 'chat' ? 'chatcmpl-mock' : 'resp_mock'}-${++seq}`;
    const model = r.model ?? req.body?.model ?? 'mock-model';
    const text = r.text ?? DEFAULT_TEXT;
    const usage = r.usage === null ? undefined : withTotal(r.usage ?? DEFAULT_USAGE);
    if (api === 'responses') {
      if (r.body !== undefined && !wantStream) return sendJson(res, status, r.body, r.headers);
      const reasoningPieces = r.reasoning !== undefined ? splitWords(r.reasoning) : [];
      const textPieces = r.chunks ?? splitWords(text);
      return writeResponses(res, r, { id, model, text, textPieces, reasoningPieces, usage, stream: wantStream });
    }
    const reasoningField = r.reasoningField ?? 'reasoning_content';
    const created = 1700000000;

    if (!wantStream) {
      if (r.body !== undefined) return sendJson(res, status, r.body, r.headers);
      const message: Record<string, unknown> = { role: 'assistant', content: text, refusal: null };
      if (r.reasoning !== undefined) message[reasoningField] = r.reasoning;
      const body: Record<string, unknown> = {
        id,
        object: 'chat.completion',
        created,
        model,
        choices: [{ index: 0, message, finish_reason: r.finishReason ?? 'stop', logprobs: null }],
      };
      if (usage) body.usage = usage;
      return sendJson(res, status, body, r.headers);
    }

    res.writeHead(status, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      ...r.headers,
    });
    const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
    });
    const events: unknown[] = [];
    if (r.reasoning !== undefined) {
      for (const piece of splitWords(r.reasoning)) events.push(chunk({ [reasoningField]: piece }));
    }
    for (const piece of r.chunks ?? splitWords(text)) events.push(chunk({ content: piece }));
    if (events.length > 0) (events[0] as any).choices[0].delta.role = 'assistant';
    else events.push(chunk({ role: 'assistant', content: '' }));

    let sent = 0;
    for (const ev of events) {
      if (r.resetAfterChunks !== undefined && sent >= r.resetAfterChunks) return destroyAfterFlush(res);
      if (sent > 0 && r.chunkDelayMs) await sleep(r.chunkDelayMs);
      if (res.destroyed) return;
      res.write(`data: ${JSON.stringify(ev)}\n\n`);
      sent++;
    }
    if (r.resetAfterChunks !== undefined) return destroyAfterFlush(res);
    res.write(`data: ${JSON.stringify(chunk({}, r.finishReason ?? 'stop'))}\n\n`);
    if (usage && req.body?.stream_options?.include_usage === true) {
      res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [], usage })}\n\n`);
    }
    res.end('data: [DONE]\n\n');
  }

  // Idle keep-alive sockets are never closed by the server while the mock runs (close() ends them): with Node's
  // 5 s default, a client on a busy machine could send its next request on a socket the server was closing at
  // that moment and see a connection reset it did not script.
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1/`,
    port,
    requests,
    chatRequests,
    responsesRequests,
    modelRequests,
    reply: (...specs) => void queue.push(...specs),
    setDefaultReply: (spec) => void (defaultSpec = spec),
    setModels: (ids) => void (models = ids),
    get pending() {
      return queue.length;
    },
    reset() {
      requests.length = 0;
      chatRequests.length = 0;
      responsesRequests.length = 0;
      modelRequests.length = 0;
      queue.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The body OpenAI sends with an HTTP error. */
export function errorBody(status: number, e: NonNullable<MockReply['error']>) {
  return {
    error: {
      message: e.message ?? `Mock error ${status}`,
      type: e.type ?? (status >= 500 ? 'server_error' : 'invalid_request_error'),
      param: e.param ?? null,
      code: e.code ?? null,
    },
  };
}

function withTotal(u: MockUsage): MockUsage {
  return u.total_tokens !== undefined ? u : { ...u, total_tokens: u.prompt_tokens + u.completion_tokens };
}

/** Words with their trailing whitespace, so the pieces join back to the text. */
export function splitWords(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Let the chunks already written reach the client, then cut the connection without a proper end. */
function destroyAfterFlush(res: ServerResponse): void {
  setTimeout(() => res.socket?.destroy(), 20);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * The messages of a model request as `{role, content}` with text content,
 * whichever API carried them: chat `messages`, or Responses `input` items
 * (content parts joined), so tests can read prompts without caring which
 * adapter the model routes to.
 */
export function requestMessages(req: MockRequest): { role: string; content: string }[] {
  const list = (req.body?.messages ?? req.body?.input ?? []) as { role?: string; content?: unknown }[];
  return list.map((m) => {
    const content =
      typeof m.content === 'string'
        ? m.content
        : Array.isArray(m.content)
          ? (m.content as { text?: unknown }[]).map((p) => (typeof p?.text === 'string' ? p.text : '')).join('')
          : '';
    return { role: m.role ?? '', content };
  });
}

/** Run `fn` against a fresh mock, closed afterwards whatever happens. */
export async function withMockOpenAI(fn: (mock: MockOpenAI) => Promise<void>): Promise<void> {
  const mock = await startMockOpenAI();
  try {
    await fn(mock);
  } finally {
    await mock.close();
  }
}
