/**
 * Errors of the AI call (§9.4: any provider/HTTP/auth error fails the task at
 * stage `Ai`). Each message names the provider and the model so a user with
 * several agents sees at once which call failed and why.
 */
import OpenAI from 'openai';
import { AipError, errorMessage } from '../errors';
import type { AdapterKind } from './providers';

export class MissingApiKeyError extends AipError {
  readonly envName: string;
  constructor(envName: string, kind: AdapterKind, model: string) {
    super(`Missing API key for ${kind} (model '${model}'): environment variable '${envName}' is not set.`, { stage: 'Ai' });
    this.name = 'MissingApiKeyError';
    this.envName = envName;
  }
}

export class MissingEndpointError extends AipError {
  constructor(envName: string, model: string) {
    super(`Missing endpoint for model '${model}': environment variable '${envName}' is not set.`, { stage: 'Ai' });
    this.name = 'MissingEndpointError';
  }
}

/** The run was canceled while the AI call was in flight. */
export class AiCancelError extends AipError {
  readonly canceled = true;
  constructor(kind: AdapterKind, model: string) {
    super(`AI request canceled (${kind}, model '${model}').`, { stage: 'Ai' });
    this.name = 'AiCancelError';
  }
}

export class AiHttpError extends AipError {
  readonly status: number;
  constructor(status: number, kind: AdapterKind, model: string, detail: string, cause?: unknown) {
    super(`AI request failed: ${kind} returned HTTP ${status} for model '${model}': ${detail}`, { stage: 'Ai', cause });
    this.name = 'AiHttpError';
    this.status = status;
  }
}

export class AiConnectionError extends AipError {
  constructor(kind: AdapterKind, model: string, baseUrl: string, detail: string, cause?: unknown) {
    super(`AI request failed: connection to ${kind} (${baseUrl}) for model '${model}' failed: ${detail}`, {
      stage: 'Ai',
      cause,
    });
    this.name = 'AiConnectionError';
  }
}

/** The Responses API answered 200 but reported the response as failed (stream `error` / `response.failed`). */
export class AiResponseFailedError extends AipError {
  constructor(kind: AdapterKind, model: string, detail: string) {
    super(`AI request failed: ${kind} reported a failed response for model '${model}': ${detail}`, { stage: 'Ai' });
    this.name = 'AiResponseFailedError';
  }
}

/** The provider answered with a body that is not valid JSON (not a connection failure: never retried). */
export class AiBadResponseError extends AipError {
  constructor(kind: AdapterKind, model: string, detail: string, cause?: unknown) {
    super(`AI request failed: ${kind} sent a malformed response for model '${model}': ${detail}`, { stage: 'Ai', cause });
    this.name = 'AiBadResponseError';
  }
}

/** A stream that ended without its final event: the answer is incomplete (retried like a dropped connection). */
export function truncatedStreamError(kind: AdapterKind, model: string, baseUrl: string, what: string): AiConnectionError {
  return new AiConnectionError(kind, model, baseUrl, `the stream ended before the answer was complete (${what})`);
}

/** A JSON parse failure anywhere in the cause chain. */
function syntaxErrorIn(err: unknown): SyntaxError | undefined {
  let cur: unknown = err;
  for (let i = 0; i < 6 && cur !== null && cur !== undefined; i++) {
    if (cur instanceof SyntaxError) return cur;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

export function isAiCancel(err: unknown): err is AiCancelError {
  return err instanceof AiCancelError;
}

/** The provider's own words from an OpenAI-style error body, else the SDK's message. */
function httpDetail(err: InstanceType<typeof OpenAI.APIError>): string {
  const body = err.error as { message?: unknown; error?: { message?: unknown } } | undefined;
  const msg = body?.message ?? body?.error?.message;
  if (typeof msg === 'string' && msg.length > 0) return msg;
  if (body !== undefined) return typeof body === 'string' ? body : JSON.stringify(body);
  return err.message;
}

/** Innermost cause message: the SDK wraps undici's `terminated` / ECONNRESET. */
function rootCause(err: unknown): string {
  let cur: unknown = err;
  for (let i = 0; i < 5; i++) {
    const next = (cur as { cause?: unknown })?.cause;
    if (next === undefined || next === null) break;
    cur = next;
  }
  const code = (cur as { code?: unknown })?.code;
  const msg = errorMessage(cur);
  return typeof code === 'string' && !msg.includes(code) ? `${msg} (${code})` : msg;
}

/** Map whatever the SDK or the stream threw into one of the errors above. */
export function mapAiError(err: unknown, ctx: { kind: AdapterKind; model: string; baseUrl: string; signal: AbortSignal }): Error {
  if (err instanceof AipError) return err;
  if (ctx.signal.aborted || err instanceof OpenAI.APIUserAbortError) return new AiCancelError(ctx.kind, ctx.model);
  if (err instanceof OpenAI.APIError && typeof err.status === 'number') {
    return new AiHttpError(err.status, ctx.kind, ctx.model, httpDetail(err), err);
  }
  const bad = syntaxErrorIn(err);
  if (bad) return new AiBadResponseError(ctx.kind, ctx.model, bad.message, err);
  return new AiConnectionError(ctx.kind, ctx.model, ctx.baseUrl, rootCause(err), err);
}
