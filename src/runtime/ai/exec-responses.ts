/**
 * The OpenAI Responses API call for the models §9.1 routes to `OpenAIResp`
 * (`gpt-5*`, `gpt*codex*`, `gpt*pro*`). The request is built as genai's
 * OpenAIResp adapter builds it (`store: false`, messages as `input` items,
 * `reasoning.effort` from the model-name suffix); the answer is brought back
 * to the chat-completions shape (text, reasoning, model, OpenAI-style usage)
 * so `execChatFull` turns both APIs into the same `AiResponse`.
 */
import type OpenAI from 'openai';
import { AiResponseFailedError, truncatedStreamError } from './errors';
import type { ChatMessage } from './messages';
import { openAiEffort } from './reasoning';
import { responsesCachePolicy, toResponsesInput } from './responses-input';
import type { ResolvedModel } from './routing';

export interface ResponsesOptions {
  temperature?: number;
  top_p?: number;
  prompt_cache_key?: string;
}

/** What one model call produced, in chat-completions terms. */
export interface RawAnswer {
  text: string;
  reasoning: string;
  /** Model id the provider reports. */
  providerModel?: string;
  /** Usage in chat-completions shape (`prompt_tokens`, `prompt_tokens_details`, …). */
  usage: unknown;
}

/** The `responses.create` body without the `stream` flag (exported for tests). */
export function buildResponsesBody(
  req: { messages: ChatMessage[]; options: ResponsesOptions },
  r: ResolvedModel,
  baseUrl: string,
): Record<string, unknown> & { model: string; input: unknown[] } {
  const policy = responsesCachePolicy(r.providerModel, baseUrl, req.messages);
  const body: Record<string, unknown> & { model: string; input: unknown[] } = {
    model: r.providerModel,
    store: false,
    input: toResponsesInput(req.messages, policy !== undefined),
  };
  if (policy) body.prompt_cache_options = policy.ttl ? { mode: 'explicit', ttl: policy.ttl } : { mode: 'explicit' };
  if (r.effort !== undefined) body.reasoning = { effort: openAiEffort(r.effort, true) };
  if (req.options.temperature != null) body.temperature = req.options.temperature;
  if (req.options.top_p != null) body.top_p = req.options.top_p;
  const cached = req.messages.some((m) => m.cache === true);
  if (cached && req.options.prompt_cache_key) body.prompt_cache_key = req.options.prompt_cache_key;
  return body;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Zero detail counters mean "not applicable" for the Responses API (genai drops them). */
function details(src: unknown, map: Record<string, string>): Record<string, number> | undefined {
  if (!src || typeof src !== 'object') return undefined;
  const out: Record<string, number> = {};
  for (const [from, to] of Object.entries(map)) {
    const v = num((src as Record<string, unknown>)[from]);
    if (v !== undefined && v !== 0) out[to] = v;
  }
  return out;
}

/** Responses usage (`input_tokens`, `output_tokens`, …) → chat-completions usage. */
export function responsesUsageToChat(raw: unknown): Record<string, unknown> | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const u = raw as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const p = num(u.input_tokens);
  const c = num(u.output_tokens);
  const t = num(u.total_tokens);
  if (p !== undefined) out.prompt_tokens = p;
  if (c !== undefined) out.completion_tokens = c;
  if (t !== undefined) out.total_tokens = t;
  const pd = details(u.input_tokens_details, {
    cached_tokens: 'cached_tokens',
    cache_write_tokens: 'cache_creation_tokens',
    audio_tokens: 'audio_tokens',
  });
  const cd = details(u.output_tokens_details, {
    reasoning_tokens: 'reasoning_tokens',
    audio_tokens: 'audio_tokens',
    accepted_prediction_tokens: 'accepted_prediction_tokens',
    rejected_prediction_tokens: 'rejected_prediction_tokens',
  });
  if (pd) out.prompt_tokens_details = pd;
  if (cd) out.completion_tokens_details = cd;
  return out;
}

interface OutputItem {
  type?: string;
  content?: { type?: string; text?: unknown }[];
  summary?: { type?: string; text?: unknown }[];
}

/** Text and reasoning of a finished response's output items. */
export function readOutput(output: unknown): { text: string; reasoning: string } {
  let text = '';
  let reasoning = '';
  if (!Array.isArray(output)) return { text, reasoning };
  for (const item of output as OutputItem[]) {
    if (item?.type === 'message') {
      for (const part of item.content ?? []) if (part?.type === 'output_text' && typeof part.text === 'string') text += part.text;
    } else if (item?.type === 'reasoning') {
      // The summary is what OpenAI returns; raw reasoning text only from some compatible servers.
      for (const s of item.summary ?? []) if (typeof s?.text === 'string') reasoning += s.text;
      if (reasoning === '') for (const s of item.content ?? []) if (typeof s?.text === 'string') reasoning += s.text;
    }
  }
  return { text, reasoning };
}

function failureDetail(e: unknown, fallback: string): string {
  const err = e as { message?: unknown; code?: unknown } | undefined;
  const msg = typeof err?.message === 'string' && err.message ? err.message : fallback;
  return typeof err?.code === 'string' && err.code && !msg.includes(err.code) ? `${msg} (${err.code})` : msg;
}

export interface ResponsesCall {
  client: OpenAI;
  messages: ChatMessage[];
  options: ResponsesOptions;
  resolved: ResolvedModel;
  baseUrl: string;
  /** Model name as requested (for error messages). */
  model: string;
  signal: AbortSignal;
  stream?: boolean;
  onDelta?: (text: string) => void;
}

/** One Responses API call; SDK errors propagate for `mapAiError`, a failed response throws `AiResponseFailedError`. */
export async function callResponses(c: ResponsesCall): Promise<RawAnswer> {
  const body = buildResponsesBody(c, c.resolved, c.baseUrl);
  const kind = c.resolved.provider.kind;
  if (!c.stream) {
    const res = (await c.client.responses.create(
      { ...body, stream: false } as OpenAI.Responses.ResponseCreateParamsNonStreaming,
      { signal: c.signal },
    )) as unknown as Record<string, unknown>;
    if (res.status === 'failed' || (res.error && typeof res.error === 'object')) {
      throw new AiResponseFailedError(kind, c.model, failureDetail(res.error, 'response failed'));
    }
    const out = readOutput(res.output);
    // `output_text` is the SDK's own join of the message texts; trust the items first.
    const text = out.text !== '' ? out.text : typeof res.output_text === 'string' ? res.output_text : '';
    return {
      text,
      reasoning: out.reasoning,
      providerModel: typeof res.model === 'string' && res.model ? res.model : undefined,
      usage: responsesUsageToChat(res.usage),
    };
  }

  const stream = await c.client.responses.create(
    { ...body, stream: true } as OpenAI.Responses.ResponseCreateParamsStreaming,
    { signal: c.signal },
  );
  let text = '';
  let reasoning = '';
  let providerModel: string | undefined;
  let usage: unknown;
  let final: Record<string, unknown> | undefined;
  for await (const ev of stream as AsyncIterable<Record<string, unknown> & { type: string }>) {
    const response = ev.response as Record<string, unknown> | undefined;
    if (response && typeof response.model === 'string' && response.model) providerModel = response.model;
    switch (ev.type) {
      case 'response.output_text.delta':
        if (typeof ev.delta === 'string' && ev.delta.length > 0) {
          text += ev.delta;
          c.onDelta?.(ev.delta);
        }
        break;
      case 'response.reasoning_summary_text.delta':
      case 'response.reasoning_text.delta':
        if (typeof ev.delta === 'string') reasoning += ev.delta;
        break;
      case 'response.completed':
      case 'response.incomplete':
        final = response;
        usage = responsesUsageToChat(response?.usage);
        break;
      case 'response.failed':
        throw new AiResponseFailedError(kind, c.model, failureDetail(response?.error, 'response failed'));
      case 'error':
        throw new AiResponseFailedError(kind, c.model, failureDetail(ev, 'stream error'));
    }
  }
  if (!final && !c.signal.aborted) throw truncatedStreamError(kind, c.model, c.baseUrl, 'no response.completed event');
  // A server that sends only the final event still gives the whole answer.
  if (final && text === '' && reasoning === '') ({ text, reasoning } = readOutput(final.output));
  return { text, reasoning, providerModel, usage };
}
