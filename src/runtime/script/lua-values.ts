/**
 * JS ↔ Lua value bridge (§2.9 and the catalog convention in `catalog.ts`).
 *
 * Two readings of a Lua value:
 * - `catalog`: arguments of `aip.*` functions.
 * - `stage`: a stage's return value; functions/userdata are errors.
 * In both, integral floats become `LuaFloat` so `1.0` survives: writers (JSON, YAML, TOML,
 * CSV) print it as `1.0` like aipack, and stage values survive the trip to JSON and back.
 */
import { lua, to_jsstring, type LuaState } from 'fengari';
import { LuaFloat } from './catalog';
import { pushKey, pushShortString } from './lua-keys';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

/** UTF-8 bytes of a JS string (native encoder: much cheaper than fengari's JS loop). */
export function luaBytes(s: string): Uint8Array {
  return encoder.encode(s);
}

/** The `null` sentinel: pushed as light userdata, compared by identity. */
export const LUA_NULL: object = Object.freeze({ aipNull: true });

/** fengari integers are 32-bit: larger integral numbers must travel as floats. */
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

export type ReadMode = 'catalog' | 'stage';

export class LuaValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LuaValueError';
  }
}

/**
 * Push a JS value. A top-level `null` is `nil`; nested ones are the sentinel (§2.9).
 * Object keys are interned strings (lua-keys): fengari otherwise copies and re-hashes a key
 * string on every set.
 */
export function pushValue(L: LuaState, v: unknown): void {
  if (v === null || typeof v !== 'object' || v instanceof LuaFloat || v === LUA_NULL || v instanceof Uint8Array) {
    return pushScalar(L, v === null ? undefined : v);
  }
  pushNested(L, v, { seen: new Set() });
}

interface PushCtx {
  seen: Set<object>;
}

function pushScalar(L: LuaState, v: unknown): void {
  switch (typeof v) {
    case 'undefined':
      return lua.lua_pushnil(L);
    case 'string':
      return pushShortString(L, v);
    case 'boolean':
      return lua.lua_pushboolean(L, v);
    case 'number':
      if (Number.isInteger(v) && v >= INT_MIN && v <= INT_MAX) return lua.lua_pushinteger(L, v);
      return lua.lua_pushnumber(L, v);
    case 'bigint':
      return lua.lua_pushnumber(L, Number(v));
    case 'object':
      if (v === null || v === LUA_NULL) return lua.lua_pushlightuserdata(L, LUA_NULL);
      if (v instanceof LuaFloat) return lua.lua_pushnumber(L, v.value);
      if (v instanceof Uint8Array) return lua.lua_pushstring(L, v);
      break;
  }
  throw new LuaValueError(`cannot pass a JS ${typeof v} to Lua`);
}

/** Nested position: `null` is the sentinel so positions are kept; an `undefined` array entry is a hole. */
function pushNested(L: LuaState, v: unknown, ctx: PushCtx): void {
  if (v === null || v === undefined || typeof v !== 'object' || v instanceof LuaFloat || v === LUA_NULL || v instanceof Uint8Array) {
    return pushScalar(L, v === undefined ? null : v);
  }
  const obj = v as object;
  if (ctx.seen.has(obj)) throw new LuaValueError('cannot pass a cyclic structure to Lua');
  ctx.seen.add(obj);
  if (!lua.lua_checkstack(L, 4)) throw new LuaValueError('Lua stack exhausted while converting a value');
  if (Array.isArray(obj)) {
    lua.lua_createtable(L, obj.length, 0);
    for (let i = 0; i < obj.length; i++) {
      // `undefined` is a Lua nil: a hole in the sequence (`[undefined]` gives `#t == 0`); `null` is the sentinel.
      if (obj[i] === undefined) continue;
      pushNested(L, obj[i], ctx);
      lua.lua_rawseti(L, -2, i + 1);
    }
  } else {
    const keys = Object.keys(obj);
    lua.lua_createtable(L, 0, keys.length);
    for (const k of keys) {
      const val = (obj as Record<string, unknown>)[k];
      if (val === undefined) continue;
      pushKey(L, k);
      pushNested(L, val, ctx);
      lua.lua_rawset(L, -3);
    }
  }
  ctx.seen.delete(obj);
}

/** Read a Lua string as JS text; bytes that are not UTF-8 become U+FFFD. */
export function readString(L: LuaState, idx: number): string {
  return decoder.decode(lua.lua_tolstring(L, idx));
}

/** Read the value at `idx` (absolute or relative) as a JS value. */
export function readValue(L: LuaState, idx: number, mode: ReadMode): unknown {
  return read(L, lua.lua_absindex(L, idx), mode, new Set(), 0);
}

function read(L: LuaState, idx: number, mode: ReadMode, seen: Set<unknown>, depth: number): unknown {
  switch (lua.lua_type(L, idx)) {
    case lua.LUA_TNIL:
    case lua.LUA_TNONE:
      return undefined;
    case lua.LUA_TBOOLEAN:
      return lua.lua_toboolean(L, idx);
    case lua.LUA_TNUMBER: {
      if (lua.lua_isinteger(L, idx)) return lua.lua_tointeger(L, idx);
      const n: number = lua.lua_tonumber(L, idx);
      // Integral floats outside the 32-bit range stand for 5.4 integers fengari cannot hold.
      return Number.isInteger(n) && n >= INT_MIN && n <= INT_MAX ? new LuaFloat(n) : n;
    }
    case lua.LUA_TSTRING:
      return readString(L, idx);
    case lua.LUA_TLIGHTUSERDATA:
      if (lua.lua_touserdata(L, idx) === LUA_NULL) return null;
      throw new LuaValueError('cannot convert a userdata value to JSON');
    case lua.LUA_TTABLE:
      return readTable(L, idx, mode, seen, depth);
    case lua.LUA_TFUNCTION:
      throw new LuaValueError('cannot convert a function value to JSON');
    default:
      throw new LuaValueError(`cannot convert a ${typeName(L, idx)} value to JSON`);
  }
}

function readTable(L: LuaState, idx: number, mode: ReadMode, seen: Set<unknown>, depth: number): unknown {
  const id = lua.lua_topointer(L, idx);
  if (seen.has(id)) throw new LuaValueError('cannot convert a table that contains itself (cycle)');
  if (depth > 200) throw new LuaValueError('cannot convert a table nested deeper than 200 levels');
  seen.add(id);
  if (!lua.lua_checkstack(L, 4)) throw new LuaValueError('Lua stack exhausted while converting a table');
  // One pass: collect keys and values; decide array vs object after (§2.9: keys exactly 1..n).
  const keys: (string | number)[] = [];
  const vals: unknown[] = [];
  let intKeys = 0;
  let maxInt = 0;
  lua.lua_pushnil(L);
  while (lua.lua_next(L, idx) !== 0) {
    let key: string | number;
    const kt = lua.lua_type(L, -2);
    if (kt === lua.LUA_TSTRING) key = readString(L, -2);
    else if (kt === lua.LUA_TNUMBER && lua.lua_isinteger(L, -2)) {
      key = lua.lua_tointeger(L, -2) as number;
      if (key >= 1) {
        intKeys++;
        if (key > maxInt) maxInt = key;
      }
    } else if (kt === lua.LUA_TNUMBER) key = String(lua.lua_tonumber(L, -2));
    else {
      const ktName = typeName(L, -2);
      lua.lua_pop(L, 2);
      seen.delete(id);
      throw new LuaValueError(`cannot convert a table with a ${ktName} key to JSON`);
    }
    let v: unknown;
    try {
      v = read(L, lua.lua_absindex(L, -1), mode, seen, depth + 1);
    } catch (e) {
      lua.lua_pop(L, 2);
      seen.delete(id);
      throw e;
    }
    keys.push(key);
    vals.push(v);
    lua.lua_pop(L, 1);
  }
  seen.delete(id);
  if (keys.length > 0 && intKeys === keys.length && maxInt === keys.length) {
    const arr = new Array(keys.length);
    for (let i = 0; i < keys.length; i++) arr[(keys[i] as number) - 1] = vals[i];
    return arr;
  }
  const out: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) out[String(keys[i])] = vals[i];
  return out;
}

function typeName(L: LuaState, idx: number): string {
  return to_jsstring(lua.lua_typename(L, lua.lua_type(L, idx)));
}

/**
 * JSON text of a stage value: `LuaFloat(1)` is written `1.0` so the float survives;
 * the pipeline can store this and read it back with `parseStageJson`.
 */
export function stageValueToJson(v: unknown, indent?: number): string {
  const FLOAT = '\u0000f:';
  const text = JSON.stringify(
    v,
    (_k, val) => (val instanceof LuaFloat ? `${FLOAT}${Number.isFinite(val.value) ? val.value : 'null'}` : val),
    indent,
  );
  if (text === undefined) return 'null';
  return text.replace(/"\\u0000f:([^"]*)"/g, (_m, n: string) => (n === 'null' ? 'null' : Number.isInteger(Number(n)) && !/e/i.test(n) ? `${n}.0` : n));
}

/** Replace every `LuaFloat` by its number (for consumers that do not care about the subtype). */
export function plainValue(v: unknown): unknown {
  if (v instanceof LuaFloat) return v.value;
  if (Array.isArray(v)) return v.map(plainValue);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v)) out[k] = plainValue(val);
    return out;
  }
  return v;
}
