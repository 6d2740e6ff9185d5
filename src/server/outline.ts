/** Document symbols (one per level-1 section) and folding ranges (sections and fences). */
import type { SectionKind } from '../runtime/agent';
import { FenceState } from '../runtime/agent/fence';
import type { AipDocument } from './aip-doc';
import { type LuaSource, locRangeIn, modelOf, stageSource } from './lua-source';
import { type Range, range } from './types';

export type SymbolKind = 'namespace' | 'function' | 'string' | 'object' | 'null';

export interface AipSymbol {
  name: string;
  detail: string;
  kind: SymbolKind;
  range: Range;
  selectionRange: Range;
  children?: AipSymbol[];
}

const KIND_LABEL: Record<SectionKind, { detail: string; kind: SymbolKind }> = {
  Options: { detail: 'options (TOML)', kind: 'object' },
  BeforeAll: { detail: 'Lua stage, once before the tasks', kind: 'function' },
  Data: { detail: 'Lua stage, per task', kind: 'function' },
  Output: { detail: 'Lua stage, per task after the AI', kind: 'function' },
  AfterAll: { detail: 'Lua stage, once after the tasks', kind: 'function' },
  System: { detail: 'prompt part (system)', kind: 'string' },
  Instruction: { detail: 'prompt part (user)', kind: 'string' },
  Assistant: { detail: 'prompt part (assistant)', kind: 'string' },
  Unknown: { detail: 'ignored by the runtime', kind: 'null' },
};

export function documentSymbols(d: AipDocument): AipSymbol[] {
  const fns = stageFunctions(d);
  return d.sections.map((s) => {
    const last = Math.max(s.line, s.endLine) - 1;
    const heading = d.lines[s.line - 1] ?? '';
    const children = fns.filter((f) => f.range.start.line >= s.line - 1 && f.range.start.line <= last);
    return {
      name: `# ${s.title}`,
      ...KIND_LABEL[s.kind],
      range: range(s.line - 1, 0, last, (d.lines[last] ?? '').length),
      selectionRange: range(s.line - 1, 0, s.line - 1, heading.length),
      ...(children.length ? { children } : {}),
    };
  });
}

/** Lua functions of the stages, as symbols at their `.aip` place. */
function stageFunctions(d: AipDocument): AipSymbol[] {
  const out: AipSymbol[] = [];
  for (const sb of d.stageBlocks) {
    const src = stageSource(sb);
    out.push(...luaFunctionSymbols(src));
  }
  return out;
}

/** Functions of one piece of Lua (a stage or a module file). */
export function luaFunctionSymbols(src: LuaSource): AipSymbol[] {
  return modelOf(src).functions.map((f) => {
    const r = locRangeIn(src, f.loc);
    const sel = locRangeIn(src, f.nameLoc);
    // A function spread over non-adjacent .aip lines (repeated sections) is shown at its name.
    const full = r.start.line <= sel.start.line && r.end.line >= sel.end.line ? r : sel;
    return { name: f.name, detail: `(${f.params.join(', ')})`, kind: 'function' as const, range: full, selectionRange: sel };
  });
}

/** Folding of blocks, multi-line tables and comments inside Lua. */
export function luaFolds(src: LuaSource): AipFoldingRange[] {
  const out: AipFoldingRange[] = [];
  for (const [a, b] of modelOf(src).folds) {
    const start = src.docLine(a);
    const end = src.docLine(b);
    if (end > start) out.push({ startLine: start, endLine: end });
  }
  return out;
}

export interface AipFoldingRange {
  startLine: number;
  endLine: number;
  kind?: 'region' | 'comment';
}

export function foldingRanges(d: AipDocument): AipFoldingRange[] {
  const out: AipFoldingRange[] = [];
  for (const s of d.sections) {
    // Trailing blank lines stay visible so the next heading keeps its spacing.
    let end = s.endLine - 1;
    while (end > s.line - 1 && (d.lines[end] ?? '').trim() === '') end--;
    if (end > s.line - 1) out.push({ startLine: s.line - 1, endLine: end, kind: 'region' });
  }
  const fence = new FenceState();
  let openAt = -1;
  for (let i = 0; i < d.lines.length; i++) {
    const step = fence.step(d.lines[i]);
    if (step === 'open') openAt = i;
    else if (step === 'close' && openAt >= 0) {
      if (i > openAt) out.push({ startLine: openAt, endLine: i });
      openAt = -1;
    }
  }
  for (const sb of d.stageBlocks) out.push(...luaFolds(stageSource(sb)));
  return out;
}
