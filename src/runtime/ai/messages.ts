/**
 * Chat messages as the pipeline assembles them (§2.7) and their OpenAI
 * chat-completions form. Binary parts become data URLs: images as
 * `image_url`, everything else (PDF, …) as a `file` part.
 */
import type { ChatCompletionContentPart, ChatCompletionMessageParam } from 'openai/resources/chat/completions';

export type ChatRole = 'system' | 'user' | 'assistant';

export type ContentPart =
  | { type: 'text'; text: string }
  /** File content, base64-encoded, with its MIME type and file name. */
  | { type: 'binary'; mime: string; base64: string; name?: string };

export interface ChatMessage {
  role: ChatRole;
  content: string | ContentPart[];
  /** Prompt part option `cache = true` (§9.4): ephemeral cache-control marker. */
  cache?: boolean;
}

/** Joined text of a message (for `--verbose` printing and sizes). */
export function messageText(m: ChatMessage): string {
  if (typeof m.content === 'string') return m.content;
  return m.content
    .filter((p): p is Extract<ContentPart, { type: 'text' }> => p.type === 'text')
    .map((p) => p.text)
    .join('');
}

/** Size of a message for `task.prompt_size`: text bytes plus base64 length of binary parts. */
export function messageSize(m: ChatMessage): number {
  if (typeof m.content === 'string') return Buffer.byteLength(m.content, 'utf8');
  let n = 0;
  for (const p of m.content) n += p.type === 'text' ? Buffer.byteLength(p.text, 'utf8') : p.base64.length;
  return n;
}

export function dataUrl(mime: string, base64: string): string {
  return `data:${mime};base64,${base64}`;
}

function toPart(p: ContentPart): ChatCompletionContentPart {
  if (p.type === 'text') return { type: 'text', text: p.text };
  if (p.mime.startsWith('image/')) return { type: 'image_url', image_url: { url: dataUrl(p.mime, p.base64) } };
  return { type: 'file', file: { filename: p.name, file_data: dataUrl(p.mime, p.base64) } };
}

/**
 * OpenAI form of the messages. `cacheParts` puts Anthropic's
 * `cache_control: {type: 'ephemeral'}` on the last part of cached messages
 * (the OpenAI-compatible endpoints of Anthropic and gateways accept it there).
 */
export function toOpenAiMessages(messages: ChatMessage[], opts: { cacheParts: boolean }): ChatCompletionMessageParam[] {
  return messages.map((m) => {
    const marked = m.cache === true && opts.cacheParts;
    if (m.role !== 'user' || typeof m.content === 'string') {
      // System and assistant messages carry text only.
      const text = messageText(m);
      if (!marked) return { role: m.role, content: text } as ChatCompletionMessageParam;
      const part = { type: 'text', text, cache_control: { type: 'ephemeral' } };
      return { role: m.role, content: [part] } as unknown as ChatCompletionMessageParam;
    }
    const parts: Record<string, unknown>[] = m.content.map((p) => ({ ...toPart(p) }));
    if (marked && parts.length > 0) parts[parts.length - 1].cache_control = { type: 'ephemeral' };
    return { role: 'user', content: parts } as unknown as ChatCompletionMessageParam;
  });
}
