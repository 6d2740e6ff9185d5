/**
 * Checks that need the live Lua value, because the value codec cannot carry what they look at:
 * a function inside a list (the codec refuses to convert it) and the type of a table key (the
 * codec turns `[123]` into the key "123"). Used by `lua` entries (see ../lua-native.ts) that
 * then hand the converted values to the ordinary implementation.
 */
import { errorMessage } from '../../errors';
import { pushValue, readValue } from '../lua-codec';
import { raiseLuaError } from '../lua-native';
import { T, type LuaApi, type LuaPtr } from '../lua-wasm';

/** mlua's `type_name` for the value at `idx` (`integer` vs `number`, the null sentinel as `null`). */
export function luaTypeNameAt(api: LuaApi, L: LuaPtr, idx: number): string {
  const t = api.type(L, idx);
  if (t === T.NUMBER) return api.isInteger(L, idx) ? 'integer' : 'number';
  if (t === T.LIGHTUSERDATA && api.M._lua_touserdata(L, idx) === api.nullPtr) return 'null';
  return api.typeName(t);
}

/** Type of the first item of the sequence at `idx` that CSV cannot hold (function, userdata, thread). */
export function firstUnsupportedCell(api: LuaApi, L: LuaPtr, idx: number): string | undefined {
  if (api.type(L, idx) !== T.TABLE) return undefined;
  for (let i = 1; ; i++) {
    const t = api.M._lua_rawgeti(L, idx, BigInt(i));
    try {
      if (t === T.NIL) return undefined;
      if (t === T.FUNCTION || t === T.THREAD || t === T.USERDATA) return luaTypeNameAt(api, L, -1);
    } finally {
      api.pop(L, 1);
    }
  }
}

/** Type of the first non-string key among the tables of the sequence at `idx` (records). */
export function firstNonStringRecordKey(api: LuaApi, L: LuaPtr, idx: number): string | undefined {
  const M = api.M;
  if (api.type(L, idx) !== T.TABLE) return undefined;
  const base = api.top(L);
  try {
    for (let i = 1; M._lua_rawgeti(L, idx, BigInt(i)) !== T.NIL; i++) {
      if (api.type(L, -1) === T.TABLE) {
        const rec = api.top(L);
        M._lua_pushnil(L);
        while (M._lua_next(L, rec) !== 0) {
          api.pop(L, 1); // the value; the key stays for lua_next
          if (api.type(L, -1) !== T.STRING) return luaTypeNameAt(api, L, -1);
        }
      }
      api.pop(L, 1);
    }
    return undefined;
  } finally {
    M._lua_settop(L, base);
  }
}

/**
 * Run `impl` on the converted arguments and push its result: the tail of a `lua` entry whose
 * checks passed. A thrown error becomes a Lua error with the caller's position.
 */
export function callConverted(api: LuaApi, L: LuaPtr, argCount: number, impl: (...args: unknown[]) => unknown): number {
  let result: unknown;
  try {
    const args: unknown[] = [];
    for (let i = 1; i <= argCount; i++) args.push(readValue(api, L, i, 'catalog'));
    result = impl(...args);
  } catch (err) {
    raiseLuaError(errorMessage(err));
  }
  pushValue(api, L, result);
  return 1;
}
