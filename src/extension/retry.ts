/**
 * `aipack.retryCount`: the runtime itself never retries (aipack has no retry
 * logic), so the extension wraps the pipeline's chat call. Only transient
 * failures are retried (HTTP 408/409/429/5xx, connection errors), never a
 * cancel, a missing key or a 4xx; and never once streamed text has reached the
 * task, so the recorded answer is never a splice of two attempts.
 */
import { AiConnectionError, AiHttpError } from '../runtime/ai/errors';
import type { ChatResult, ExecChatRequest } from '../runtime/ai/exec-chat';

export type ExecChat = (req: ExecChatRequest) => Promise<ChatResult>;

export function isTransientAiError(err: unknown): boolean {
  if (err instanceof AiConnectionError) return true;
  if (err instanceof AiHttpError) return err.status === 408 || err.status === 409 || err.status === 429 || err.status >= 500;
  return false;
}

/** 0.5 s, 1 s, 2 s … capped at 8 s. */
export function retryDelayMs(attempt: number): number {
  return Math.min(8000, 500 * 2 ** attempt);
}

export interface RetryOptions {
  /** Read on every call so a settings change applies to the next AI call. */
  retries: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  onRetry?: (attempt: number, err: unknown) => void;
}

export function withRetries(exec: ExecChat, opts: RetryOptions): ExecChat {
  const sleep = opts.sleep ?? abortableSleep;
  return async (req) => {
    const max = Math.max(0, opts.retries());
    let streamed = false;
    const onDelta = req.onDelta
      ? (text: string) => {
          streamed = true;
          req.onDelta!(text);
        }
      : undefined;
    for (let attempt = 0; ; attempt++) {
      try {
        return await exec({ ...req, onDelta });
      } catch (err) {
        if (attempt >= max || streamed || req.signal.aborted || !isTransientAiError(err)) throw err;
        opts.onRetry?.(attempt + 1, err);
        await sleep(retryDelayMs(attempt), req.signal);
        if (req.signal.aborted) throw err;
      }
    }
  };
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
