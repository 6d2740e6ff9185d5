/**
 * A small Lua tokenizer for the language server: names, strings and punctuation
 * with their line and column, skipping comments and long strings, so the
 * checks below never mistake `aip.file.laod` inside a string or a comment for
 * a call. It is forgiving: an unterminated string or comment ends at the end
 * of the text instead of failing (the Lua compile check reports those).
 */

export type LuaTokenKind = 'name' | 'string' | 'punct' | 'number';

export interface LuaToken {
  kind: LuaTokenKind;
  /** Name text, punctuation text, or a string's decoded-enough value (escapes kept as written except `\"`, `\'`, `\\`). */
  value: string;
  /** 0-based line within the scanned code. */
  line: number;
  /** 0-based column of the token's first character. */
  col: number;
  /** 0-based column just after the token (same line as `line` for names and short strings). */
  endCol: number;
}

const isNameStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isNameChar = (c: number) => isNameStart(c) || (c >= 48 && c <= 57);
const isDigit = (c: number) => c >= 48 && c <= 57;

/** Level of a long bracket opening at `i` (`[[` → 0, `[==[` → 2), or -1. */
function longBracketLevel(code: string, i: number): number {
  if (code.charCodeAt(i) !== 91) return -1;
  let j = i + 1;
  while (code.charCodeAt(j) === 61) j++;
  return code.charCodeAt(j) === 91 ? j - i - 1 : -1;
}

/** A comment found while tokenizing: 1-based lines, offsets, and its text without the leading `--`. */
export interface LuaComment {
  line: number;
  endLine: number;
  start: number;
  end: number;
  text: string;
}

export function tokenizeLua(code: string, comments?: LuaComment[]): LuaToken[] {
  const out: LuaToken[] = [];
  let line = 0;
  let lineStart = 0;
  let i = 0;
  const n = code.length;

  /** Skip to the end of a long bracket of `level` starting its body at `from`; updates line counters. */
  const skipLong = (from: number, level: number): number => {
    const close = ']' + '='.repeat(level) + ']';
    const end = code.indexOf(close, from);
    const stop = end < 0 ? n : end + close.length;
    for (let k = from; k < stop; k++) {
      if (code.charCodeAt(k) === 10) {
        line++;
        lineStart = k + 1;
      }
    }
    return stop;
  };

  while (i < n) {
    const c = code.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStart = ++i;
      continue;
    }
    if (c === 32 || c === 9 || c === 13) {
      i++;
      continue;
    }
    // Comments: `--[[ … ]]` or to end of line.
    if (c === 45 && code.charCodeAt(i + 1) === 45) {
      const startLine = line;
      const start = i;
      const level = longBracketLevel(code, i + 2);
      if (level >= 0) {
        i = skipLong(i + 4 + level, level);
      } else {
        const nl = code.indexOf('\n', i);
        i = nl < 0 ? n : nl;
      }
      comments?.push({ line: startLine + 1, endLine: line + 1, start, end: i, text: code.slice(start + 2, i) });
      continue;
    }
    const col = i - lineStart;
    if (isNameStart(c)) {
      let j = i + 1;
      while (j < n && isNameChar(code.charCodeAt(j))) j++;
      out.push({ kind: 'name', value: code.slice(i, j), line, col, endCol: col + j - i });
      i = j;
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(code.charCodeAt(i + 1)))) {
      let j = i + 1;
      while (j < n && (isNameChar(code.charCodeAt(j)) || code.charCodeAt(j) === 46)) j++;
      out.push({ kind: 'number', value: code.slice(i, j), line, col, endCol: col + j - i });
      i = j;
      continue;
    }
    if (c === 34 || c === 39) {
      let j = i + 1;
      let value = '';
      while (j < n) {
        const d = code.charCodeAt(j);
        if (d === c || d === 10) break;
        if (d === 92 && j + 1 < n) {
          const e = code[j + 1];
          value += e === '"' || e === "'" || e === '\\' ? e : '\\' + e;
          j += 2;
          continue;
        }
        value += code[j];
        j++;
      }
      const endCol = col + (j - i) + (code.charCodeAt(j) === c ? 1 : 0);
      out.push({ kind: 'string', value, line, col, endCol });
      i = code.charCodeAt(j) === c ? j + 1 : j;
      continue;
    }
    const level = longBracketLevel(code, i);
    if (level >= 0) {
      const startLine = line;
      const bodyStart = i + 2 + level;
      const stop = skipLong(bodyStart, level);
      const close = 2 + level;
      const body = code.slice(bodyStart, Math.max(bodyStart, stop - close));
      out.push({ kind: 'string', value: body.startsWith('\n') ? body.slice(1) : body, line: startLine, col, endCol: col + 2 + level });
      i = stop;
      continue;
    }
    // Two-char punctuation that matters here: `..` and `::` never join names.
    const two = code.slice(i, i + 2);
    if (two === '..' || two === '::' || two === '==' || two === '~=' || two === '<=' || two === '>=' || two === '//') {
      out.push({ kind: 'punct', value: two, line, col, endCol: col + 2 });
      i += 2;
      continue;
    }
    out.push({ kind: 'punct', value: code[i], line, col, endCol: col + 1 });
    i++;
  }
  return out;
}

/** A dotted name chain in Lua code, e.g. `aip.file.load` (only `.`-joined names, as written). */
export interface NameChain {
  parts: string[];
  /** Token of each part, for ranges. */
  tokens: LuaToken[];
  /** Token index just after the chain's last part. */
  next: number;
}

/** Dotted chains starting with `root` (`aip`, `CTX`, …), not preceded by `.` or `:` (so `x.aip.file` is skipped). */
export function findChains(tokens: LuaToken[], root: string): NameChain[] {
  const out: NameChain[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'name' || t.value !== root) continue;
    const prev = tokens[i - 1];
    if (prev && prev.kind === 'punct' && (prev.value === '.' || prev.value === ':')) continue;
    const parts = [t.value];
    const toks = [t];
    let j = i + 1;
    while (tokens[j]?.kind === 'punct' && tokens[j].value === '.' && tokens[j + 1]?.kind === 'name') {
      parts.push(tokens[j + 1].value);
      toks.push(tokens[j + 1]);
      j += 2;
    }
    out.push({ parts, tokens: toks, next: j });
  }
  return out;
}

/** The first argument of a call at `tokens[i]` when it is a string literal: `f("x")`, `f "x"`, `f("x", …)`. */
export function stringArgAt(tokens: LuaToken[], i: number): LuaToken | undefined {
  const t = tokens[i];
  if (!t) return undefined;
  if (t.kind === 'string') return t;
  if (t.kind === 'punct' && t.value === '(' && tokens[i + 1]?.kind === 'string') return tokens[i + 1];
  return undefined;
}

const scanned = new Map<string, { tokens: LuaToken[]; comments: LuaComment[] }>();

export function clearLuaScanCache(): void {
  scanned.clear();
}

/** Tokens and comments of a text, cached by text (the model and the reference scan share one pass). */
export function scanLua(code: string): { tokens: LuaToken[]; comments: LuaComment[] } {
  let hit = scanned.get(code);
  if (!hit) {
    const comments: LuaComment[] = [];
    hit = { tokens: tokenizeLua(code, comments), comments };
    if (scanned.size >= 64) scanned.delete(scanned.keys().next().value!);
    scanned.set(code, hit);
  }
  return hit;
}
