/**
 * A piece of Lua the editor features work on, with the mapping between its
 * code and the document: a stage block of an `.aip` (its lines come from
 * scattered `.aip` lines) or a whole `.lua` module file (identity mapping).
 */
import type { AipDocument, LuaStage, StageBlock } from './aip-doc';
import { type Loc, type LuaModel } from './lua-model';
import { luaModel } from './lua-model';
import { returnTypeOf } from './catalog-index';
import { type Position, type Range, range } from './types';

export interface LuaSource {
  code: string;
  /** The stage, for an `.aip` block; undefined for a module file. */
  stage?: LuaStage;
  /** 0-based document line of a 1-based code line. */
  docLine(codeLine: number): number;
  /** 1-based code line of a 0-based document line, if the line is part of the code. */
  codeLine(docLine: number): number | undefined;
  /** Offset in `code` of each code line's start. */
  lineStarts: number[];
}

function starts(code: string): number[] {
  const out = [0];
  for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) === 10) out.push(i + 1);
  return out;
}

const blockSources = new WeakMap<StageBlock['block'], LuaSource>();

export function stageSource(sb: StageBlock): LuaSource {
  let s = blockSources.get(sb.block);
  if (!s) {
    const map = sb.block.lineMap;
    const back = new Map<number, number>();
    map.forEach((aipLine, i) => back.set(aipLine - 1, i + 1));
    s = {
      code: sb.block.code,
      stage: sb.stage,
      docLine: (l) => (map[Math.min(Math.max(l, 1), map.length) - 1] ?? 1) - 1,
      codeLine: (l) => back.get(l),
      lineStarts: starts(sb.block.code),
    };
    blockSources.set(sb.block, s);
  }
  return s;
}

/** The stage block a document position is in. */
export function stageSourceAt(d: AipDocument, pos: Position): LuaSource | undefined {
  for (const sb of d.stageBlocks) {
    const src = stageSource(sb);
    if (src.codeLine(pos.line) !== undefined) return src;
  }
  return undefined;
}

export function moduleSource(text: string): LuaSource {
  return { code: text, docLine: (l) => l - 1, codeLine: (l) => l + 1, lineStarts: starts(text) };
}

export function offsetOf(src: LuaSource, pos: Position): number | undefined {
  const l = src.codeLine(pos.line);
  return l === undefined ? undefined : src.lineStarts[l - 1] + pos.character;
}

export function locRangeIn(src: LuaSource, l: Loc): Range {
  return range(src.docLine(l.line), l.col, src.docLine(l.endLine), l.endCol);
}

export function modelOf(src: LuaSource): LuaModel {
  return luaModel(src.code, returnTypeOf);
}

/**
 * The model to complete or hover with while the code is being typed: when it
 * does not parse, the line being edited is blanked (the usual culprit, e.g.
 * `local f = aip.file.`), then everything from it on.
 */
export function editingModel(src: LuaSource, pos: Position): LuaModel {
  const m = modelOf(src);
  if (!m.error) return m;
  const l = src.codeLine(pos.line);
  if (l === undefined) return m;
  const lines = src.code.split('\n');
  const blank = (i: number) => {
    if (lines[i] !== undefined) lines[i] = ' '.repeat(lines[i].length);
  };
  blank(l - 1);
  let tail = '';
  // Blank the lines the parser trips on next, or close blocks still open at the end (`function f() … |`).
  for (let round = 0; round < 10; round++) {
    const mm = luaModel(lines.join('\n') + tail, returnTypeOf);
    if (!mm.error) return mm;
    const e = mm.error;
    if (/^'end' expected/.test(e.message) && e.message.includes("'<eof>'")) {
      tail += '\nend';
      continue;
    }
    // The culprit is the error line, or the last line with code before it (`x.` then a new statement).
    let i = Math.min(e.line, lines.length) - 1;
    if (e.message.includes("'<eof>'") || (e.column === 0 && /^'=' expected/.test(e.message))) i = Math.max(0, i - 1);
    while (i > 0 && lines[i].trim() === '') i--;
    blank(i);
  }
  return m;
}
