/**
 * Pure text helpers behind `aip.text` (§8.7). Character counts are Unicode scalar values
 * and whitespace is Unicode White_Space, as in the original (Rust `str`).
 */
import { TextNode } from 'node-html-parser';
import type { CallContext } from '../catalog';
import { luaTypeName } from '../catalog';
import { rustLines } from './md-support';

/**
 * The content argument of `aip.text` / `aip.md` functions: `nil` → undefined (the caller
 * returns nil); anything but a string raises
 * `<fn> - accepted argument types are String or Nil, but was <type>`.
 */
export function optContent(call: CallContext, v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string') return v;
  throw new Error(`${call.fnName} - accepted argument types are String or Nil, but was ${luaTypeName(v)}`);
}

// ---------------------------------------------------------------------------
// Escapes

/** Decode HTML entities (named, decimal, hex; legacy names without `;` too). */
export function decodeHtmlEntities(s: string): string {
  // TextNode.text is node-html-parser's entity decoder (the `entities` package) without
  // parsing the text as HTML, so stray `<` stay as they are.
  return new TextNode(s, null).text;
}

// ---------------------------------------------------------------------------
// Lines

/** Drop the first `n` lines (through the n-th `\n`); `""` when there are fewer. */
export function removeFirstLines(content: string, n: number): string {
  if (n < 0) return '';
  if (n === 0) return content;
  let count = 0;
  for (let i = 0; i < content.length; i++) {
    if (content.charCodeAt(i) === 10 && ++count === n) return content.slice(i + 1);
  }
  return '';
}

/** Drop the last `n` lines (from the n-th `\n` counted from the end); `""` when there are fewer. */
export function removeLastLines(content: string, n: number): string {
  if (n < 0) return '';
  if (n === 0) return content;
  let count = 0;
  for (let i = content.length - 1; i >= 0; i--) {
    if (content.charCodeAt(i) === 10 && ++count === n) return content.slice(0, i);
  }
  return '';
}

/** Split at the first/last occurrence of `sep` (removed); `[content, undefined]` when absent. */
export function splitOnce(content: string, sep: string, first: boolean): [string, string | undefined] {
  const idx = first ? content.indexOf(sep) : content.lastIndexOf(sep);
  if (idx < 0) return [content, undefined];
  return [content.slice(0, idx), content.slice(idx + sep.length)];
}

/**
 * Split around the first/last line exactly equal to `sep` (the line is dropped, and so are
 * the newlines around it); `[content, undefined]` when no line matches.
 */
export function splitOnceLine(content: string, sep: string, first: boolean): [string, string | undefined] {
  let match: [number, number] | undefined;
  let pos = 0;
  const segs = content.split('\n');
  // A final newline does not start another (empty) line, as with Rust's `lines()`.
  const count = segs[segs.length - 1] === '' ? segs.length - 1 : segs.length;
  for (let i = 0; i < count; i++) {
    const raw = segs[i];
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === sep) {
      match = [pos, pos + raw.length];
      if (first) break;
    }
    pos += raw.length + 1;
  }
  if (!match) return [content, undefined];
  const [start, end] = match;
  let before = start === 0 ? '' : content.slice(0, start - 1);
  if (before.endsWith('\r')) before = before.slice(0, -1);
  const after = end + 1 > content.length ? '' : content.slice(end + 1);
  return [before, after];
}

/** Trailing `\n`s → exactly one (`""` → `"\n"`). Other trailing whitespace is kept. */
export function ensureSingleTrailingNewline(text: string): string {
  if (text === '') return '\n';
  let n = 0;
  while (n < text.length && text.charCodeAt(text.length - 1 - n) === 10) n++;
  if (n === 0) return `${text}\n`;
  return text.slice(0, text.length - n + 1);
}

/** Add `prefix` / `suffix` only when the text does not already start / end with them. */
export function ensurePrefixSuffix(s: string, prefix?: string, suffix?: string): string {
  let out = s;
  if (prefix !== undefined && !s.startsWith(prefix)) out = prefix + out;
  if (suffix !== undefined && !s.endsWith(suffix)) out = out + suffix;
  return out;
}

/** Keep at most `max` characters; when cut, the result ends with `ellipsis` and still fits `max`. */
export function truncateWithEllipsis(content: string, max: number, ellipsis: string): string {
  const chars = Array.from(content);
  if (chars.length <= max) return content;
  const ell = Array.from(ellipsis);
  if (ell.length >= max) return ell.slice(0, max).join('');
  return chars.slice(0, max - ell.length).join('') + ellipsis;
}

// ---------------------------------------------------------------------------
// Markers

export const DEFAULT_MARKERS: [string, string] = ['<<START>>', '<<END>>'];

/**
 * Replace each marker block (from the line containing the start marker through the line
 * containing the end marker) by the next section, in order. Every section must be used.
 */
export function replaceMarkers(content: string, sections: string[], markers = DEFAULT_MARKERS): string {
  const [mStart, mEnd] = markers;
  type State = 'start' | 'in' | 'end' | 'out';
  let state = 'out' as State;
  let next = 0;
  const out: string[] = [];
  for (const line of rustLines(content)) {
    if (line.includes(mStart)) {
      if (state === 'start' || state === 'in') {
        throw new Error(`replace_markers - Cannot have start marker ${mStart} when previous section not closed with ${mEnd}`);
      }
      state = 'start';
    } else if (line.includes(mEnd)) {
      if (state === 'out') {
        throw new Error(`replace_markers - Cannot have close marker ${mEnd} when not having open with a ${mStart}`);
      }
      state = 'end';
    } else {
      state = state === 'start' || state === 'in' ? 'in' : 'out';
    }
    if (state === 'end') {
      if (next >= sections.length) throw new Error('replace_markers - Not enough matching sections');
      out.push(sections[next++]);
    } else if (state === 'out') out.push(line);
  }
  if (content.endsWith('\n')) out.push('');
  if (next < sections.length) throw new Error('replace_markers - Not all sections have been used');
  return out.join('\n');
}

// ---------------------------------------------------------------------------
// Line blocks

/**
 * Groups of consecutive lines starting with `startsWith` (each line kept with its `\n`).
 * `first` stops after that many blocks; the rest of the text then goes to `rest` unread.
 * `rest` holds every line not in a returned block (only meaningful when asked for).
 */
export function extractLineBlocks(content: string, startsWith: string, first?: number): { blocks: string[]; rest: string } {
  const lines = rustLines(content);
  const blocks: string[] = [];
  const rest: string[] = [];
  let cur: string[] | undefined;
  let i = 0;
  for (; i < lines.length; i++) {
    if (first !== undefined && blocks.length >= first) break;
    const line = lines[i];
    if (line.startsWith(startsWith)) {
      (cur ??= []).push(line, '\n');
      continue;
    }
    rest.push(line, '\n');
    if (cur) {
      blocks.push(cur.join(''));
      cur = undefined;
    }
  }
  if (cur) blocks.push(cur.join(''));
  for (; i < lines.length; i++) rest.push(lines[i], '\n');
  return { blocks, rest: rest.join('') };
}

// ---------------------------------------------------------------------------
// Sizes

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** `toFixed(2)` with Rust's rounding of exact ties (half to even). */
function fixed2(v: number): string {
  const exact = v.toFixed(30);
  const dot = exact.indexOf('.');
  const tail = exact.slice(dot + 3);
  if (/^50*$/.test(tail)) {
    const head = exact.slice(0, dot + 3);
    const lastDigit = Number(head[head.length - 1]);
    if (lastDigit % 2 === 0) return head;
  }
  return v.toFixed(2);
}

/**
 * Fixed-width (9 chars) human size with decimal units: `"   777 B "`, `"  8.78 KB"`.
 * `lowestUnit` (`B`, `KB`, `MB`, `GB`, `TB`; anything else = `B`) is the smallest unit shown.
 */
export function formatSize(bytes: number, lowestUnit?: string): string {
  const minIdx = Math.max(0, ['B', 'KB', 'MB', 'GB', 'TB'].indexOf((lowestUnit ?? 'B').toUpperCase()));
  let size = bytes;
  for (let i = 0; i < minIdx; i++) size /= 1000;
  let idx = minIdx;
  while (size >= 1000 && idx < UNITS.length - 1) {
    size /= 1000;
    idx++;
  }
  if (idx === 0) return `${String(bytes).padStart(6)} B `;
  return `${fixed2(size).padStart(6)} ${UNITS[idx]}`;
}
