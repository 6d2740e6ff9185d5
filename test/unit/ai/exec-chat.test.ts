import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execChat, execChatFull } from '../../../src/runtime/ai/exec-chat';
import { AiCancelError, AiConnectionError, AiHttpError, MissingApiKeyError } from '../../../src/runtime/ai/errors';
import type { ChatMessage } from '../../../src/runtime/ai/messages';
import { memHost, MESSAGES, mockSecrets, requestBuilder, stableInfo, useMockOpenAI } from './helpers';

const mock = useMockOpenAI();

const req = requestBuilder(mock, 'gpt-4o');

test('non-streaming: AiResponse fields, price and info; request body and headers', async () => {
  mock.reply({
    text: 'Hi there',
    model: 'gpt-5.6-luna-2026-01-01',
    usage: {
      prompt_tokens: 10_000,
      completion_tokens: 1_000,
      prompt_tokens_details: { cached_tokens: 2_000 },
      completion_tokens_details: { reasoning_tokens: 400 },
    },
  });
  const res = await execChat(req({ model: 'openai::gpt-5.6-luna-high', options: { temperature: 0.2 } }));
  assert.equal(res.content, 'Hi there');
  assert.equal(res.reasoning_content, undefined);
  assert.equal(res.model_name, 'openai::gpt-5.6-luna-high');
  assert.equal(res.adapter_kind, 'OpenAI');
  assert.deepEqual(res.usage, {
    prompt_tokens: 10_000,
    completion_tokens: 1_000,
    prompt_tokens_details: { cached_tokens: 2_000 },
    completion_tokens_details: { reasoning_tokens: 400 },
  });
  assert.equal(res.price_usd, 0.0142);
  assert.equal(typeof res.duration_sec, 'number');
  assert.ok(res.duration_sec >= 0 && res.duration_sec < 5);
  assert.equal(Math.round(res.duration_sec * 1000), res.duration_sec * 1000, 'ms precision');
  assert.match(res.info, /^Duration: (\d+s )?\d+ms \| /); // a cold first call on a busy box can pass 1 s
  assert.equal(
    stableInfo(res.info),
    'Duration: X | ~$0.0142 | Prompt Tokens: 10,000 (cached: 2,000) | Completion Tokens: 1,000 (reasoning: 400)' +
      ' | Model: openai::gpt-5.6-luna-high (gpt-5.6-luna-2026-01-01) | Adapter: OpenAI | Temperature: 0.2',
  );

  assert.equal(mock.chatRequests.length, 1);
  const sent = mock.chatRequests[0];
  assert.equal(sent.path, '/v1/chat/completions');
  assert.equal(sent.headers.authorization, 'Bearer sk-openai-test');
  assert.equal(sent.headers['openai-organization'], undefined);
  assert.deepEqual(sent.body, {
    model: 'gpt-5.6-luna',
    messages: [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'Say hi.' },
      { role: 'assistant', content: 'Ok.' },
    ],
    temperature: 0.2,
    reasoning_effort: 'high',
    stream: false,
  });
});

test('execChatFull also returns the upstream model and the cost split', async () => {
  mock.reply({ text: 'x', usage: { prompt_tokens: 1000, completion_tokens: 0, prompt_tokens_details: { cached_tokens: 1000 } } });
  const full = await execChatFull(req({ model: 'openai::gpt-5.4-nano', options: { top_p: 0.5 } }));
  assert.equal(full.providerModel, 'gpt-5.4-nano');
  assert.deepEqual(full.price, { cost: 0.00002, cost_cache_saving: 0.00018 });
  assert.equal(full.resolved.provider.kind, 'OpenAI');
  assert.equal(mock.chatRequests[0].body.top_p, 0.5);
  assert.equal(mock.chatRequests[0].body.model, 'gpt-5.4-nano');
  assert.equal(
    stableInfo(full.response.info),
    'Duration: X | ~$0.00002 | Prompt Tokens: 1,000 (cached: 1,000) | Completion Tokens: 0 | Model: openai::gpt-5.4-nano (gpt-5.4-nano) | Adapter: OpenAI | top_p: 0.5',
  );
});

test('streaming: deltas reach onDelta, usage comes from the usage chunk', async () => {
  mock.reply({ text: 'Hello big world', usage: { prompt_tokens: 7, completion_tokens: 3 } });
  const deltas: string[] = [];
  const res = await execChat(req({ stream: true, onDelta: (t) => deltas.push(t) }));
  assert.deepEqual(deltas, ['Hello ', 'big ', 'world']);
  assert.equal(res.content, 'Hello big world');
  assert.deepEqual(res.usage, { prompt_tokens: 7, completion_tokens: 3, prompt_tokens_details: {}, completion_tokens_details: {} });
  assert.equal(res.price_usd, undefined, 'gpt-4o has no row in the sample table');
  assert.equal(stableInfo(res.info), 'Duration: X | Prompt Tokens: 7 | Completion Tokens: 3 | Model: gpt-4o | Adapter: OpenAI');
  const body = mock.chatRequests[0].body;
  assert.equal(body.stream, true);
  assert.deepEqual(body.stream_options, { include_usage: true });
});

test('empty content is nil; no usage gives empty detail tables', async () => {
  mock.reply({ text: '', usage: null });
  const res = await execChat(req());
  assert.equal(res.content, undefined);
  assert.equal('content' in res, false);
  assert.deepEqual(res.usage, { prompt_tokens_details: {}, completion_tokens_details: {} });
});

test('reasoning content: reasoning_content field, reasoning field in a stream, <think> tags', async () => {
  mock.reply(
    { text: 'answer', reasoning: 'because' },
    { text: 'streamed', reasoning: 'step one', reasoningField: 'reasoning' },
    { text: '<think>\nhidden thoughts\n</think>\n\nvisible' },
  );
  const a = await execChat(req({ model: 'deepseek-reasoner' }));
  assert.equal(a.content, 'answer');
  assert.equal(a.reasoning_content, 'because');
  assert.equal(a.adapter_kind, 'DeepSeek');
  const b = await execChat(req({ model: 'llama3.2', stream: true }));
  assert.equal(b.content, 'streamed');
  assert.equal(b.reasoning_content, 'step one');
  const c = await execChat(req({ model: 'llama3.2' }));
  assert.equal(c.content, 'visible');
  assert.equal(c.reasoning_content, 'hidden thoughts');
});

test('Ollama: no key, no Authorization header', async () => {
  mock.reply({ text: 'local' });
  const res = await execChat(req({ model: 'llama3.2', host: memHost({ AIPACK_OLLAMA_BASE_URL: mock.baseUrl }) }));
  assert.equal(res.adapter_kind, 'Ollama');
  assert.equal(mock.chatRequests[0].headers.authorization, undefined);
});

test('reasoning suffix per provider: Anthropic thinking, Gemini/DeepSeek effort, OpenAI max → xhigh', async () => {
  await execChat(req({ model: 'claude-sonnet-5-high' }));
  await execChat(req({ model: 'claude-haiku-4-5-none' }));
  await execChat(req({ model: 'gemini-3.5-flash-low' }));
  await execChat(req({ model: 'deepseek-chat-max' }));
  await execChat(req({ model: 'gpt-4.1-max' }));
  await execChat(req({ model: 'gpt-4.1-zero' }));
  const bodies = mock.chatRequests.map((r) => r.body);
  assert.equal(bodies[0].model, 'claude-sonnet-5');
  assert.deepEqual(bodies[0].thinking, { type: 'enabled', budget_tokens: 24000 });
  assert.equal(bodies[0].max_tokens, 128000);
  assert.equal(bodies[0].reasoning_effort, undefined);
  assert.equal(mock.chatRequests[0].headers.authorization, 'Bearer sk-ant-test');
  assert.equal(bodies[1].model, 'claude-haiku-4-5');
  assert.equal(bodies[1].thinking, undefined);
  assert.equal(bodies[1].max_tokens, 64000);
  assert.equal(bodies[2].model, 'gemini-3.5-flash');
  assert.equal(bodies[2].reasoning_effort, 'low');
  assert.equal(bodies[3].model, 'deepseek-chat');
  assert.equal(bodies[3].reasoning_effort, 'max');
  assert.equal(bodies[4].reasoning_effort, 'xhigh');
  assert.equal(bodies[5].reasoning_effort, 'none');
});

test('cache = true: prompt_cache_key for OpenAI, cache_control parts for Anthropic', async () => {
  const messages: ChatMessage[] = [
    { role: 'system', content: 'Big context', cache: true },
    { role: 'user', content: 'Q' },
  ];
  await execChat(req({ messages, options: { prompt_cache_key: 'session-123' } }));
  await execChat(req({ model: 'claude-haiku-4-5', messages, options: { prompt_cache_key: 'session-123' } }));
  await execChat(req({ messages: MESSAGES, options: { prompt_cache_key: 'session-123' } }));
  const [openai, anthropic, plain] = mock.chatRequests.map((r) => r.body);
  assert.equal(openai.prompt_cache_key, 'session-123');
  assert.deepEqual(openai.messages[0], { role: 'system', content: 'Big context' });
  assert.deepEqual(anthropic.messages[0], {
    role: 'system',
    content: [{ type: 'text', text: 'Big context', cache_control: { type: 'ephemeral' } }],
  });
  assert.deepEqual(anthropic.messages[1], { role: 'user', content: 'Q' });
  assert.equal(anthropic.prompt_cache_key, undefined);
  assert.equal(plain.prompt_cache_key, undefined);
});

test('HTTP 401 with an OpenAI-style body: status, provider, model and the provider message', async () => {
  mock.reply({ status: 401, error: { message: 'Incorrect API key provided: sk-***', code: 'invalid_api_key' } });
  await assert.rejects(execChat(req()), (err: unknown) => {
    assert.ok(err instanceof AiHttpError);
    assert.equal(err.status, 401);
    assert.equal(err.stage, 'Ai');
    assert.equal(err.message, "AI request failed: OpenAI returned HTTP 401 for model 'gpt-4o': Incorrect API key provided: sk-***");
    return true;
  });
  assert.equal(mock.chatRequests.length, 1, 'no retry');
});

test('HTTP 500: one attempt only (maxRetries 0), message from the body', async () => {
  mock.reply({ status: 500 }, { status: 500 });
  await assert.rejects(execChat(req({ model: 'claude-sonnet-5' })), {
    name: 'AiHttpError',
    message: "AI request failed: Anthropic returned HTTP 500 for model 'claude-sonnet-5': Mock error 500",
  });
  assert.equal(mock.chatRequests.length, 1);
  assert.equal(mock.pending, 1);
});

test('HTTP error with a non-JSON body keeps the raw text', async () => {
  mock.reply({ status: 502, body: 'upstream exploded' });
  await assert.rejects(execChat(req()), {
    name: 'AiHttpError',
    message: "AI request failed: OpenAI returned HTTP 502 for model 'gpt-4o': 502 upstream exploded",
  });
});

test('connection reset mid-stream: a connection error naming provider, endpoint and model', async () => {
  mock.reply({ text: 'one two three four', resetAfterChunks: 2 });
  const deltas: string[] = [];
  await assert.rejects(execChat(req({ stream: true, onDelta: (t) => deltas.push(t) })), (err: unknown) => {
    assert.ok(err instanceof AiConnectionError);
    assert.equal(err.stage, 'Ai');
    assert.match(err.message, new RegExp(`^AI request failed: connection to OpenAI \\(${mock.baseUrl}\\) for model 'gpt-4o' failed: `));
    return true;
  });
  assert.deepEqual(deltas, ['one ', 'two ']);
});

test('connection reset before any answer (non-streaming)', async () => {
  mock.reply({ resetAfterChunks: 0 });
  await assert.rejects(execChat(req()), (err: unknown) => {
    assert.ok(err instanceof AiConnectionError);
    assert.match(err.message, /^AI request failed: connection to OpenAI \(http:\/\/127\.0\.0\.1:\d+\/v1\/\) for model 'gpt-4o' failed: .+/);
    return true;
  });
});

test('missing key: the env var is named and no request is sent', async () => {
  await assert.rejects(execChat(req({ model: 'claude-sonnet-5', host: memHost({ AIPACK_ANTHROPIC_BASE_URL: mock.baseUrl }) })), (err: unknown) => {
    assert.ok(err instanceof MissingApiKeyError);
    assert.equal(
      err.message,
      "Missing API key for Anthropic (model 'claude-sonnet-5'): environment variable 'ANTHROPIC_API_KEY' is not set.",
    );
    return true;
  });
  assert.equal(mock.requests.length, 0);
});

test('cancel mid-stream: a cancel error, no more deltas', async () => {
  mock.reply({ text: 'a b c d e f', chunkDelayMs: 60 });
  const ac = new AbortController();
  const deltas: string[] = [];
  await assert.rejects(
    execChat(
      req({
        stream: true,
        signal: ac.signal,
        onDelta: (t) => {
          deltas.push(t);
          if (deltas.length === 2) ac.abort();
        },
      }),
    ),
    (err: unknown) => {
      assert.ok(err instanceof AiCancelError);
      assert.equal(err.canceled, true);
      assert.equal(err.message, "AI request canceled (OpenAI, model 'gpt-4o').");
      return true;
    },
  );
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

test('already canceled: no request at all', async () => {
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(execChat(req({ signal: ac.signal })), { name: 'AiCancelError' });
  assert.equal(mock.requests.length, 0);
});

test('SDK clients are reused per key and base URL: a changed key or base URL is used at once, a removed key sends no header', async () => {
  const secrets = mockSecrets(mock.baseUrl);
  const host = memHost(secrets);
  await execChat(req({ host }));
  secrets.OPENAI_API_KEY = 'sk-rotated';
  await execChat(req({ host: memHost(secrets) }));
  await execChat(req({ host: memHost({ ...secrets, AIPACK_OPENAI_BASE_URL: `${mock.baseUrl}/` }) }));
  await execChat(req({ model: 'llama3.2', host: memHost({ AIPACK_OLLAMA_BASE_URL: mock.baseUrl }) }));
  await execChat(req({ host: memHost(mockSecrets(mock.baseUrl)) }));
  assert.deepEqual(
    mock.chatRequests.map((r) => r.headers.authorization),
    ['Bearer sk-openai-test', 'Bearer sk-rotated', 'Bearer sk-rotated', undefined, 'Bearer sk-openai-test'],
  );
});
