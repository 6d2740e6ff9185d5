/**
 * Message assembly for one task (§2.7, §9.5): attachments first (one user message
 * each), then every prompt part in file order rendered with Handlebars against
 * `{input, data, before_all}`; parts that render blank are dropped.
 */
import { renderPromptPart } from '../agent/part-options';
import type { Agent } from '../agent/types';
import { type Attachment, attachmentMessages } from '../ai/attachments';
import type { ChatMessage, ChatRole } from '../ai/messages';
import { AipError, errorMessage } from '../errors';
import { renderTemplate } from './handlebars';

const ROLE: Record<string, ChatRole> = { System: 'system', Instruction: 'user', Assistant: 'assistant' };

export interface PromptScope {
  input: unknown;
  data: unknown;
  before_all: unknown;
}

/**
 * `data_response.attachments` (§2.5, §9.5): one `{file_source, file_name?, title?}` or a
 * list of them; nil / `{}` → none; any other shape is an error naming what was wrong.
 */
export function parseAttachments(value: unknown): Attachment[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  if (!Array.isArray(value) && typeof value === 'object' && Object.keys(value as object).length === 0) return [];
  return list.map((item, i) => {
    const where = Array.isArray(value) ? `attachments[${i + 1}]` : 'attachments';
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      throw new AipError(`aip.flow.data_response - ${where} must be a table {file_source, file_name?, title?}`, { stage: 'Data' });
    }
    const o = item as Record<string, unknown>;
    if (typeof o.file_source !== 'string' || o.file_source === '') {
      throw new AipError(`aip.flow.data_response - ${where}.file_source must be a non-empty string`, { stage: 'Data' });
    }
    for (const k of ['file_name', 'title'] as const) {
      if (o[k] !== undefined && o[k] !== null && typeof o[k] !== 'string') {
        throw new AipError(`aip.flow.data_response - ${where}.${k} must be a string`, { stage: 'Data' });
      }
    }
    const att: Attachment = { file_source: o.file_source };
    if (typeof o.file_name === 'string') att.file_name = o.file_name;
    if (typeof o.title === 'string') att.title = o.title;
    return att;
  });
}

/** Render the prompt parts; a template error is a task error at stage `Ai` (§2.6). */
export function renderPromptMessages(agent: Agent, scope: PromptScope): ChatMessage[] {
  const out: ChatMessage[] = [];
  const data = { input: scope.input ?? null, data: scope.data ?? null, before_all: scope.before_all ?? null };
  for (const part of agent.promptParts) {
    let rendered: { content: string; cache: boolean } | undefined;
    try {
      rendered = renderPromptPart(part, (tpl) => renderTemplate(tpl, data));
    } catch (err) {
      if (err instanceof AipError && err.stage) throw err;
      throw new AipError(`Failed to render the '# ${part.kind}' prompt part (${agent.fileName}:${part.headingLine}): ${errorMessage(err)}`, {
        stage: 'Ai',
        location: { file: agent.filePath, line: part.headingLine },
        cause: err,
      });
    }
    if (!rendered) continue;
    const msg: ChatMessage = { role: ROLE[part.kind] ?? 'user', content: rendered.content };
    if (rendered.cache) msg.cache = true;
    out.push(msg);
  }
  return out;
}

export async function buildChatMessages(
  agent: Agent,
  scope: PromptScope,
  attachments: Attachment[],
  resolve: (fileSource: string) => string,
): Promise<ChatMessage[]> {
  const atts = await attachmentMessages(attachments, resolve);
  return [...atts, ...renderPromptMessages(agent, scope)];
}
