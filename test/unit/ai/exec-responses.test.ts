import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execChat, execChatFull } from '../../../src/runtime/ai/exec-chat';
import { buildResponsesBody, readOutput, responsesUsageToChat } from '../../../src/runtime/ai/exec-responses';
import { AiCancelError, AiConnectionError, AiHttpError, AiResponseFailedError, MissingApiKeyError } from '../../../src/runtime/ai/errors';
import type { ChatMessage } from '../../../src/runtime/ai/messages';
import { retryAfterMs, withRetry, type RetryInfo } from '../../../src/runtime/ai/retry';
import { isGpt56OrLater, supportsPromptCacheOptions } from '../../../src/runtime/ai/responses-input';
import { resolveProvider } from '../../../src/runtime/ai/routing';
import { memHost, MESSAGES, requestBuilder, stableInfo, useMockOpenAI } from './helpers';

const mock = useMockOpenAI();

const EXPECTED_INPUT = [
  { role: 'system', content: 'You are terse.' },
  { role: 'user', content: 'Say hi.' },
  { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Ok.' }] },
];

const req = requestBuilder(mock, 'gpt-5.6-luna');

const USAGE = {
  prompt_tokens: 10_000,
  completion_tokens: 1_000,
  prompt_tokens_details: { cached_tokens: 2_000 },
  completion_tokens_details: { reasoning_tokens: 400 },
};

test('non-streaming: POST /responses, exact body, AiResponse fields, usage, price and info', async () => {
  mock.reply({ text: 'Hi there', model: 'gpt-5.6-luna-2026-01-01', usage: USAGE });
  const full = await execChatFull(req({ model: 'gpt-5.6-luna-high', options: { temperature: 0.2, top_p: 0.9 } }));
  const res = full.response;
  assert.equal(res.content, 'Hi there');
  assert.equal(res.reasoning_content, undefined);
  assert.equal(res.model_name, 'gpt-5.6-luna-high');
  assert.equal(res.adapter_kind, 'OpenAIResp');
  assert.deepEqual(res.usage, USAGE);
  assert.equal(res.price_usd, 0.0142);
  assert.deepEqual(full.price?.cost, 0.0142);
  assert.equal(full.providerModel, 'gpt-5.6-luna-2026-01-01');
  assert.equal(
    stableInfo(res.info),
    'Duration: X | ~$0.0142 | Prompt Tokens: 10,000 (cached: 2,000) | Completion Tokens: 1,000 (reasoning: 400)' +
      ' | Model: gpt-5.6-luna-high (gpt-5.6-luna-2026-01-01) | Adapter: OpenAIResp | Temperature: 0.2 | top_p: 0.9',
  );

  assert.equal(mock.chatRequests.length, 0);
  assert.equal(mock.responsesRequests.length, 1);
  assert.deepEqual(mock.modelRequests, mock.responsesRequests);
  const sent = mock.responsesRequests[0];
  assert.equal(sent.path, '/v1/responses');
  assert.equal(sent.headers.authorization, 'Bearer sk-openai-test');
  assert.deepEqual(sent.body, {
    model: 'gpt-5.6-luna',
    store: false,
    input: EXPECTED_INPUT,
    reasoning: { effort: 'high' },
    temperature: 0.2,
    top_p: 0.9,
    stream: false,
  });
});

test('streaming: text deltas reach onDelta, usage from response.completed; same result as non-streaming', async () => {
  const reply = { text: 'Hello big world', reasoning: 'Thinking it over', usage: USAGE, model: 'gpt-5.6-luna-x' };
  mock.reply(reply, reply);
  const deltas: string[] = [];
  const streamed = await execChat(req({ stream: true, onDelta: (t) => deltas.push(t) }));
  const plain = await execChat(req());
  assert.deepEqual(deltas, ['Hello ', 'big ', 'world']);
  assert.equal(streamed.content, 'Hello big world');
  assert.equal(streamed.reasoning_content, 'Thinking it over');
  assert.deepEqual(streamed.usage, USAGE);
  assert.equal(streamed.price_usd, 0.0142);
  assert.equal(stableInfo(streamed.info), stableInfo(plain.info));
  assert.deepEqual({ ...streamed, info: '', duration_sec: 0 }, { ...plain, info: '', duration_sec: 0 });
  assert.match(streamed.info, / \| Model: gpt-5\.6-luna \(gpt-5\.6-luna-x\) \| Adapter: OpenAIResp$/);
  const body = mock.responsesRequests[0].body;
  assert.equal(body.stream, true);
  assert.equal(body.stream_options, undefined, 'no chat-only stream_options');
  assert.equal(body.reasoning, undefined, 'no suffix, no reasoning object');
});

test('usage normalization: zero details dropped, cache_write → cache_creation, no usage → empty tables', async () => {
  assert.deepEqual(
    responsesUsageToChat({
      input_tokens: 50,
      input_tokens_details: { cached_tokens: 0, cache_write_tokens: 7 },
      output_tokens: 9,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 59,
    }),
    {
      prompt_tokens: 50,
      completion_tokens: 9,
      total_tokens: 59,
      prompt_tokens_details: { cache_creation_tokens: 7 },
      completion_tokens_details: {},
    },
  );
  assert.equal(responsesUsageToChat(null), undefined);

  mock.reply({ text: '', usage: null });
  const res = await execChat(req());
  assert.equal('content' in res, false);
  assert.deepEqual(res.usage, { prompt_tokens_details: {}, completion_tokens_details: {} });
  assert.equal(stableInfo(res.info), 'Duration: X | ~$0 | Prompt Tokens: 0 | Completion Tokens: 0 | Model: gpt-5.6-luna | Adapter: OpenAIResp');
});

test('codex and pro models go to /responses; openai:: namespace and gpt-4.1 stay on chat completions', async () => {
  await execChat(req({ model: 'gpt-4.1-codex-low' }));
  await execChat(req({ model: 'openai_resp::gpt-4.1' }));
  await execChat(req({ model: 'openai::gpt-5.6-luna' }));
  await execChat(req({ model: 'gpt-4.1' }));
  assert.deepEqual(
    mock.modelRequests.map((r) => [r.path, r.body.model, r.body.reasoning?.effort]),
    [
      ['/v1/responses', 'gpt-4.1-codex', 'low'],
      ['/v1/responses', 'gpt-4.1', undefined],
      ['/v1/chat/completions', 'gpt-5.6-luna', undefined],
      ['/v1/chat/completions', 'gpt-4.1', undefined],
    ],
  );
});

test('reasoning effort keywords: zero → none, max → xhigh (OpenAI tops out there)', () => {
  const body = (model: string) => buildResponsesBody({ messages: MESSAGES, options: {} }, resolveProvider(model), mock.baseUrl);
  assert.deepEqual(body('gpt-5.6-luna-zero').reasoning, { effort: 'none' });
  assert.deepEqual(body('gpt-5.6-luna-minimal').reasoning, { effort: 'minimal' });
  assert.deepEqual(body('gpt-5.6-luna-max').reasoning, { effort: 'xhigh' });
  assert.equal(body('gpt-5.6-luna-max').model, 'gpt-5.6-luna');
});

test('attachments: images as input_image, other files as input_file with file_data; unnamed files numbered', async () => {
  const messages: ChatMessage[] = [
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Here is file attachment.' },
        { type: 'binary', mime: 'image/png', base64: 'iVBORw0K', name: 'tiny.png' },
      ],
    },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Another.' },
        { type: 'binary', mime: 'application/pdf', base64: 'JVBERi0x', name: 'doc.pdf' },
        { type: 'binary', mime: 'text/csv', base64: 'YSxi' },
      ],
    },
    { role: 'user', content: [{ type: 'text', text: 'What ' }, { type: 'text', text: 'is it?' }] },
  ];
  await execChat(req({ messages }));
  assert.deepEqual(mock.responsesRequests[0].body.input, [
    {
      role: 'user',
      content: [
        { type: 'input_text', text: 'Here is file attachment.' },
        { type: 'input_image', detail: 'auto', image_url: 'data:image/png;base64,iVBORw0K' },
      ],
    },
    {
      role: 'user',
      content: [
        { type: 'input_text', text: 'Another.' },
        { type: 'input_file', filename: 'doc.pdf', file_data: 'data:application/pdf;base64,JVBERi0x' },
        { type: 'input_file', filename: 'file-1', file_data: 'data:text/csv;base64,YSxi' },
      ],
    },
    { role: 'user', content: 'What is it?' },
  ]);
});

test('cache = true: prompt_cache_key sent; explicit cache options and breakpoints only on api.openai.com for gpt-5.6+', async () => {
  const messages: ChatMessage[] = [
    { role: 'system', content: 'Big context', cache: true },
    { role: 'user', content: 'Q', cache: true },
    { role: 'user', content: 'plain' },
  ];
  await execChat(req({ messages, options: { prompt_cache_key: 'session-123' } }));
  await execChat(req({ options: { prompt_cache_key: 'session-123' } }));
  const [cached, plain] = mock.responsesRequests.map((r) => r.body);
  assert.equal(cached.prompt_cache_key, 'session-123');
  assert.equal(cached.prompt_cache_options, undefined, 'the mock endpoint is not api.openai.com');
  assert.deepEqual(cached.input[0], { role: 'system', content: 'Big context' });
  assert.equal(plain.prompt_cache_key, undefined);

  const official = 'https://api.openai.com/v1/';
  const withCache = buildResponsesBody({ messages, options: { prompt_cache_key: 'k' } }, resolveProvider('gpt-5.6-luna'), official);
  assert.deepEqual(withCache.prompt_cache_options, { mode: 'explicit', ttl: '30m' });
  assert.deepEqual(withCache.input, [
    { role: 'system', content: [{ type: 'input_text', text: 'Big context', prompt_cache_breakpoint: { mode: 'explicit' } }] },
    { role: 'user', content: [{ type: 'input_text', text: 'Q', prompt_cache_breakpoint: { mode: 'explicit' } }] },
    { role: 'user', content: 'plain' },
  ]);
  const noCache = buildResponsesBody({ messages: MESSAGES, options: {} }, resolveProvider('gpt-5.6-luna'), official);
  assert.deepEqual(noCache.prompt_cache_options, { mode: 'explicit' });
  const older = buildResponsesBody({ messages, options: {} }, resolveProvider('gpt-5.5'), official);
  assert.equal(older.prompt_cache_options, undefined);
  assert.deepEqual(older.input[0], { role: 'system', content: 'Big context' });

  assert.equal(isGpt56OrLater('gpt-5.6-luna'), true);
  assert.equal(isGpt56OrLater('gpt-6.0'), true);
  assert.equal(isGpt56OrLater('gpt-5.5-pro'), false);
  assert.equal(isGpt56OrLater('gpt-5-mini'), false);
  assert.equal(supportsPromptCacheOptions('https://api.openai.com/v1/'), true);
  assert.equal(supportsPromptCacheOptions('https://api.openai.com.evil/v1/'), false);
});

test('readOutput: message texts joined, reasoning summary, non-text items ignored', () => {
  assert.deepEqual(
    readOutput([
      { type: 'reasoning', summary: [{ type: 'summary_text', text: 'a' }, { type: 'summary_text', text: 'b' }] },
      { type: 'message', content: [{ type: 'output_text', text: 'x' }, { type: 'refusal', refusal: 'no' }] },
      { type: 'function_call', name: 'f' },
      { type: 'message', content: [{ type: 'output_text', text: 'y' }] },
    ]),
    { text: 'xy', reasoning: 'ab' },
  );
  assert.deepEqual(readOutput(undefined), { text: '', reasoning: '' });
});

test('HTTP 400 with an OpenAI-style body: status, adapter, model and the provider message; no retry', async () => {
  mock.reply({ status: 400, error: { message: "Unsupported parameter: 'temperature'", param: 'temperature' } });
  await assert.rejects(execChat(req({ options: { temperature: 1.5 } })), (err: unknown) => {
    assert.ok(err instanceof AiHttpError);
    assert.equal(err.status, 400);
    assert.equal(err.stage, 'Ai');
    assert.equal(err.message, "AI request failed: OpenAIResp returned HTTP 400 for model 'gpt-5.6-luna': Unsupported parameter: 'temperature'");
    return true;
  });
  assert.equal(mock.modelRequests.length, 1);
});

test('HTTP 500 while streaming: AiHttpError with the body message', async () => {
  mock.reply({ status: 500 });
  await assert.rejects(execChat(req({ stream: true })), {
    name: 'AiHttpError',
    message: "AI request failed: OpenAIResp returned HTTP 500 for model 'gpt-5.6-luna': Mock error 500",
  });
});

test('failed response (200 with status failed / response.failed event): AiResponseFailedError', async () => {
  const failure = { message: 'The model had a problem', code: 'server_error' };
  mock.reply({ responseFailure: failure }, { text: 'part one', responseFailure: failure });
  const expected = "AI request failed: OpenAIResp reported a failed response for model 'gpt-5.6-luna': The model had a problem (server_error)";
  await assert.rejects(execChat(req()), (err: unknown) => {
    assert.ok(err instanceof AiResponseFailedError);
    assert.equal(err.stage, 'Ai');
    assert.equal(err.message, expected);
    return true;
  });
  const deltas: string[] = [];
  await assert.rejects(execChat(req({ stream: true, onDelta: (t) => deltas.push(t) })), { name: 'AiResponseFailedError', message: expected });
  assert.deepEqual(deltas, ['part ', 'one']);
});

test('connection reset mid-stream: a connection error naming adapter, endpoint and model', async () => {
  mock.reply({ text: 'one two three four', resetAfterChunks: 2 });
  const deltas: string[] = [];
  await assert.rejects(execChat(req({ stream: true, onDelta: (t) => deltas.push(t) })), (err: unknown) => {
    assert.ok(err instanceof AiConnectionError);
    assert.match(err.message, new RegExp(`^AI request failed: connection to OpenAIResp \\(${mock.baseUrl}\\) for model 'gpt-5.6-luna' failed: .+`));
    return true;
  });
  assert.deepEqual(deltas, ['one ', 'two ']);
});

test('connection reset before any answer (non-streaming)', async () => {
  mock.reply({ resetAfterChunks: 0 });
  await assert.rejects(execChat(req()), { name: 'AiConnectionError' });
});

test('cancel mid-stream: AiCancelError at once, no more deltas', async () => {
  mock.reply({ text: 'a b c d e f', chunkDelayMs: 60 });
  const ac = new AbortController();
  const deltas: string[] = [];
  const onDelta = (t: string) => {
    deltas.push(t);
    if (deltas.length === 2) ac.abort();
  };
  await assert.rejects(execChat(req({ stream: true, signal: ac.signal, onDelta })), (err: unknown) => {
    assert.ok(err instanceof AiCancelError);
    assert.equal(err.message, "AI request canceled (OpenAIResp, model 'gpt-5.6-luna').");
    return true;
  });
  assert.deepEqual(deltas, ['a ', 'b ']);
  assert.equal(await mock.requests[0].outcome, 'aborted', 'did not wait for the rest of the stream');
});

test('cancel while waiting for a non-streaming answer', async () => {
  // The cancel comes once the server holds the request (a timer could fire before the request left, and the
  // request then reached the mock during the next test, taking that test's scripted reply).
  const ac = new AbortController();
  mock.reply(() => {
    ac.abort();
    return { delayMs: 3000 };
  });
  await assert.rejects(execChat(req({ signal: ac.signal })), { name: 'AiCancelError' });
  assert.equal(mock.requests.length, 1);
  assert.equal(await mock.requests[0].outcome, 'aborted', 'the client stopped waiting before the answer');
});

test('missing key: named env var, no request sent', async () => {
  await assert.rejects(execChat(req({ host: memHost({ AIPACK_OPENAI_RESP_BASE_URL: mock.baseUrl }) })), (err: unknown) => {
    assert.ok(err instanceof MissingApiKeyError);
    assert.equal(err.message, "Missing API key for OpenAIResp (model 'gpt-5.6-luna'): environment variable 'OPENAI_API_KEY' is not set.");
    return true;
  });
  assert.equal(mock.requests.length, 0);
});

test('retries through /responses: 429 with Retry-After, then a reset mid-stream, then success', async () => {
  mock.reply(
    { status: 429, error: { message: 'rate limited' }, headers: { 'retry-after': '0' } },
    { text: 'x y z', resetAfterChunks: 1 },
    { text: 'fine' },
  );
  const seen: RetryInfo[] = [];
  const signal = new AbortController().signal;
  const res = await withRetry(() => execChatFull(req({ stream: true })), { retries: 2, baseDelayMs: 5, maxDelayMs: 50 }, signal, (i) => seen.push(i));
  assert.equal(res.response.content, 'fine');
  assert.equal(mock.responsesRequests.length, 3);
  assert.deepEqual(
    seen.map((s) => [s.attempt, s.error.name, s.delayMs]),
    [
      [1, 'AiHttpError', 0],
      [2, 'AiConnectionError', 10],
    ],
  );
  assert.equal(retryAfterMs(seen[0].error), 0);
});
