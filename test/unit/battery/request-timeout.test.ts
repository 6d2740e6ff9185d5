/** Regression tests for the per-request AI timeout found missing by the fault battery (issue 11). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AiConnectionError } from '../../../src/runtime/ai/errors';
import { isRetryable } from '../../../src/runtime/ai/retry';
import { AiRequestTimeoutError, DEFAULT_AI_REQUEST_TIMEOUT_MS, withRequestTimeout } from '../../../src/runtime/run/ai-timeout';

/** A call that only ends when its signal aborts (as the SDK does), rejecting with the abort. */
const hangs = (signal: AbortSignal) =>
  new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted by signal')), { once: true }));

test('a call slower than the limit fails with a retryable timeout error naming the limit', async () => {
  const run = new AbortController();
  const err = await withRequestTimeout('gpt-5.4-mini', 50, run.signal, hangs).catch((e) => e);
  assert.ok(err instanceof AiRequestTimeoutError);
  assert.ok(err instanceof AiConnectionError);
  assert.equal(isRetryable(err), true);
  assert.equal(err.message, "AI request timed out after 0.05 s (OpenAIResp, model 'gpt-5.4-mini'): no complete answer within the request timeout.");
});

test('whole seconds print without decimals; an unknown route still gives a message', async () => {
  assert.match(new AiRequestTimeoutError('gemini-3.1-flash-lite', 600_000).message, /^AI request timed out after 600 s \(Gemini, model 'gemini-3.1-flash-lite'\)/);
  assert.equal(DEFAULT_AI_REQUEST_TIMEOUT_MS, 300_000);
});

test("the run's cancel stays a cancel (not a timeout) and the timer is cleared", async () => {
  const run = new AbortController();
  setTimeout(() => run.abort('cancelled'), 10);
  const err = await withRequestTimeout('gpt-5.4-mini', 5_000, run.signal, hangs).catch((e) => e);
  assert.equal(err.message, 'aborted by signal');
  assert.ok(!(err instanceof AiRequestTimeoutError));
});

test('a call within the limit returns its value; no limit (0) passes the run signal itself', async () => {
  const run = new AbortController();
  assert.equal(await withRequestTimeout('m', 1000, run.signal, async () => 42), 42);
  let seen: AbortSignal | undefined;
  await withRequestTimeout('m', 0, run.signal, async (s) => (seen = s));
  assert.equal(seen, run.signal);
});

test('a call that resolves quietly after the timeout aborted it (a cut stream) is still a timeout', async () => {
  const run = new AbortController();
  const quiet = (signal: AbortSignal) => new Promise<string>((resolve) => signal.addEventListener('abort', () => resolve('partial')));
  await assert.rejects(withRequestTimeout('m', 20, run.signal, quiet), AiRequestTimeoutError);
});
