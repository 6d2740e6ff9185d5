import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_TEXT, requestMessages, type MockOpenAI, withMockOpenAI as withMock } from '../../support/mock-openai';
import { toResponsesUsage } from '../../support/mock-openai-responses';

function post(mock: MockOpenAI, path: string, body: unknown) {
  return fetch(mock.baseUrl + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** `[event name, payload]` of each SSE block. */
function sse(text: string): [string, any][] {
  return text
    .split('\n\n')
    .filter((b) => b.trim() !== '')
    .map((b) => {
      const lines = b.split('\n');
      const ev = lines.find((l) => l.startsWith('event: '))!.slice(7);
      return [ev, JSON.parse(lines.find((l) => l.startsWith('data: '))!.slice(6))];
    });
}

test('POST /responses, non-streaming: a completed response object with output items and usage', async () => {
  await withMock(async (mock) => {
    mock.reply({
      text: 'Hi',
      reasoning: 'why',
      usage: { prompt_tokens: 10, completion_tokens: 4, prompt_tokens_details: { cached_tokens: 2 }, completion_tokens_details: { reasoning_tokens: 1 } },
    });
    const res = await post(mock, 'responses', { model: 'gpt-5.6-luna', input: 'hello' });
    assert.equal(res.status, 200);
    const body: any = await res.json();
    assert.equal(body.object, 'response');
    assert.equal(body.status, 'completed');
    assert.equal(body.model, 'gpt-5.6-luna');
    assert.deepEqual(
      body.output.map((o: any) => o.type),
      ['reasoning', 'message'],
    );
    assert.deepEqual(body.output[0].summary, [{ type: 'summary_text', text: 'why' }]);
    assert.deepEqual(body.output[1].content[0], { type: 'output_text', text: 'Hi', annotations: [] });
    assert.deepEqual(body.usage, {
      input_tokens: 10,
      output_tokens: 4,
      total_tokens: 14,
      input_tokens_details: { cached_tokens: 2 },
      output_tokens_details: { reasoning_tokens: 1 },
    });
    assert.equal(mock.responsesRequests.length, 1);
    assert.equal(mock.chatRequests.length, 0);
    assert.deepEqual(mock.modelRequests, mock.responsesRequests);
  });
});

test('POST /responses, streaming: created, reasoning and text deltas, completed with usage', async () => {
  await withMock(async (mock) => {
    mock.reply({ text: 'a b', reasoning: 'r1 r2', model: 'upstream-1' });
    const res = await post(mock, 'responses', { model: 'm', input: 'x', stream: true });
    assert.equal(res.headers.get('content-type'), 'text/event-stream');
    const events = sse(await res.text());
    assert.deepEqual(
      events.map(([e]) => e),
      [
        'response.created',
        'response.reasoning_summary_text.delta',
        'response.reasoning_summary_text.delta',
        'response.output_text.delta',
        'response.output_text.delta',
        'response.output_text.done',
        'response.completed',
      ],
    );
    for (const [e, data] of events) assert.equal(data.type, e);
    assert.deepEqual(
      events.filter(([e]) => e.endsWith('.delta')).map(([, d]) => d.delta),
      ['r1 ', 'r2', 'a ', 'b'],
    );
    assert.deepEqual(events.map(([, d]) => d.sequence_number), [0, 1, 2, 3, 4, 5, 6]);
    const done = events[events.length - 1][1].response;
    assert.equal(done.model, 'upstream-1');
    assert.deepEqual(done.usage, { input_tokens: 10, output_tokens: 5, total_tokens: 15 });
    assert.equal(events[0][1].response.status, 'in_progress');
    assert.equal(events[0][1].response.usage, null);
  });
});

test('chat and responses share one reply queue; requests are logged in arrival order', async () => {
  await withMock(async (mock) => {
    mock.reply({ text: 'one' }, { text: 'two' });
    const a: any = await (await post(mock, 'responses', { model: 'm', input: [{ role: 'user', content: 'q1' }] })).json();
    const b: any = await (await post(mock, 'chat/completions', { model: 'm', messages: [{ role: 'user', content: 'q2' }] })).json();
    const c: any = await (await post(mock, 'responses', { model: 'm', input: [] })).json();
    assert.equal(a.output[0].content[0].text, 'one');
    assert.equal(b.choices[0].message.content, 'two');
    assert.equal(c.output[0].content[0].text, DEFAULT_TEXT);
    assert.deepEqual(
      mock.modelRequests.map((r) => r.path),
      ['/v1/responses', '/v1/chat/completions', '/v1/responses'],
    );
    assert.equal(mock.chatRequests.length, 1);
    assert.equal(mock.responsesRequests.length, 2);
    mock.reset();
    assert.equal(mock.modelRequests.length + mock.responsesRequests.length, 0);
  });
});

test('HTTP error statuses and raw bodies apply to /responses too', async () => {
  await withMock(async (mock) => {
    mock.reply({ status: 429, error: { message: 'slow down' }, headers: { 'retry-after': '2' } }, { body: { custom: true } });
    const r1 = await post(mock, 'responses', { model: 'm' });
    assert.equal(r1.status, 429);
    assert.equal(r1.headers.get('retry-after'), '2');
    assert.deepEqual(await r1.json(), { error: { message: 'slow down', type: 'invalid_request_error', param: null, code: null } });
    assert.deepEqual(await (await post(mock, 'responses', { model: 'm' })).json(), { custom: true });
  });
});

test('responseFailure: a failed response object, or response.failed after the deltas', async () => {
  await withMock(async (mock) => {
    const failure = { message: 'boom', code: 'server_error' };
    mock.reply({ responseFailure: failure }, { text: 'x', responseFailure: failure });
    const plain: any = await (await post(mock, 'responses', { model: 'm' })).json();
    assert.equal(plain.status, 'failed');
    assert.deepEqual(plain.error, failure);
    assert.deepEqual(plain.output, []);
    const events = sse(await (await post(mock, 'responses', { model: 'm', stream: true })).text());
    assert.deepEqual(
      events.map(([e]) => e),
      ['response.created', 'response.output_text.delta', 'response.failed'],
    );
    assert.deepEqual(events[2][1].response.error, failure);
  });
});

test('resetAfterChunks cuts a /responses stream after that many deltas', async () => {
  await withMock(async (mock) => {
    mock.reply({ text: 'one two three', resetAfterChunks: 1 });
    const res = await post(mock, 'responses', { model: 'm', stream: true });
    await assert.rejects(res.text(), /terminated/);
  });
});

test('toResponsesUsage and requestMessages translate between the two API shapes', () => {
  assert.deepEqual(toResponsesUsage({ prompt_tokens: 3, completion_tokens: 2, prompt_tokens_details: { cache_creation_tokens: 1 } }), {
    input_tokens: 3,
    output_tokens: 2,
    total_tokens: 5,
    input_tokens_details: { cache_write_tokens: 1 },
  });
  const base = { method: 'POST', path: '/v1/x', headers: {}, rawBody: '', outcome: Promise.resolve('finished' as const) };
  assert.deepEqual(requestMessages({ ...base, body: { messages: [{ role: 'user', content: 'hi' }] } }), [{ role: 'user', content: 'hi' }]);
  assert.deepEqual(
    requestMessages({
      ...base,
      body: {
        input: [
          { role: 'system', content: 'sys' },
          { role: 'user', content: [{ type: 'input_text', text: 'a' }, { type: 'input_image', image_url: 'data:' }, { type: 'input_text', text: 'b' }] },
          { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'ok' }] },
        ],
      },
    }),
    [
      { role: 'system', content: 'sys' },
      { role: 'user', content: 'ab' },
      { role: 'assistant', content: 'ok' },
    ],
  );
  assert.deepEqual(requestMessages({ ...base, body: undefined }), []);
});
