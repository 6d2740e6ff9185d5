/**
 * The shapes of the Lua model (lua-model.ts builds them) and the queries on
 * a built model, kept apart so features can use them without the builder.
 */
import type * as L from 'luaparse';
import type { LuaSyntaxProblem } from './lua-ast';

/** 1-based line of an offset, from the line starts. */
export function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/**
 * A place in the code: offsets, with lines (1-based) and columns computed
 * when asked. A model holds thousands of these and most are never shown, so
 * they stay small.
 */
export class Loc {
  constructor(
    /** Offsets in the code. */
    readonly start: number,
    readonly end: number,
    private readonly starts: readonly number[],
  ) {}
  get line(): number {
    return lineAt(this.starts, this.start);
  }
  get col(): number {
    return this.start - this.starts[this.line - 1];
  }
  get endLine(): number {
    return lineAt(this.starts, this.end);
  }
  get endCol(): number {
    return this.end - this.starts[this.endLine - 1];
  }
}

export type LiteralKind = 'string' | 'number' | 'boolean' | 'nil' | 'table' | 'function' | 'unknown';

export interface ValueInfo {
  literal: LiteralKind;
  /** Catalog type name a value came from, e.g. `FileRecord` for `aip.file.load(...)`. */
  typeName?: string;
  /** `require("name")` target. */
  module?: string;
  /** Parameter names of a function value. */
  params?: string[];
}

export interface FieldInfo {
  name: string;
  decl: Loc;
  refs: Loc[];
  value: ValueInfo;
  doc?: string;
}

export type SymbolKind = 'local' | 'param' | 'function' | 'for';

export interface LuaSymbol {
  name: string;
  kind: SymbolKind;
  decl: Loc;
  refs: Loc[];
  /** Offsets where the name is visible. */
  scopeStart: number;
  scopeEnd: number;
  value: ValueInfo;
  doc?: string;
  fields: Map<string, FieldInfo>;
}

export interface GlobalUse {
  name: string;
  loc: Loc;
  write: boolean;
}

export interface CallInfo {
  args: LiteralKind[];
  /** Last argument is a call or `...`: the count is unknown. */
  openEnded: boolean;
  loc: Loc;
}

/** `aip.<module>[.<name>]` (the `aip` global, not a local of that name). */
export interface AipUse {
  parts: string[];
  locs: Loc[];
  /** Set when the chain is called: `aip.x.y(...)`. */
  call?: CallInfo;
}

export interface CtxUse {
  key: string;
  loc: Loc;
  write: boolean;
}

export interface LuaFunction {
  name: string;
  loc: Loc;
  nameLoc: Loc;
  params: string[];
}

export interface RequireUse {
  name: string;
  /** Range of the string literal. */
  loc: Loc;
}

export interface LuaModel {
  error?: LuaSyntaxProblem;
  symbols: LuaSymbol[];
  globals: GlobalUse[];
  aip: AipUse[];
  ctx: CtxUse[];
  functions: LuaFunction[];
  requires: RequireUse[];
  /** `h.name` where `h` is a local holding `require("module")`: uses of a module's functions. */
  moduleRefs: { module: string; field: string; loc: Loc }[];
  /** The local a module file returns (`return M`), if any. */
  returned?: LuaSymbol;
  /** Offsets of `-- comments` (no completion inside). */
  comments: [number, number][];
  /**
   * Keys of the tables the code returns at its top level (not from inner
   * functions): `plain` for `return { … }`, `data` / `before_all` for the
   * fields given to `aip.flow.data_response` / `before_all_response`.
   */
  returnKeys: { plain: string[]; data: string[]; before_all: string[] };
  /** Code lines (1-based) of blocks, tables and comments spanning several lines, for folding. */
  folds: [number, number][];
}

/** A string literal's text without quotes (escapes other than quotes kept as written). */
export function stringValue(s: L.StringLiteral): string {
  const raw = s.raw;
  const long = /^\[(=*)\[\n?([\s\S]*)\]\1\]$/.exec(raw);
  if (long) return long[2];
  return raw.slice(1, -1).replace(/\\(["'\\])/g, '$1');
}

/** Locals visible at an offset (innermost first, shadowed names once). */
export function visibleAt(model: LuaModel, offset: number): LuaSymbol[] {
  const seen = new Set<string>();
  const out: LuaSymbol[] = [];
  const candidates = model.symbols.filter((s) => s.scopeStart <= offset && offset <= s.scopeEnd);
  candidates.sort((a, b) => b.decl.start - a.decl.start);
  for (const s of candidates) {
    if (seen.has(s.name)) continue;
    seen.add(s.name);
    out.push(s);
  }
  return out;
}
