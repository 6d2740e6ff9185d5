/**
 * Chat messages → OpenAI Responses API `input` items, placed as genai's
 * OpenAIResp adapter places them: system messages stay in the input list as
 * `role: 'system'` items (aipack never uses `instructions`), user text is a
 * plain string unless the message carries files or a cache breakpoint,
 * assistant text goes back as `output_text` parts of a `message` item.
 */
import { dataUrl, messageText, type ChatMessage, type ContentPart } from './messages';

export type ResponsesInputItem = Record<string, unknown>;

/** Marker OpenAI reads on the last cacheable block of a cached message (gpt-5.6+ explicit caching). */
const BREAKPOINT = { mode: 'explicit' } as const;

const CACHEABLE = new Set(['input_text', 'input_image', 'input_file']);

function markLastCacheable(blocks: Record<string, unknown>[]): void {
  for (let i = blocks.length - 1; i >= 0; i--) {
    if (CACHEABLE.has(blocks[i].type as string)) {
      blocks[i].prompt_cache_breakpoint = { ...BREAKPOINT };
      return;
    }
  }
}

function textParts(m: ChatMessage): string[] {
  if (typeof m.content === 'string') return [m.content];
  return m.content.filter((p): p is Extract<ContentPart, { type: 'text' }> => p.type === 'text').map((p) => p.text);
}

/**
 * @param explicitCache the request uses OpenAI's explicit prompt caching
 *   (see `responsesCachePolicy`); only then do cached messages get a breakpoint.
 */
export function toResponsesInput(messages: ChatMessage[], explicitCache: boolean): ResponsesInputItem[] {
  const items: ResponsesInputItem[] = [];
  // The API rejects an `input_file` without a name; genai numbers the unnamed ones.
  let unnamed = 0;
  for (const m of messages) {
    const marked = explicitCache && m.cache === true;
    if (m.role === 'system') {
      const parts = textParts(m);
      if (parts.length === 0) continue;
      const text = messageText(m);
      if (!marked) {
        items.push({ role: 'system', content: text });
      } else {
        const blocks: Record<string, unknown>[] = [{ type: 'input_text', text }];
        markLastCacheable(blocks);
        items.push({ role: 'system', content: blocks });
      }
      continue;
    }
    if (m.role === 'assistant') {
      const content = textParts(m).map((text) => ({ type: 'output_text', text }));
      if (content.length > 0) items.push({ type: 'message', role: 'assistant', content });
      continue;
    }
    const textOnly = typeof m.content === 'string' || m.content.every((p) => p.type === 'text');
    if (textOnly && !marked) {
      items.push({ role: 'user', content: messageText(m) });
      continue;
    }
    const parts: ContentPart[] = typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : m.content;
    const blocks: Record<string, unknown>[] = parts.map((p) => {
      if (p.type === 'text') return { type: 'input_text', text: p.text };
      if (p.mime.startsWith('image/')) {
        return { type: 'input_image', detail: 'auto', image_url: dataUrl(p.mime, p.base64) };
      }
      const filename = p.name ?? `file-${++unnamed}`;
      return { type: 'input_file', filename, file_data: dataUrl(p.mime, p.base64) };
    });
    if (marked) markLastCacheable(blocks);
    items.push({ role: 'user', content: blocks });
  }
  return items;
}

/** `gpt-5.6`, `gpt-5.6-luna`, `gpt-6` … (the models with OpenAI's explicit prompt-cache options). */
export function isGpt56OrLater(model: string): boolean {
  if (!model.startsWith('gpt-')) return false;
  const version = model.slice(4).split('-')[0];
  const [major, minor] = version.split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : NaN));
  if (!Number.isFinite(major) || !Number.isFinite(minor)) return false;
  return major > 5 || (major === 5 && minor >= 6);
}

/** Only OpenAI's own endpoint knows `prompt_cache_options`; proxies and mocks get the plain request. */
export function supportsPromptCacheOptions(baseUrl: string): boolean {
  return ['https://api.openai.com', 'http://api.openai.com'].some((origin) => {
    if (!baseUrl.startsWith(origin)) return false;
    const rest = baseUrl.slice(origin.length);
    return rest === '' || /^[/?#]/.test(rest);
  });
}

export interface ResponsesCachePolicy {
  /** Set when some message asked for caching (`cache = true`). */
  ttl?: string;
}

/**
 * genai's OpenAI prompt-cache policy for the Responses API: gpt-5.6+ on
 * api.openai.com always sends `prompt_cache_options` (explicit mode), with a
 * 30 min TTL and per-message breakpoints when messages are marked cached.
 */
export function responsesCachePolicy(model: string, baseUrl: string, messages: ChatMessage[]): ResponsesCachePolicy | undefined {
  if (!supportsPromptCacheOptions(baseUrl) || !isGpt56OrLater(model)) return undefined;
  const marked = messages.some((m) => m.cache === true);
  return marked ? { ttl: '30m' } : {};
}
