import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_TEXT, splitWords, type MockOpenAI, withMockOpenAI as withMock } from '../../support/mock-openai';

function post(mock: MockOpenAI, body: unknown, headers: Record<string, string> = {}) {
  return fetch(mock.baseUrl + 'chat/completions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** The JSON payloads of an SSE body, `[DONE]` kept as a string. */
function sseEvents(text: string): unknown[] {
  return text
    .split('\n\n')
    .filter((b) => b.startsWith('data: '))
    .map((b) => b.slice(6))
    .map((d) => (d === '[DONE]' ? d : JSON.parse(d)));
}

test('baseUrl is 127.0.0.1 with a random port and a /v1/ prefix', async () => {
  await withMock(async (mock) => {
    assert.match(mock.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/v1\/$/);
    assert.ok(mock.port > 0);
    assert.equal(mock.baseUrl, `http://127.0.0.1:${mock.port}/v1/`);
  });
});

test('non-streaming: default reply echoes the requested model, with usage', async () => {
  await withMock(async (mock) => {
    const res = await post(mock, { model: 'gpt-x', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(res.status, 200);
    const body: any = await res.json();
    assert.equal(body.object, 'chat.completion');
    assert.equal(body.model, 'gpt-x');
    assert.equal(body.choices[0].message.content, DEFAULT_TEXT);
    assert.equal(body.choices[0].finish_reason, 'stop');
    assert.deepEqual(body.usage, { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 });
  });
});

test('scripted replies are played in order, then the default', async () => {
  await withMock(async (mock) => {
    mock.reply({ text: 'one', model: 'provider-model-1', usage: { prompt_tokens: 3, completion_tokens: 1 } }, { text: 'two', usage: null });
    assert.equal(mock.pending, 2);
    const a: any = await (await post(mock, { model: 'm' })).json();
    const b: any = await (await post(mock, { model: 'm' })).json();
    const c: any = await (await post(mock, { model: 'm' })).json();
    assert.equal(a.choices[0].message.content, 'one');
    assert.equal(a.model, 'provider-model-1');
    assert.deepEqual(a.usage, { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 });
    assert.equal(b.choices[0].message.content, 'two');
    assert.equal('usage' in b, false);
    assert.equal(c.choices[0].message.content, DEFAULT_TEXT);
    assert.equal(mock.pending, 0);
  });
});

test('a reply may be a function of the request; setDefaultReply replaces the default', async () => {
  await withMock(async (mock) => {
    mock.setDefaultReply((req) => ({ text: `echo: ${req.body.messages[0].content}` }));
    const body: any = await (await post(mock, { model: 'm', messages: [{ role: 'user', content: 'ping' }] })).json();
    assert.equal(body.choices[0].message.content, 'echo: ping');
  });
});

test('reasoning goes under reasoning_content by default, or under reasoning', async () => {
  await withMock(async (mock) => {
    mock.reply({ text: 'a', reasoning: 'thinking' }, { text: 'b', reasoning: 'r2', reasoningField: 'reasoning' });
    const a: any = await (await post(mock, { model: 'm' })).json();
    const b: any = await (await post(mock, { model: 'm' })).json();
    assert.equal(a.choices[0].message.reasoning_content, 'thinking');
    assert.equal(b.choices[0].message.reasoning, 'r2');
  });
});

test('requests are logged with method, path, headers and parsed body', async () => {
  await withMock(async (mock) => {
    await post(mock, { model: 'm', temperature: 0.2 }, { authorization: 'Bearer sk-test' });
    await fetch(mock.baseUrl + 'models');
    assert.equal(mock.requests.length, 2);
    assert.equal(mock.chatRequests.length, 1);
    const r = mock.requests[0];
    assert.equal(r.method, 'POST');
    assert.equal(r.path, '/v1/chat/completions');
    assert.equal(r.headers.authorization, 'Bearer sk-test');
    assert.deepEqual(r.body, { model: 'm', temperature: 0.2 });
    assert.equal(r.rawBody, '{"model":"m","temperature":0.2}');
    assert.equal(mock.requests[1].path, '/v1/models');
    mock.reset();
    assert.equal(mock.requests.length, 0);
    assert.equal(mock.chatRequests.length, 0);
  });
});

test('GET models lists the configured ids', async () => {
  await withMock(async (mock) => {
    mock.setModels(['a', 'b']);
    const body: any = await (await fetch(mock.baseUrl + 'models')).json();
    assert.equal(body.object, 'list');
    assert.deepEqual(
      body.data.map((m: any) => m.id),
      ['a', 'b'],
    );
  });
});

test('unknown route answers 404 with an OpenAI-style error body', async () => {
  await withMock(async (mock) => {
    const res = await fetch(mock.baseUrl + 'nope');
    assert.equal(res.status, 404);
    const body: any = await res.json();
    assert.equal(body.error.message, 'mock: no route for GET /v1/nope');
  });
});

test('HTTP error status with an OpenAI-style error body', async () => {
  await withMock(async (mock) => {
    mock.reply({ status: 401, error: { message: 'Incorrect API key provided', code: 'invalid_api_key' } }, { status: 500 });
    const a = await post(mock, { model: 'm' });
    assert.equal(a.status, 401);
    assert.deepEqual(await a.json(), {
      error: { message: 'Incorrect API key provided', type: 'invalid_request_error', param: null, code: 'invalid_api_key' },
    });
    const b = await post(mock, { model: 'm' });
    assert.equal(b.status, 500);
    assert.deepEqual(await b.json(), { error: { message: 'Mock error 500', type: 'server_error', param: null, code: null } });
  });
});

test('streaming: SSE chunks join to the text, usage chunk only with include_usage', async () => {
  await withMock(async (mock) => {
    mock.reply({ text: 'Hello big world', usage: { prompt_tokens: 7, completion_tokens: 3 } }, { text: 'x' });
    const res = await post(mock, { model: 'm', stream: true, stream_options: { include_usage: true } });
    assert.equal(res.headers.get('content-type'), 'text/event-stream');
    const events: any[] = sseEvents(await res.text());
    assert.equal(events.at(-1), '[DONE]');
    const deltas = events.filter((e) => e !== '[DONE]' && e.choices.length > 0).map((e) => e.choices[0].delta.content ?? '');
    assert.deepEqual(deltas, ['Hello ', 'big ', 'world', '']);
    assert.equal(events[0].choices[0].delta.role, 'assistant');
    const usageEv = events.at(-2);
    assert.deepEqual(usageEv.choices, []);
    assert.deepEqual(usageEv.usage, { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 });
    assert.equal(events.at(-3).choices[0].finish_reason, 'stop');

    const res2 = await post(mock, { model: 'm', stream: true });
    const events2: any[] = sseEvents(await res2.text());
    assert.equal(
      events2.some((e) => e !== '[DONE]' && e.usage),
      false,
    );
  });
});

test('streaming: explicit chunks and reasoning deltas', async () => {
  await withMock(async (mock) => {
    mock.reply({ chunks: ['ab', 'cd'], text: 'abcd', reasoning: 'hmm ok' });
    const events: any[] = sseEvents(await (await post(mock, { model: 'm', stream: true })).text());
    const payload = events.filter((e) => e !== '[DONE]').map((e) => e.choices[0].delta);
    assert.deepEqual(payload.slice(0, 4), [
      { reasoning_content: 'hmm ', role: 'assistant' },
      { reasoning_content: 'ok' },
      { content: 'ab' },
      { content: 'cd' },
    ]);
  });
});

test('delay before the answer and among chunks', async () => {
  await withMock(async (mock) => {
    mock.reply({ delayMs: 120 }, { text: 'a b c', chunkDelayMs: 60 });
    let t0 = Date.now();
    await (await post(mock, { model: 'm' })).json();
    assert.ok(Date.now() - t0 >= 100, 'answer waited for delayMs');
    t0 = Date.now();
    await (await post(mock, { model: 'm', stream: true })).text();
    assert.ok(Date.now() - t0 >= 100, 'stream waited between chunks');
  });
});

test('connection reset mid-stream: the chunks sent arrive, then the body read fails', async () => {
  await withMock(async (mock) => {
    mock.reply({ text: 'one two three four', resetAfterChunks: 2 });
    const res = await post(mock, { model: 'm', stream: true });
    assert.equal(res.status, 200);
    const reader = res.body!.getReader();
    let got = '';
    const dec = new TextDecoder();
    await assert.rejects(async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        got += dec.decode(value);
      }
    });
    const deltas = sseEvents(got).map((e: any) => e.choices[0].delta.content);
    assert.deepEqual(deltas, ['one ', 'two ']);
    assert.equal(got.includes('[DONE]'), false);
  });
});

test('connection reset on a non-streaming request fails the fetch', async () => {
  await withMock(async (mock) => {
    mock.reply({ resetAfterChunks: 0 });
    await assert.rejects(post(mock, { model: 'm' }), /fetch failed/);
  });
});

test('splitWords keeps every character', () => {
  assert.deepEqual(splitWords('a  b\nc '), ['a  ', 'b\n', 'c ']);
  assert.deepEqual(splitWords(''), []);
  assert.deepEqual(splitWords('  lead'), ['  ', 'lead']);
});
