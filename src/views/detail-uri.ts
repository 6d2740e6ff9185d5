/**
 * `aipack-run:` URIs of the detail documents. The path is the tab title; the
 * query names the folder's runtime (its URI) and the run or task.
 */
import type { Id } from '../runtime/model/types';

export const DETAIL_SCHEME = 'aipack-run';

export type DetailPart = 'detail' | 'prompt';

export interface DetailRef {
  folderKey: string;
  kind: 'run' | 'task';
  id: Id;
  part: DetailPart;
}

export function detailQuery(ref: DetailRef): string {
  const q = new URLSearchParams({ f: ref.folderKey, [ref.kind]: String(ref.id) });
  if (ref.part !== 'detail') q.set('part', ref.part);
  return q.toString();
}

/** A tab title without path separators (the document's file name). */
export function detailTitle(text: string): string {
  const clean = text.replace(/[\\/:*?"<>|\r\n]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 60);
  return `${clean || 'AIPack'}.md`;
}

export function parseDetailQuery(query: string): DetailRef | undefined {
  const q = new URLSearchParams(query);
  const folderKey = q.get('f');
  if (!folderKey) return undefined;
  const part = (q.get('part') ?? 'detail') as DetailPart;
  const task = q.get('task');
  const run = q.get('run');
  if (task !== null && /^\d+$/.test(task)) return { folderKey, kind: 'task', id: Number(task), part };
  if (run !== null && /^\d+$/.test(run)) return { folderKey, kind: 'run', id: Number(run), part };
  return undefined;
}
