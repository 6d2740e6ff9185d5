/**
 * A time limit for one AI request attempt. The provider call only knows the run's
 * cancel; a provider that accepts the connection and never answers (or stalls
 * mid-stream) would hold the task forever. Each attempt gets its own signal that
 * aborts on the run's cancel or when the limit passes; a timeout surfaces as a
 * connection-type error, so the retry policy treats it like a dropped connection.
 */
import { AiConnectionError } from '../ai/errors';
import { resolveProvider } from '../ai/routing';

/** Default limit of one AI request attempt: 10 minutes (long reasoning answers stay possible). */
export const DEFAULT_AI_REQUEST_TIMEOUT_MS = 10 * 60_000;

export class AiRequestTimeoutError extends AiConnectionError {
  readonly timeoutMs: number;
  constructor(model: string, timeoutMs: number) {
    let kind: string;
    try {
      kind = resolveProvider(model).provider.kind;
    } catch {
      kind = 'provider';
    }
    super(kind as never, model, '', '');
    this.name = 'AiRequestTimeoutError';
    this.timeoutMs = timeoutMs;
    this.message = `AI request timed out after ${formatSecs(timeoutMs)} s (${kind}, model '${model}'): no complete answer within the request timeout.`;
  }
}

function formatSecs(ms: number): string {
  return String(Number((ms / 1000).toFixed(3)));
}

/**
 * Run `call` with a signal that aborts on `runSignal` or after `timeoutMs`. When the
 * limit (not the run's cancel) cut the call, an `AiRequestTimeoutError` replaces
 * whatever the call threw (or returned: a stream cut by the abort may end quietly).
 */
export async function withRequestTimeout<T>(
  model: string,
  timeoutMs: number | undefined,
  runSignal: AbortSignal,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  if (timeoutMs === undefined || !(timeoutMs > 0) || !Number.isFinite(timeoutMs)) return call(runSignal);
  const ctrl = new AbortController();
  let timedOut = false;
  const onRunAbort = () => ctrl.abort(runSignal.reason);
  if (runSignal.aborted) ctrl.abort(runSignal.reason);
  else runSignal.addEventListener('abort', onRunAbort, { once: true });
  const timer = setTimeout(() => {
    if (runSignal.aborted) return;
    timedOut = true;
    ctrl.abort(new Error('AI request timeout'));
  }, timeoutMs);
  try {
    const out = await call(ctrl.signal);
    if (timedOut && !runSignal.aborted) throw new AiRequestTimeoutError(model, timeoutMs);
    return out;
  } catch (err) {
    if (timedOut && !runSignal.aborted) throw new AiRequestTimeoutError(model, timeoutMs);
    throw err;
  } finally {
    clearTimeout(timer);
    runSignal.removeEventListener('abort', onRunAbort);
  }
}
