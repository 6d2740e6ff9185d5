/**
 * Lua syntax trees for the language server, from `luaparse` (a maintained,
 * dependency-free Lua parser that reads Lua 5.3 syntax, with locations and
 * comments). Lua 5.4 adds only one piece of syntax over 5.3: the local
 * attributes `<const>` and `<close>`. A column-preserving pre-pass blanks them
 * out, so positions in the tree and in error messages stay those of the source.
 *
 * Parsing never runs anything. Trees are cached by source text, so only the
 * edited stage is parsed again while typing.
 */
import * as luaparse from 'luaparse';
import type { Chunk } from 'luaparse';
import { tokenizeLua } from './lua-scan';

export interface LuaSyntaxProblem {
  /** 1-based line in the parsed code. */
  line: number;
  /** 0-based column in that line. */
  column: number;
  /** Length of the text the error points at (at least 1). */
  length: number;
  message: string;
  /** Code line of the block or bracket an "expected" error is about. */
  openerLine?: number;
}

export interface ParsedLua {
  ast?: Chunk;
  error?: LuaSyntaxProblem;
}

/** Blank out 5.4 local attributes (`local x <const> = 1`) keeping every other character in place. */
export function blankLocalAttribs(code: string): string {
  if (!code.includes('<')) return code;
  const toks = tokenizeLua(code);
  const starts: number[] = [0];
  for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) === 10) starts.push(i + 1);
  let out: string[] | undefined;
  for (let i = 1; i + 2 < toks.length; i++) {
    const [lt, name, gt] = [toks[i], toks[i + 1], toks[i + 2]];
    if (lt.value !== '<' || lt.kind !== 'punct' || gt.value !== '>' || gt.kind !== 'punct') continue;
    if (name.kind !== 'name' || (name.value !== 'const' && name.value !== 'close')) continue;
    // Walk back over `name [<attrib>] ,` to a `local`.
    let j = i - 1;
    let ok = false;
    while (toks[j]?.kind === 'name') {
      const before = toks[j - 1];
      if (!before) break;
      if (before.kind === 'name' && before.value === 'local') {
        ok = true;
        break;
      }
      if (before.value !== ',') break;
      j -= 2;
      if (toks[j]?.value === '>' && toks[j - 2]?.value === '<') j -= 3;
    }
    if (!ok) continue;
    out ??= code.split('');
    const from = starts[lt.line] + lt.col;
    const to = starts[gt.line] + gt.endCol;
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
  }
  return out ? out.join('') : code;
}

const cache = new Map<string, ParsedLua>();
const CACHE_MAX = 64;

export function clearLuaAstCache(): void {
  cache.clear();
}

/** Parse Lua source (a stage block or a module file); a syntax error comes back instead of being thrown. */
export function parseLua(code: string): ParsedLua {
  const hit = cache.get(code);
  if (hit) return hit;
  const res = parseUncached(code);
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(code, res);
  return res;
}

/** Length of the token at a position (a word or one character), what the parser stopped on. */
function lengthAt(src: string, line: number, column: number): number {
  const lineText = src.split('\n')[line - 1] ?? '';
  const m = /^(\w+|\S)/.exec(lineText.slice(column));
  return m ? m[1].length : 1;
}

const CLOSERS: Record<string, string[]> = { ')': ['('], '}': ['{'], ']': ['['], end: ['function', 'if', 'do', 'while', 'for'], until: ['repeat'] };

/**
 * The innermost block or bracket still open before `index` that `closer`
 * would close, as Lua names it in "'end' expected (to close 'if' at line 3)".
 */
function openerOf(src: string, closer: string, index: number): { text: string; line: number } | undefined {
  const stack: { text: string; line: number; hasDo?: boolean }[] = [];
  const lines: number[] = [0];
  for (let i = 0; i < src.length; i++) if (src.charCodeAt(i) === 10) lines.push(i + 1);
  for (const t of tokenizeLua(src)) {
    if (lines[t.line] + t.col >= index) break;
    const v = t.value;
    if (t.kind === 'punct' && (v === '(' || v === '{' || v === '[')) stack.push({ text: v, line: t.line + 1 });
    else if (t.kind === 'punct' && (v === ')' || v === '}' || v === ']')) stack.pop();
    else if (t.kind === 'name') {
      const top = stack[stack.length - 1];
      // `while … do` and `for … do` open one block.
      if (v === 'do' && (top?.text === 'while' || top?.text === 'for') && !top.hasDo) top.hasDo = true;
      else if (v === 'function' || v === 'if' || v === 'do' || v === 'while' || v === 'for' || v === 'repeat') stack.push({ text: v, line: t.line + 1 });
      else if (v === 'end' || v === 'until') stack.pop();
    }
  }
  const wanted = CLOSERS[closer];
  for (let i = stack.length - 1; i >= 0; i--) if (wanted.includes(stack[i].text)) return { text: stack[i].text, line: stack[i].line };
  return undefined;
}

function parseUncached(code: string): ParsedLua {
  const src = blankLocalAttribs(code);
  try {
    const ast = luaparse.parse(src, {
      luaVersion: '5.3',
      // Lines and columns are computed from `ranges` (lua-model): `locations` costs a third of the parse.
      locations: false,
      ranges: true,
      // Comments come from lua-scan (luaparse's own comment nodes triple the parse time).
      comments: false,
      scope: false,
      encodingMode: 'none',
    });
    return { ast };
  } catch (err) {
    // Lua itself stops at about 200 nested levels ("too many C levels"); luaparse runs out of stack.
    if (err instanceof RangeError) return { error: { line: 1, column: 0, length: 1, message: 'the code is nested too deeply to be read' } };
    const e = err as { line?: number; column?: number; index?: number; message?: string };
    if (typeof e.line !== 'number') throw err;
    const message = String(e.message ?? 'syntax error').replace(/^\[\d+:\d+\]\s*/, '');
    const column = e.column ?? 0;
    const closing = /^'(\)|\}|\]|end|until)' expected near/.exec(message);
    if (closing) {
      const opener = openerOf(src, closing[1], e.index ?? src.length);
      if (opener) {
        const near = message.slice(message.indexOf(' near '));
        return { error: { line: e.line, column, length: lengthAt(src, e.line, column), message: `'${closing[1]}' expected (to close '${opener.text}' at line ${opener.line})${near}`, openerLine: opener.line } };
      }
    }
    return { error: { line: e.line, column, length: lengthAt(src, e.line, column), message } };
  }
}

/**
 * Syntax errors after the first one. The parser stops at the first error, so
 * the code after it is parsed again from the next top-level boundary — a line
 * starting in column 0 where every block and bracket opened before is closed
 * (by a token scan) — with the lines before emptied, so positions hold. At
 * most `max + 1` parses. A broken block that never closes leaves no later
 * boundary: then nothing more is claimed.
 */
export function moreSyntaxErrors(code: string, first: LuaSyntaxProblem, max = 5): LuaSyntaxProblem[] {
  const starts = boundaries(code);
  const lines = code.split('\n');
  const out: LuaSyntaxProblem[] = [];
  // From the first boundary after an error, the rest is parsed as one piece; its first error starts the next round.
  let errorLine = first.line;
  while (out.length < max) {
    const from = starts.find((l) => l > errorLine);
    if (from === undefined) break;
    const text = lines.map((l, i) => (i + 1 >= from ? l : '')).join('\n');
    const res = parseLua(text);
    if (!res.error) break;
    // An error at the end, or a `goto` whose label is before the cut, is about the cut, not the code.
    if (!res.error.message.includes("'<eof>'") && !/label/.test(res.error.message)) out.push(res.error);
    if (res.error.line <= errorLine) break;
    errorLine = res.error.line;
  }
  return out;
}

/** 1-based lines starting a top-level statement in column 0 with nothing left open before them. */
function boundaries(code: string): number[] {
  const stack: { text: string; hasDo?: boolean }[] = [];
  const starts: number[] = [];
  let lastLine = -1;
  for (const t of tokenizeLua(code)) {
    if (t.line !== lastLine) {
      lastLine = t.line;
      if (t.col === 0 && stack.length === 0 && t.kind === 'name') starts.push(t.line + 1);
    }
    const v = t.value;
    if (t.kind === 'punct' && (v === '(' || v === '{' || v === '[')) stack.push({ text: v });
    else if (t.kind === 'punct' && (v === ')' || v === '}' || v === ']')) stack.pop();
    else if (t.kind === 'name') {
      const top = stack[stack.length - 1];
      if (v === 'do' && (top?.text === 'while' || top?.text === 'for') && !top.hasDo) top.hasDo = true;
      else if (v === 'function' || v === 'if' || v === 'do' || v === 'while' || v === 'for' || v === 'repeat') stack.push({ text: v });
      else if (v === 'end' || v === 'until') stack.pop();
    }
  }
  return starts;
}
