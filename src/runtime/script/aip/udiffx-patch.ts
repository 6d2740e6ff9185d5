/**
 * Applying a udiffx patch to a text: hunk by hunk (each completed against the current text,
 * then spliced in), so one failing hunk leaves the others applied and is reported.
 */
import { completePatch, type HunkBounds } from './udiffx-complete';
import { body, rustLines, splitRawHunks } from './udiffx-hunks';

/**
 * Apply one completed hunk to `lines` (diffy's rule: the pre-image must match exactly, tried
 * at the hinted position first, then outward).
 */
function applyHunk(lines: string[], h: HunkBounds): string[] {
  const pre = h.lines.filter((l) => !l.startsWith('+')).map(body);
  const post = h.lines.filter((l) => !l.startsWith('-')).map(body);
  const fits = (pos: number) => pos >= 0 && pos + pre.length <= lines.length && pre.every((l, k) => lines[pos + k] === l);
  const hint = Math.max(h.oldStart - 1, 0);
  let at: number | undefined;
  for (let d = 0; d <= lines.length + 1; d++) {
    if (fits(hint - d)) {
      at = hint - d;
      break;
    }
    if (d > 0 && fits(hint + d)) {
      at = hint + d;
      break;
    }
  }
  if (at === undefined) throw new Error('diffy apply error: error applying hunk #1');
  return [...lines.slice(0, at), ...post, ...lines.slice(at + pre.length)];
}

export interface HunkError {
  hunk_body: string;
  cause: string;
}

export interface PatchResult {
  newContent: string;
  hunkErrors: HunkError[];
  totalHunks: number;
}

/**
 * Apply `patchRaw` to `original` hunk by hunk. CRLF is normalised to LF (and saved as LF);
 * the result always ends with a newline when not empty.
 */
export function applyPatchIncremental(original: string, patchRaw: string): PatchResult {
  let working = original.replace(/\r\n/g, '\n');
  if (working !== '' && !working.endsWith('\n')) working += '\n';
  const rawHunks = splitRawHunks(patchRaw.replace(/\r\n/g, '\n'));
  const hunkErrors: HunkError[] = [];
  for (const raw of rawHunks) {
    try {
      const { hunks } = completePatch(working, raw);
      if (hunks.length === 0) throw new Error('Hunk produced empty completed patch');
      let lines = rustLines(working);
      for (const h of hunks) lines = applyHunk(lines, h);
      working = lines.length === 0 ? '' : `${lines.join('\n')}\n`;
    } catch (err) {
      hunkErrors.push({ hunk_body: raw, cause: (err as Error).message });
    }
  }
  return { newContent: working, hunkErrors, totalHunks: rawHunks.length };
}
