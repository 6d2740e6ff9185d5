import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AiConnectionError, AiHttpError, MissingApiKeyError } from '../../../src/runtime/ai/errors';
import type { ChatResult, ExecChatRequest } from '../../../src/runtime/ai/exec-chat';
import { isTransientAiError, retryDelayMs, withRetries } from '../../../src/extension/retry';

const RESULT = { providerModel: 'm' } as unknown as ChatResult;

function req(signal = new AbortController().signal, onDelta?: (t: string) => void): ExecChatRequest {
  return { model: 'gpt-x', messages: [], options: {}, signal, host: {} as ExecChatRequest['host'], onDelta };
}

function failing(errors: unknown[], deltas: string[] = []) {
  let calls = 0;
  const exec = async (r: ExecChatRequest) => {
    calls++;
    for (const d of deltas) r.onDelta?.(d);
    const e = errors.shift();
    if (e) throw e;
    return RESULT;
  };
  return { exec, calls: () => calls };
}

const noSleep = async () => {};

test('isTransientAiError: 429/5xx/408/409 and connection errors only', () => {
  assert.equal(isTransientAiError(new AiHttpError(429, 'OpenAI', 'm', 'slow down')), true);
  assert.equal(isTransientAiError(new AiHttpError(503, 'OpenAI', 'm', 'x')), true);
  assert.equal(isTransientAiError(new AiHttpError(408, 'OpenAI', 'm', 'x')), true);
  assert.equal(isTransientAiError(new AiHttpError(401, 'OpenAI', 'm', 'bad key')), false);
  assert.equal(isTransientAiError(new AiHttpError(400, 'OpenAI', 'm', 'x')), false);
  assert.equal(isTransientAiError(new AiConnectionError('OpenAI', 'm', 'http://x/', 'ECONNRESET')), true);
  assert.equal(isTransientAiError(new MissingApiKeyError('OPENAI_API_KEY', 'OpenAI', 'm')), false);
  assert.equal(isTransientAiError(new Error('x')), false);
});

test('retryDelayMs: exponential, capped at 8 s', () => {
  assert.deepEqual([0, 1, 2, 3, 4, 5].map(retryDelayMs), [500, 1000, 2000, 4000, 8000, 8000]);
});

test('withRetries: a transient failure is retried up to the setting, then succeeds', async () => {
  const f = failing([new AiHttpError(429, 'OpenAI', 'm', 'x'), new AiHttpError(500, 'OpenAI', 'm', 'x')]);
  const seen: number[] = [];
  const exec = withRetries(f.exec, { retries: () => 2, sleep: noSleep, onRetry: (n) => seen.push(n) });
  assert.equal(await exec(req()), RESULT);
  assert.equal(f.calls(), 3);
  assert.deepEqual(seen, [1, 2]);
});

test('withRetries: 0 retries (the default) fails at once with the original error', async () => {
  const err = new AiHttpError(503, 'OpenAI', 'm', 'overloaded');
  const f = failing([err]);
  await assert.rejects(withRetries(f.exec, { retries: () => 0, sleep: noSleep })(req()), (e) => e === err);
  assert.equal(f.calls(), 1);
});

test('withRetries: the last error surfaces when retries run out', async () => {
  const errs = [1, 2, 3].map((i) => new AiConnectionError('OpenAI', 'm', 'http://x/', `fail ${i}`));
  const f = failing([...errs]);
  await assert.rejects(withRetries(f.exec, { retries: () => 2, sleep: noSleep })(req()), (e) => e === errs[2]);
  assert.equal(f.calls(), 3);
});

test('withRetries: a non-transient error is never retried', async () => {
  const f = failing([new MissingApiKeyError('OPENAI_API_KEY', 'OpenAI', 'm')]);
  await assert.rejects(withRetries(f.exec, { retries: () => 5, sleep: noSleep })(req()), {
    message: "Missing API key for OpenAI (model 'm'): environment variable 'OPENAI_API_KEY' is not set.",
  });
  assert.equal(f.calls(), 1);
});

test('withRetries: no retry once streamed text reached the task', async () => {
  const got: string[] = [];
  const f = failing([new AiConnectionError('OpenAI', 'm', 'http://x/', 'terminated')], ['Hel']);
  await assert.rejects(withRetries(f.exec, { retries: () => 3, sleep: noSleep })(req(undefined, (t) => got.push(t))), {
    message: 'AI request failed: connection to OpenAI (http://x/) for model \'m\' failed: terminated',
  });
  assert.deepEqual(got, ['Hel']);
  assert.equal(f.calls(), 1);
});

test('withRetries: a cancel during the back-off stops the retries', async () => {
  const ac = new AbortController();
  const f = failing([new AiHttpError(429, 'OpenAI', 'm', 'x'), new AiHttpError(429, 'OpenAI', 'm', 'x')]);
  const exec = withRetries(f.exec, { retries: () => 3, sleep: async () => ac.abort() });
  await assert.rejects(exec(req(ac.signal)), { message: "AI request failed: OpenAI returned HTTP 429 for model 'm': x" });
  assert.equal(f.calls(), 1);
});

test('withRetries: the real back-off sleep ends early on abort', async () => {
  const ac = new AbortController();
  const f = failing([new AiHttpError(500, 'OpenAI', 'm', 'x')]);
  const exec = withRetries(f.exec, { retries: () => 1 });
  const t0 = Date.now();
  setTimeout(() => ac.abort(), 20);
  await assert.rejects(exec(req(ac.signal)));
  assert.ok(Date.now() - t0 < 400, 'aborted before the 500 ms back-off');
});
