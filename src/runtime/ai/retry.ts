/**
 * Bounded retries of an AI call. aipack has none (§9.4); the port adds them for
 * what is worth retrying only: HTTP 429, 5xx and connection failures. Any other
 * 4xx fails at once. `Retry-After` (seconds or an HTTP date) is honoured up to
 * `maxDelayMs`. The wait is cut short by the run's cancel.
 */
import { AiConnectionError, AiHttpError } from './errors';

export interface RetryPolicy {
  /** Extra attempts after the first (0 = never retry). */
  retries: number;
  /** First backoff; doubles per attempt. */
  baseDelayMs: number;
  /** Upper bound of any single wait, Retry-After included. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 2, baseDelayMs: 1000, maxDelayMs: 30_000 };

export interface RetryInfo {
  /** 1-based number of the attempt that failed. */
  attempt: number;
  /** Total attempts allowed. */
  of: number;
  delayMs: number;
  error: Error;
}

export function isRetryable(err: unknown): boolean {
  if (err instanceof AiHttpError) return err.status === 429 || err.status >= 500;
  return err instanceof AiConnectionError;
}

/** Milliseconds asked by a `Retry-After` header on the provider's error, if any. */
export function retryAfterMs(err: unknown, now = Date.now()): number | undefined {
  const cause = (err as { cause?: { headers?: unknown } })?.cause;
  const headers = cause?.headers;
  let value: string | null | undefined;
  if (headers && typeof (headers as Headers).get === 'function') value = (headers as Headers).get('retry-after');
  else if (headers && typeof headers === 'object') value = (headers as Record<string, string>)['retry-after'];
  if (!value) return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Run `fn`, retrying per `policy`; the last error is rethrown as is. */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  signal: AbortSignal,
  onRetry?: (info: RetryInfo) => void,
): Promise<T> {
  const of = Math.max(0, Math.floor(policy.retries)) + 1;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (attempt >= of || signal.aborted || !isRetryable(err)) throw err;
      const backoff = policy.baseDelayMs * 2 ** (attempt - 1);
      const delayMs = Math.min(policy.maxDelayMs, retryAfterMs(err) ?? backoff);
      onRetry?.({ attempt, of, delayMs, error: err as Error });
      await sleep(delayMs, signal);
      if (signal.aborted) throw err;
    }
  }
}
