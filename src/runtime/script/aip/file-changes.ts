/**
 * `aip.file.save_changes` (§8.5): SEARCH/REPLACE blocks applied in sequence to a file,
 * or a whole-content replace when the changes hold no `<<<<<<< SEARCH` line.
 */
import { promises as fsp } from 'node:fs';
import type { CallContext, CatalogEntry } from '../catalog';
import { argString } from '../catalog';
import { errorMessage } from '../../errors';
import { atomicWrite, envOf, infoOf, logPath, pathExists, readUtf8, requireWorkspace, resolveUserPath, withLock } from './file-common';
import { checkAccessWrite } from './file-guard';
import { readCapOf } from './file-read-guard';

const SEARCH_START = '<<<<<<< SEARCH';
const SEP = '=======';
const REPLACE_END = '>>>>>>> REPLACE';

export interface FailChange {
  search: string;
  replace: string;
  reason: string;
}

export interface ChangesInfo {
  changed_count: number;
  /** Only present when some block failed. */
  failed_changes?: FailChange[];
}

interface Block {
  search: string;
  replace: string;
}

/** Lines with their start offsets; the text compared to markers has a trailing `\r` removed. */
function* linesWithOffsets(text: string): Generator<{ line: string; start: number; next: number }> {
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const raw = text.slice(start, end);
    yield { line: raw.endsWith('\r') ? raw.slice(0, -1) : raw, start, next: nl < 0 ? text.length : nl + 1 };
    start = nl < 0 ? text.length : nl + 1;
  }
}

/** End of a pattern that stops before a marker line: the newline before the marker is not part of it. */
function patternEnd(text: string, markerStart: number, patternStart: number): number {
  let end = markerStart;
  if (end > patternStart && text[end - 1] === '\n') end -= 1;
  if (end > patternStart && text[end - 1] === '\r') end -= 1;
  return Math.max(end, patternStart);
}

function truncate(s: string, max: number): string {
  return s.length > max ? s.slice(0, max) + '...' : s;
}

export function parseChangeBlocks(changes: string): Block[] {
  const blocks: Block[] = [];
  let state: 'out' | 'search' | 'replace' = 'out';
  let searchStart = 0;
  let searchEnd = 0;
  let replaceStart = 0;
  for (const { line, start, next } of linesWithOffsets(changes)) {
    if (state === 'out') {
      if (line.trim() === '') continue;
      if (line !== SEARCH_START) {
        throw new Error(
          `Malformed changes: Expected '${SEARCH_START}' or a whitespace line to start a block. ` +
            `Found text outside of a valid block structure. Line: '${truncate(line, 100)}'`,
        );
      }
      state = 'search';
      searchStart = next;
    } else if (state === 'search') {
      if (line === SEP) {
        searchEnd = patternEnd(changes, start, searchStart);
        replaceStart = next;
        state = 'replace';
      }
    } else if (line === REPLACE_END) {
      const replaceEnd = patternEnd(changes, start, replaceStart);
      blocks.push({ search: changes.slice(searchStart, searchEnd), replace: changes.slice(replaceStart, replaceEnd) });
      state = 'out';
    }
  }
  if (state === 'search') {
    throw new Error(`Malformed change block: Ended in search pattern. Missing separator marker '${SEP}'.`);
  }
  if (state === 'replace') {
    throw new Error(`Malformed change block: Ended in replace pattern. Missing end marker '${REPLACE_END}'.`);
  }
  return blocks;
}

function replaceFirst(content: string, search: string, replace: string): [string, boolean] {
  const pos = content.indexOf(search);
  if (pos < 0) return [content, false];
  return [content.slice(0, pos) + replace + content.slice(pos + search.length), true];
}

/** An empty replace removes the matched text together with its line break. */
function removeFirstWithLine(content: string, search: string): [string, boolean] {
  const pos = content.indexOf(search);
  if (pos < 0) return [content, false];
  let start = pos;
  let end = pos + search.length;
  if (end < content.length) {
    if (content.startsWith('\r\n', end)) end += 2;
    else if (content[end] === '\n') end += 1;
  } else if (start > 0) {
    if (content.slice(0, start).endsWith('\r\n')) start -= 2;
    else if (content[start - 1] === '\n') start -= 1;
  }
  if (start >= end) return [content, false];
  return [content.slice(0, start) + content.slice(end), true];
}

/** Apply `changes` to `original` (§8.5 save_changes rules). */
export function applyChanges(original: string, changes: string): [string, ChangesInfo] {
  const blockMode = changes.split('\n').some((l) => (l.endsWith('\r') ? l.slice(0, -1) : l) === SEARCH_START);
  if (!blockMode) return [changes, { changed_count: 1 }];

  let content = original;
  let changed = 0;
  const failed: FailChange[] = [];
  for (const { search, replace } of parseChangeBlocks(changes)) {
    const apply = (c: string): [string, boolean] =>
      replace === '' && search !== '' ? removeFirstWithLine(c, search) : replaceFirst(c, search, replace);
    let [next, ok] = apply(content);
    // Content with CRLF line ends: retry on its LF form (which is then kept).
    if (!ok && next.includes('\r\n')) [next, ok] = apply(next.replace(/\r\n/g, '\n'));
    content = next;
    if (ok) changed += 1;
    else failed.push({ search, replace, reason: 'Search block not found in content' });
  }
  const info: ChangesInfo = { changed_count: changed };
  if (failed.length > 0) info.failed_changes = failed;
  return [content, info];
}

export const fileChangesEntries: CatalogEntry[] = [
  {
    name: 'save_changes',
    signature: 'aip.file.save_changes(path: string, changes: string) -> FileInfo, ChangesInfo',
    doc: [
      'Apply SEARCH/REPLACE blocks to a file and save it (a missing file is created with `changes` as is).',
      '',
      'Blocks: a `<<<<<<< SEARCH` line, the text to find, a `=======` line, the replacement, a `>>>>>>> REPLACE` line.',
      'Each block replaces the first occurrence, in order; an empty replacement removes the matched line(s).',
      'Without any `<<<<<<< SEARCH` line, `changes` replaces the whole content.',
      '',
      'Returns the FileInfo and `{changed_count, failed_changes?}` (`failed_changes[i] = {search, replace, reason}`).',
      '',
      'Example: `local info, res = aip.file.save_changes("src/a.ts", ai_response.content)`',
    ].join('\n'),
    multi: true,
    impl: async (call: CallContext, path: unknown, changes: unknown) => {
      const p = argString(call, path, 'path');
      const text = argString(call, changes, 'changes');
      const wks = requireWorkspace(call);
      const abs = resolveUserPath(call, p);
      return withLock(call, abs, async () => {
        checkAccessWrite(abs, wks);
        let result: [string, ChangesInfo] = [text, { changed_count: 1 }];
        if (await pathExists(abs)) {
          if (!(await fsp.stat(abs)).isFile()) throw new Error(`Fail to save file ${p}.\nCause: not a file`);
          result = applyChanges(await readUtf8(abs, readCapOf(call)), text);
        }
        try {
          await atomicWrite(abs, result[0]);
        } catch (err) {
          throw new Error(`Fail to save file ${p}.\nCause ${errorMessage(err)}`);
        }
        envOf(call).log(`-> Lua aip.file.save called on: ${logPath(wks, abs)}`);
        return [infoOf(call, p, abs), result[1]];
      });
    },
  },
];
