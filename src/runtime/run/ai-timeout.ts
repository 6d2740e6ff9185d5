/**
 * A time limit for one AI request attempt. The provider call only knows the run's
 * cancel; a provider that accepts the connection and never answers (or stalls
 * mid-stream) would hold the task forever. Each attempt gets its own signal that
 * aborts on the run's cancel or when the limit passes; a timeout surfaces as a
 * connection-type error, so the retry policy treats it like a dropped connection.
 */
import { AiConnectionError } from '../ai/errors';
import { resolveProvider } from '../ai/routing';

/** Default limit of one AI request attempt (config `[limits] ai_request_timeout_secs`, env AIPACK_AI_TIMEOUT). */
export { DEFAULT_AI_REQUEST_TIMEOUT_MS } from '../config/limits';

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
  /** The limit the error names (the configured one, when the retry budget cut this attempt shorter). */
  reportMs: number | undefined = timeoutMs,
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
    if (timedOut && !runSignal.aborted) throw new AiRequestTimeoutError(model, reportMs ?? timeoutMs);
    return out;
  } catch (err) {
    if (timedOut && !runSignal.aborted) throw new AiRequestTimeoutError(model, reportMs ?? timeoutMs);
    throw err;
  } finally {
    clearTimeout(timer);
    runSignal.removeEventListener('abort', onRunAbort);
  }
}

/**
 * The time budget of all attempts of one AI request together:
 * `attempts × (timeoutMs + 1 s) + retries × maxWaitMs` (each attempt its full limit, each backoff
 * wait its cap). `signal` aborts when the budget is spent (hand it to the retry loop so a
 * wait ends there too), and `attemptMs()` is the limit of the next attempt: the
 * per-attempt timeout, or what is left of the budget when that is less. Without a
 * timeout there is no budget either.
 */
const BUDGET_SLACK_MS = 1000;

export class RetryBudget {
  readonly signal: AbortSignal;
  readonly totalMs: number;
  private readonly deadline: number;
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly timeoutMs: number | undefined,
    policy: { retries: number; maxDelayMs: number },
    runSignal: AbortSignal,
  ) {
    if (timeoutMs === undefined || !(timeoutMs > 0) || !Number.isFinite(timeoutMs)) {
      this.deadline = Infinity;
      this.totalMs = Infinity;
      this.signal = runSignal;
      return;
    }
    const retries = Math.max(0, Math.floor(policy.retries));
    // + 1 s per attempt for the work around each call (key lookup, events), so in the normal case
    // every attempt keeps its full limit and the budget only stops an overrun.
    this.totalMs = (timeoutMs + BUDGET_SLACK_MS) * (retries + 1) + retries * Math.max(0, policy.maxDelayMs);
    this.deadline = Date.now() + this.totalMs;
    const ctrl = new AbortController();
    this.timer = setTimeout(() => ctrl.abort(new Error('AI request retry budget spent')), this.totalMs);
    this.signal = AbortSignal.any([runSignal, ctrl.signal]);
  }

  /** Limit of the next attempt in ms (at least 1 ms once the budget is spent, so the attempt times out at once). */
  attemptMs(): number | undefined {
    if (this.deadline === Infinity) return this.timeoutMs;
    return Math.max(1, Math.min(this.timeoutMs!, this.deadline - Date.now()));
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
