/**
 * Checks that need the live Lua value, because the value bridge cannot carry what they look at:
 * a function inside a list (the bridge refuses to convert it) and the type of a table key (the
 * bridge turns `[123]` into the key "123"). Used by `lua` entries (see ../lua-native.ts) that
 * then hand the converted values to the ordinary implementation.
 */
import { lua, to_jsstring, type LuaState } from 'fengari';
import { errorMessage } from '../../errors';
import { raiseLuaError } from '../lua-native';
import { LUA_NULL, pushValue, readValue } from '../lua-values';

/** mlua's `type_name` for the value at `idx` (`integer` vs `number`, the null sentinel as `null`). */
export function luaTypeNameAt(L: LuaState, idx: number): string {
  const t = lua.lua_type(L, idx);
  if (t === lua.LUA_TNUMBER) return lua.lua_isinteger(L, idx) ? 'integer' : 'number';
  if (t === lua.LUA_TLIGHTUSERDATA && lua.lua_touserdata(L, idx) === LUA_NULL) return 'null';
  return to_jsstring(lua.lua_typename(L, t));
}

/** Type of the first item of the sequence at `idx` that CSV cannot hold (function, userdata, thread). */
export function firstUnsupportedCell(L: LuaState, idx: number): string | undefined {
  if (lua.lua_type(L, idx) !== lua.LUA_TTABLE) return undefined;
  for (let i = 1; ; i++) {
    const t = lua.lua_rawgeti(L, idx, i);
    try {
      if (t === lua.LUA_TNIL) return undefined;
      const bad = t === lua.LUA_TFUNCTION || t === lua.LUA_TTHREAD || t === lua.LUA_TUSERDATA;
      if (bad) return luaTypeNameAt(L, -1);
    } finally {
      lua.lua_pop(L, 1);
    }
  }
}

/** Type of the first non-string key among the tables of the sequence at `idx` (records). */
export function firstNonStringRecordKey(L: LuaState, idx: number): string | undefined {
  if (lua.lua_type(L, idx) !== lua.LUA_TTABLE) return undefined;
  for (let i = 1; lua.lua_rawgeti(L, idx, i) !== lua.LUA_TNIL; i++) {
    if (lua.lua_type(L, -1) === lua.LUA_TTABLE) {
      const rec = lua.lua_gettop(L);
      lua.lua_pushnil(L);
      while (lua.lua_next(L, rec) !== 0) {
        lua.lua_pop(L, 1); // the value; the key stays for lua_next
        if (lua.lua_type(L, -1) !== lua.LUA_TSTRING) {
          const name = luaTypeNameAt(L, -1);
          lua.lua_settop(L, rec - 1);
          return name;
        }
      }
    }
    lua.lua_pop(L, 1);
  }
  lua.lua_pop(L, 1);
  return undefined;
}

/**
 * Run `impl` on the converted arguments and push its result: the tail of a `lua` entry whose
 * checks passed. A thrown error becomes a Lua error with the caller's position.
 */
export function callConverted(L: LuaState, argCount: number, impl: (...args: unknown[]) => unknown): number {
  let result: unknown;
  try {
    const args: unknown[] = [];
    for (let i = 1; i <= argCount; i++) args.push(readValue(L, i, 'catalog'));
    result = impl(...args);
  } catch (err) {
    raiseLuaError(L, errorMessage(err));
  }
  pushValue(L, result);
  return 1;
}
