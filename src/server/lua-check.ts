/**
 * Lua syntax check of each stage block: compile with fengari (the runtime's
 * Lua) without running anything, after the same Lua 5.4 attribute rewrite the
 * engine applies, and map the error line back to the `.aip` file.
 */
import { lauxlib, lua, to_luastring, type LuaState } from 'fengari';
import { rewriteLocalAttribs } from '../runtime/script/lua-prelude';
import type { StageBlock } from './aip-doc';

export interface LuaSyntaxError {
  /** 1-based `.aip` line. */
  line: number;
  message: string;
}

let shared: LuaState | undefined;

function state(): LuaState {
  // A bare state: compiling needs no libraries, and nothing is ever called.
  if (!shared) shared = lauxlib.luaL_newstate() as LuaState;
  return shared;
}

/**
 * Results by block code and line map: while typing, only the edited block
 * changes, so the others are not compiled again.
 */
const cache = new Map<string, LuaSyntaxError | null>();
const CACHE_MAX = 64;

/** Forget cached results (benchmarks measure the cold path with it). */
export function clearLuaCheckCache(): void {
  cache.clear();
}

/** First syntax error of a stage block, or undefined when it compiles. */
export function checkLuaSyntax(sb: StageBlock): LuaSyntaxError | undefined {
  const key = `${sb.block.lineMap.join(",")}\n${sb.block.code}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit ?? undefined;
  const res = compile(sb);
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(key, res ?? null);
  return res;
}

function compile(sb: StageBlock): LuaSyntaxError | undefined {
  const { block } = sb;
  const map = (codeLine: number) => block.lineMap[Math.max(0, Math.min(codeLine, block.lineMap.length) - 1)];
  const rewritten = rewriteLocalAttribs(block.code);
  if ('error' in rewritten) return { line: map(rewritten.line), message: rewritten.error };
  const L = state();
  const top = lua.lua_gettop(L);
  try {
    const status = lauxlib.luaL_loadbuffer(L, to_luastring(rewritten.code), null, to_luastring('=chunk'));
    if (status === lua.LUA_OK) return undefined;
    const raw = lua.lua_tojsstring(L, -1) ?? 'syntax error';
    const m = /^chunk:(\d+): ([\s\S]*)$/.exec(raw);
    if (!m) return { line: block.lineMap[0], message: raw };
    // Messages such as "'end' expected (to close 'if' at line 3)" cite code lines too.
    const message = m[2].replace(/at line (\d+)/g, (_, n: string) => `at line ${map(Number(n))}`);
    return { line: map(Number(m[1])), message };
  } finally {
    lua.lua_settop(L, top);
  }
}
