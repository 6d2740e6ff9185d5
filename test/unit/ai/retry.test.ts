import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { execChatFull } from '../../../src/runtime/ai/exec-chat';
import { DEFAULT_RETRY, isRetryable, retryAfterMs, withRetry, type RetryInfo } from '../../../src/runtime/ai/retry';
import { AiConnectionError, AiHttpError } from '../../../src/runtime/ai/errors';
import { memHost, mockProviderSecrets } from '../../support/mem-host';
import { startMockOpenAI, type MockOpenAI } from '../../support/mock-openai';

let mock: MockOpenAI;
before(async () => {
  mock = await startMockOpenAI();
});
after(async () => {
  await mock.close();
});

const fast = { retries: 2, baseDelayMs: 5, maxDelayMs: 50 };

function call(signal = new AbortController().signal) {
  return execChatFull({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: 'hi' }],
    options: {},
    signal,
    host: memHost(mockProviderSecrets(mock.baseUrl)),
  });
}

test('only 429, 5xx and connection failures are retryable', () => {
  assert.equal(isRetryable(new AiHttpError(429, 'OpenAI', 'm', 'slow down')), true);
  assert.equal(isRetryable(new AiHttpError(503, 'OpenAI', 'm', 'busy')), true);
  assert.equal(isRetryable(new AiHttpError(400, 'OpenAI', 'm', 'bad')), false);
  assert.equal(isRetryable(new AiHttpError(401, 'OpenAI', 'm', 'no key')), false);
  assert.equal(isRetryable(new AiConnectionError('OpenAI', 'm', 'http://x', 'reset')), true);
  assert.equal(isRetryable(new Error('other')), false);
});

test('Retry-After in seconds or as an HTTP date', () => {
  const withHeader = (v: string) => new AiHttpError(429, 'OpenAI', 'm', 'x', { headers: new Headers({ 'retry-after': v }) });
  assert.equal(retryAfterMs(withHeader('2')), 2000);
  const now = Date.parse('2026-01-01T00:00:00Z');
  assert.equal(retryAfterMs(withHeader('Thu, 01 Jan 2026 00:00:03 GMT'), now), 3000);
  assert.equal(retryAfterMs(new AiHttpError(429, 'OpenAI', 'm', 'x')), undefined);
});

test('a 429 then a 500 then success: three attempts, each failure reported', async () => {
  mock.reply({ status: 429, error: { message: 'rate limited' }, headers: { 'retry-after': '0' } });
  mock.reply({ status: 500, error: { message: 'oops' } });
  mock.reply({ text: 'fine' });
  const seen: RetryInfo[] = [];
  const before = mock.chatRequests.length;
  const res = await withRetry(() => call(), fast, new AbortController().signal, (i) => seen.push(i));
  assert.equal(res.response.content, 'fine');
  assert.equal(mock.chatRequests.length - before, 3);
  assert.deepEqual(
    seen.map((s) => [s.attempt, s.of, (s.error as AiHttpError).status]),
    [
      [1, 3, 429],
      [2, 3, 500],
    ],
  );
  assert.equal(seen[0].delayMs, 0, 'Retry-After: 0 honoured');
});

test('a 4xx other than 429 never retries', async () => {
  mock.reply({ status: 400, error: { message: 'bad request' } });
  const before = mock.chatRequests.length;
  await assert.rejects(
    withRetry(() => call(), fast, new AbortController().signal),
    (e: unknown) => e instanceof AiHttpError && e.status === 400 && /bad request/.test(e.message),
  );
  assert.equal(mock.chatRequests.length - before, 1);
});

test('retries are bounded: the last error is rethrown', async () => {
  for (let i = 0; i < 3; i++) mock.reply({ status: 503, error: { message: `busy ${i}` } });
  const before = mock.chatRequests.length;
  await assert.rejects(withRetry(() => call(), fast, new AbortController().signal), /busy 2/);
  assert.equal(mock.chatRequests.length - before, 3);
});

test('a cancel during the backoff stops at once', async () => {
  mock.reply({ status: 503, error: { message: 'busy' } });
  const ac = new AbortController();
  const t0 = Date.now();
  const p = withRetry(() => call(ac.signal), { retries: 3, baseDelayMs: 5000, maxDelayMs: 5000 }, ac.signal, () => setTimeout(() => ac.abort(), 20));
  await assert.rejects(p, /busy/);
  assert.ok(Date.now() - t0 < 4000, 'the cancel waited for the 5 s backoff');
});

test('the default policy retries twice', () => {
  assert.equal(DEFAULT_RETRY.retries, 2);
});
