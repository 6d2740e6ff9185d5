/**
 * Compile-only check with the engine's own compiler (Lua 5.4, lua-wasm.ts), for the language
 * server: it then flags exactly what a run rejects. `loadLuaSyntaxChecker()` loads the wasm
 * once (async); the checker it returns is synchronous (a bare state; nothing is ever run).
 */
import { loadLuaApi, type LuaApi, type LuaPtr } from './lua-wasm';

export interface LuaCompileError {
  /** 1-based line in the chunk as given. */
  line: number;
  /** Lua's message without the `chunk:line:` prefix, e.g. `'=' expected near 'x'`. */
  message: string;
}

export type LuaSyntaxChecker = (code: string) => LuaCompileError | undefined;

export async function loadLuaSyntaxChecker(): Promise<LuaSyntaxChecker> {
  const api: LuaApi = await loadLuaApi();
  const L: LuaPtr = api.M._luaL_newstate();
  const encoder = new TextEncoder();
  return (code) => {
    const status = api.load(L, encoder.encode(code), '=chunk', 't');
    const text = api.toString(L, -1);
    api.M._lua_settop(L, 0);
    if (status === 0) return undefined;
    const m = /^chunk:(\d+): ([\s\S]*)$/.exec(text);
    return m ? { line: Number(m[1]), message: m[2] } : { line: 1, message: text };
  };
}
