/**
 * One AI call (§9.4) through the `openai` SDK, normalized into `AiResponse`
 * (§8.3, §9.7): Chat Completions against the provider's OpenAI-compatible
 * endpoint, or the Responses API for the models routed to `OpenAIResp` (§9.1).
 * No SDK retries: aipack has no retry logic, a failure fails the task.
 */
import OpenAI from 'openai';
import type { Host } from '../host';
import { resolveEndpoint } from './credentials';
import { mapAiError, truncatedStreamError } from './errors';
import { buildInfo } from './info';
import { toOpenAiMessages, type ChatMessage } from './messages';
import { priceIt, type AiPrice } from './pricing';
import type { AdapterKind } from './providers';
import { ANTHROPIC_THINKING_BUDGET, anthropicMaxTokens, openAiEffort } from './reasoning';
import { callResponses, type RawAnswer } from './exec-responses';
import { resolveProvider, type ResolvedModel } from './routing';
import { normalizeUsage, type AiUsage } from './usage';

export interface ChatOptions {
  temperature?: number;
  top_p?: number;
  /** `prompt_cache_key` sent when a message has `cache = true` (the runtime's session uid, §9.4). */
  prompt_cache_key?: string;
}

export interface ExecChatRequest {
  /** Alias-resolved model name; may carry `ns::` and a reasoning suffix. */
  model: string;
  messages: ChatMessage[];
  options: ChatOptions;
  signal: AbortSignal;
  host: Host;
  /** Stream the answer (SSE). The result is the same; `onDelta` sees the text as it comes. */
  stream?: boolean;
  onDelta?: (text: string) => void;
}

/** `AiResponse` as Lua sees it (§8.3); absent fields are nil. */
export interface AiResponse {
  content?: string;
  reasoning_content?: string;
  model_name: string;
  adapter_kind: AdapterKind;
  usage: AiUsage;
  price_usd?: number;
  duration_sec: number;
  info: string;
}

/** What the pipeline records besides the Lua-facing response. */
export interface ChatResult {
  response: AiResponse;
  /** Model the provider reports (`task.model_upstream`). */
  providerModel: string;
  /** Cost split for `update_task_cost`; undefined when the model has no price. */
  price?: AiPrice;
  resolved: ResolvedModel;
}

/**
 * One SDK client per (key, base URL): building one per call cost ~0.1 ms of option parsing
 * per task. openai v6 sends through the global fetch, so a client holds no sockets of its
 * own and a cached one keeps nothing alive. A key change (new secret) gets a new client.
 */
const clients = new Map<string, OpenAI>();
const CLIENTS_MAX = 16;

function clientFor(apiKey: string | undefined, baseUrl: string): OpenAI {
  const key = `${apiKey === undefined ? '0' : '1' + apiKey}\u0000${baseUrl}`;
  let client = clients.get(key);
  if (!client) {
    client = new OpenAI({
      // Explicit values everywhere so the SDK never falls back to OPENAI_* env vars.
      apiKey: apiKey ?? 'no-key',
      baseURL: baseUrl,
      organization: null,
      project: null,
      maxRetries: 0,
      defaultHeaders: apiKey === undefined ? { authorization: null } : undefined,
    });
    if (clients.size >= CLIENTS_MAX) clients.delete(clients.keys().next().value as string);
    clients.set(key, client);
  }
  return client;
}

export async function execChat(req: ExecChatRequest): Promise<AiResponse> {
  return (await execChatFull(req)).response;
}

export async function execChatFull(req: ExecChatRequest): Promise<ChatResult> {
  const resolved = resolveProvider(req.model);
  const { provider } = resolved;
  const kind = provider.kind;
  const ctx = { kind, model: req.model, baseUrl: provider.baseUrl, signal: req.signal };

  const endpoint = await resolveEndpoint(req.host, resolved);
  ctx.baseUrl = endpoint.baseUrl;
  if (req.signal.aborted) throw mapAiError(new OpenAI.APIUserAbortError(), ctx);

  const client = clientFor(endpoint.apiKey, endpoint.baseUrl);

  const start = performance.now();
  let answer: RawAnswer;
  try {
    answer =
      kind === 'OpenAIResp'
        ? await callResponses({ ...req, client, resolved, baseUrl: endpoint.baseUrl })
        : await callChat(client, req, resolved);
  } catch (err) {
    throw mapAiError(err, ctx);
  }
  // A stream cut by a cancel can end quietly; the task must still end as canceled.
  if (req.signal.aborted) throw mapAiError(new OpenAI.APIUserAbortError(), ctx);
  const durationMs = performance.now() - start;

  let { text, reasoning } = answer;
  if (reasoning === '') {
    const split = splitThinkTags(text);
    text = split.content;
    reasoning = split.reasoning ?? '';
  }

  const usage = normalizeUsage(answer.usage);
  const price = priceIt(provider.id, resolved.nameNoNs, usage.usage);
  const upstream = answer.providerModel ?? resolved.providerModel;
  const info = buildInfo({
    durationMs,
    priceUsd: price?.cost,
    usage,
    modelName: req.model,
    providerModel: upstream,
    adapterKind: kind,
    temperature: req.options.temperature,
    top_p: req.options.top_p,
  });

  const response: AiResponse = {
    model_name: req.model,
    adapter_kind: kind,
    usage: usage.usage,
    duration_sec: Math.round(durationMs) / 1000,
    info,
  };
  if (text !== '') response.content = text;
  if (reasoning !== '') response.reasoning_content = reasoning;
  if (price) response.price_usd = price.cost;
  return { response, providerModel: upstream, price, resolved };
}

/** One chat-completions call (streamed or not), in the shape both APIs share. */
async function callChat(client: OpenAI, req: ExecChatRequest, resolved: ResolvedModel): Promise<RawAnswer> {
  const body = buildRequestBody(req, resolved);
  let text = '';
  let reasoning = '';
  let providerModel: string | undefined;
  let usage: unknown;
  if (req.stream) {
    const stream = await client.chat.completions.create(
      { ...body, stream: true, stream_options: { include_usage: true } },
      { signal: req.signal },
    );
    let finished = false;
    for await (const chunk of stream) {
      providerModel ??= chunk.model || undefined;
      if (chunk.usage) usage = chunk.usage;
      if (chunk.choices?.[0]?.finish_reason) finished = true;
      const delta = chunk.choices?.[0]?.delta as Record<string, unknown> | undefined;
      if (!delta) continue;
      const r = delta.reasoning_content ?? delta.reasoning;
      if (typeof r === 'string') reasoning += r;
      if (typeof delta.content === 'string' && delta.content.length > 0) {
        text += delta.content;
        req.onDelta?.(delta.content);
      }
    }
    // A provider ends every complete answer with a finish_reason; without it the text is cut.
    if (!finished && !req.signal.aborted) throw truncatedStreamError(resolved.provider.kind, req.model, client.baseURL, 'no finish_reason');
  } else {
    const res = await client.chat.completions.create({ ...body, stream: false }, { signal: req.signal });
    providerModel = res.model || undefined;
    usage = res.usage;
    const msg = res.choices?.[0]?.message as unknown as Record<string, unknown> | undefined;
    if (typeof msg?.content === 'string') text = msg.content;
    const r = msg?.reasoning_content ?? msg?.reasoning;
    if (typeof r === 'string') reasoning = r;
  }
  return { text, reasoning, providerModel, usage };
}

/** The chat-completions body without the `stream` flag (exported for tests). */
export function buildRequestBody(req: Pick<ExecChatRequest, 'messages' | 'options'>, r: ResolvedModel) {
  const anthropic = r.provider.id === 'anthropic';
  const openai = r.provider.id === 'openai' || r.provider.id === 'openai_resp';
  const body: Record<string, unknown> & { model: string; messages: ReturnType<typeof toOpenAiMessages> } = {
    model: r.providerModel,
    messages: toOpenAiMessages(req.messages, { cacheParts: !openai }),
  };
  if (req.options.temperature != null) body.temperature = req.options.temperature;
  if (req.options.top_p != null) body.top_p = req.options.top_p;
  if (anthropic) body.max_tokens = anthropicMaxTokens(r.providerModel);
  if (r.effort !== undefined) {
    if (anthropic) {
      if (r.effort !== 'none') body.thinking = { type: 'enabled', budget_tokens: ANTHROPIC_THINKING_BUDGET[r.effort] };
    } else {
      body.reasoning_effort = openAiEffort(r.effort, openai);
    }
  }
  const cached = req.messages.some((m) => m.cache === true);
  if (cached && openai && req.options.prompt_cache_key) body.prompt_cache_key = req.options.prompt_cache_key;
  return body as OpenAI.ChatCompletionCreateParamsNonStreaming & Record<string, unknown>;
}

/**
 * Reasoning normalization (§9.4): a leading `<think>…</think>` block in the
 * content is reasoning, not answer.
 */
export function splitThinkTags(content: string): { content: string; reasoning?: string } {
  const m = /^\s*<think>([\s\S]*?)<\/think>/.exec(content);
  if (!m) return { content };
  return { content: content.slice(m[0].length).replace(/^\s+/, ''), reasoning: m[1].trim() };
}
