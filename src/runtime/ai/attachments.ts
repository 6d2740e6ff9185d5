/**
 * Attachments (§9.5): each `data_response.attachments` entry becomes one user
 * message placed before the prompt parts, holding a text part that names the
 * file and the file itself as a binary part. A file that cannot be resolved
 * or read becomes an error text message instead; the run goes on.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { errorMessage } from '../errors';
import type { ChatMessage } from './messages';

export interface Attachment {
  /** Path as written by the agent, resolved like `aip.file` paths. */
  file_source: string;
  file_name?: string;
  title?: string;
}

const MIME: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  svg: 'image/svg+xml',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  heic: 'image/heic',
  pdf: 'application/pdf',
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  html: 'text/html',
  htm: 'text/html',
  json: 'application/json',
  xml: 'application/xml',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  mp4: 'video/mp4',
  webm: 'video/webm',
};

/** MIME type from the file extension; unknown → `application/octet-stream`. */
export function mimeFromPath(path: string): string {
  return MIME[extname(path).slice(1).toLowerCase()] ?? 'application/octet-stream';
}

/** The text part that introduces an attached file (wording of the original). */
export function attachmentIntro(fileSource: string, fileName: string, title?: string): string {
  let m = `Here is file attachment.\nFile Path: '${fileSource}'\nFile Name: '${fileName}'\n`;
  if (title !== undefined && title !== null) m = `${m}\nFile Title: ${title}`;
  return `${m}\n`;
}

/**
 * One user message per attachment, in order. `resolve` maps `file_source` to
 * an absolute path the way `aip.file` does and throws when it cannot.
 */
export async function attachmentMessages(
  attachments: readonly Attachment[],
  resolve: (fileSource: string) => string | Promise<string>,
): Promise<ChatMessage[]> {
  const out: ChatMessage[] = [];
  for (const att of attachments) {
    let absPath: string;
    try {
      absPath = await resolve(att.file_source);
    } catch (err) {
      out.push({ role: 'user', content: `Error while attaching file '${att.file_source}'\nCause: ${errorMessage(err)}` });
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(absPath);
    } catch (err) {
      out.push({ role: 'user', content: `Error while attaching file '${absPath}'\nCause: ${errorMessage(err)}` });
      continue;
    }
    const fileName = att.file_name ?? basename(absPath);
    out.push({
      role: 'user',
      content: [
        { type: 'text', text: attachmentIntro(att.file_source, fileName, att.title) },
        { type: 'binary', mime: mimeFromPath(absPath), base64: bytes.toString('base64'), name: fileName },
      ],
    });
  }
  return out;
}
