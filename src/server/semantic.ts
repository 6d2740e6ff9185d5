/**
 * Semantic tokens for what only this server knows in Lua stages: the `aip`
 * API (modules and functions of the catalog), `CTX` and its keys, the stage
 * variables and the runtime's global helpers. The TextMate grammar colours
 * the rest.
 */
import type { AipDocument } from './aip-doc';
import { catalogIndex } from './catalog-index';
import { GLOBALS, STAGE_VARIABLES } from './lua-scope';
import type { Loc } from './lua-model-types';
import { type LuaSource, locRangeIn, modelOf, stageSource } from './lua-source';

export const TOKEN_TYPES = ['namespace', 'function', 'variable', 'property'] as const;
export const TOKEN_MODIFIERS = ['defaultLibrary', 'readonly'] as const;

type TokenType = (typeof TOKEN_TYPES)[number];
const DEFAULT_LIB = 1;
const READONLY = 2;

interface Token {
  line: number;
  char: number;
  length: number;
  type: TokenType;
  mods: number;
}

const HELPERS = new Set(GLOBALS.map((g) => g.name).filter((n) => n !== 'aip' && n !== 'CTX'));

function sourceTokens(src: LuaSource, out: Token[]): void {
  const model = modelOf(src);
  if (model.error) return;
  const own = new Set<string>(src.stage ? STAGE_VARIABLES[src.stage] : []);
  const push = (l: Loc, type: TokenType, mods: number) => {
    const r = locRangeIn(src, l);
    if (r.start.line !== r.end.line || r.end.character <= r.start.character) return;
    out.push({ line: r.start.line, char: r.start.character, length: r.end.character - r.start.character, type, mods });
  };
  for (const g of model.globals) {
    if (g.name === 'aip') push(g.loc, 'namespace', DEFAULT_LIB);
    else if (g.name === 'CTX') push(g.loc, 'variable', DEFAULT_LIB | READONLY);
    else if (own.has(g.name) && !g.write) push(g.loc, 'variable', READONLY);
    else if (HELPERS.has(g.name)) push(g.loc, 'function', DEFAULT_LIB);
  }
  const idx = catalogIndex();
  for (const u of model.aip) {
    const cat = idx.modules.get(u.parts[0]);
    if (!cat) continue;
    push(u.locs[0], 'namespace', DEFAULT_LIB);
    if (u.parts.length < 2) continue;
    if (idx.entries.get(u.parts[0])?.has(u.parts[1])) push(u.locs[1], 'function', DEFAULT_LIB);
    else if (cat.constants && u.parts[1] in cat.constants) push(u.locs[1], 'property', DEFAULT_LIB | READONLY);
  }
  for (const c of model.ctx) push(c.loc, 'property', READONLY);
}

/** LSP-encoded semantic tokens (relative positions) of a document. */
export function semanticTokens(d: AipDocument | undefined, module?: LuaSource): number[] {
  const tokens: Token[] = [];
  if (module) sourceTokens(module, tokens);
  for (const sb of d?.stageBlocks ?? []) sourceTokens(stageSource(sb), tokens);
  tokens.sort((a, b) => a.line - b.line || a.char - b.char);
  const data: number[] = [];
  let line = 0;
  let char = 0;
  let lastKey = '';
  for (const t of tokens) {
    const key = `${t.line}:${t.char}`;
    if (key === lastKey) continue;
    lastKey = key;
    data.push(t.line - line, t.line === line ? t.char - char : t.char, t.length, TOKEN_TYPES.indexOf(t.type), t.mods);
    line = t.line;
    char = t.char;
  }
  return data;
}
