/**
 * The one JS ↔ Lua value codec (§2.9 and the catalog convention in `catalog.ts`), on the raw
 * C API (lua-wasm.ts).
 *
 * Into Lua: `undefined` → nil; `null` at the top → nil, nested → the `null` sentinel, but an
 * array hole (`undefined` inside an array) stays nil, so `[undefined]` is a table with
 * `#t == 0`; integral numbers → integers (a `LuaFloat` forces a float); BigInt → integer
 * (an error outside 64 bits); strings as UTF-8 bytes; `Uint8Array` as raw bytes.
 *
 * Out of Lua (two readings): `catalog` (arguments of `aip.*` functions) and `stage` (a stage's
 * return value; functions are errors). Integers within ±2^53 → number, beyond → BigInt (never
 * rounded); integral floats → `LuaFloat` so `1.0` survives; a table with keys exactly 1..n →
 * array, any other table (including `{}`) → object.
 */
import { LuaFloat } from './catalog';
import { T, type LuaApi, type LuaPtr } from './lua-wasm';
import { LUA_NULL, LuaValueError } from './lua-values';

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;
const MAX_DEPTH = 200;

export type ReadMode = 'catalog' | 'stage';

/** Push a JS value. A top-level `null` is nil; nested ones are the sentinel (§2.9). */
export function pushValue(api: LuaApi, L: LuaPtr, v: unknown): void {
  if (v === null) return api.M._lua_pushnil(L);
  pushAny(api, L, v, new Set(), 0, false);
}

function pushAny(api: LuaApi, L: LuaPtr, v: unknown, seen: Set<object>, depth: number, hole: boolean): void {
  const M = api.M;
  switch (typeof v) {
    case 'undefined':
      return M._lua_pushnil(L);
    case 'string':
      return api.pushString(L, v);
    case 'boolean':
      return M._lua_pushboolean(L, v ? 1 : 0);
    case 'number':
      if (Number.isInteger(v) && v >= -9223372036854775808 && v < 9223372036854775808) return M._lua_pushinteger(L, BigInt(v));
      return M._lua_pushnumber(L, v);
    case 'bigint':
      if (v < I64_MIN || v > I64_MAX) throw new LuaValueError(`integer ${v} does not fit in a Lua integer (64 bits)`);
      return M._lua_pushinteger(L, v);
    case 'object':
      break;
    default:
      throw new LuaValueError(`cannot pass a JS ${typeof v} to Lua`);
  }
  if (v === null || v === LUA_NULL) {
    if (hole) return M._lua_pushnil(L);
    return M._lua_pushlightuserdata(L, api.nullPtr);
  }
  if (v instanceof LuaFloat) return M._lua_pushnumber(L, v.value);
  if (v instanceof Uint8Array) return api.pushBytes(L, v);
  const obj = v as object;
  if (seen.has(obj)) throw new LuaValueError('cannot pass a cyclic structure to Lua');
  if (depth > MAX_DEPTH) throw new LuaValueError(`cannot pass a value nested deeper than ${MAX_DEPTH} levels to Lua`);
  if (!M._lua_checkstack(L, 4)) throw new LuaValueError('Lua stack exhausted while converting a value');
  seen.add(obj);
  if (Array.isArray(obj)) {
    M._lua_createtable(L, obj.length, 0);
    for (let i = 0; i < obj.length; i++) {
      const item = obj[i];
      if (item === undefined) continue; // a hole: nil, as aipack's null → nil contract
      pushAny(api, L, item, seen, depth + 1, false);
      M._lua_rawseti(L, -2, BigInt(i + 1));
    }
  } else {
    const keys = Object.keys(obj);
    M._lua_createtable(L, 0, keys.length);
    for (const k of keys) {
      const val = (obj as Record<string, unknown>)[k];
      if (val === undefined) continue;
      api.pushString(L, k);
      pushAny(api, L, val, seen, depth + 1, false);
      M._lua_rawset(L, -3);
    }
  }
  seen.delete(obj);
}

/** Read the value at `idx` (absolute or relative) as a JS value. */
export function readValue(api: LuaApi, L: LuaPtr, idx: number, mode: ReadMode): unknown {
  return read(api, L, api.abs(L, idx), mode, new Set(), 0);
}

function readNumber(api: LuaApi, L: LuaPtr, idx: number): unknown {
  if (api.isInteger(L, idx)) {
    const n = api.toInteger(L, idx);
    return n >= -9007199254740991n && n <= 9007199254740991n ? Number(n) : n;
  }
  const f = api.toNumber(L, idx);
  return Number.isInteger(f) ? new LuaFloat(f) : f;
}

function read(api: LuaApi, L: LuaPtr, idx: number, mode: ReadMode, seen: Set<number>, depth: number): unknown {
  const t = api.type(L, idx);
  switch (t) {
    case T.NIL:
    case T.NONE:
      return undefined;
    case T.BOOLEAN:
      return api.M._lua_toboolean(L, idx) !== 0;
    case T.NUMBER:
      return readNumber(api, L, idx);
    case T.STRING:
      return api.toString(L, idx);
    case T.LIGHTUSERDATA:
      if (api.M._lua_touserdata(L, idx) === api.nullPtr) return null;
      throw new LuaValueError('cannot convert a userdata value to JSON');
    case T.TABLE:
      return readTable(api, L, idx, mode, seen, depth);
    default:
      throw new LuaValueError(`cannot convert a ${api.typeName(t)} value to JSON`);
  }
}

function readTable(api: LuaApi, L: LuaPtr, idx: number, mode: ReadMode, seen: Set<number>, depth: number): unknown {
  const M = api.M;
  const id = M._lua_topointer(L, idx) as number;
  if (seen.has(id)) throw new LuaValueError('cannot convert a table that contains itself (cycle)');
  if (depth > MAX_DEPTH) throw new LuaValueError(`cannot convert a table nested deeper than ${MAX_DEPTH} levels`);
  if (!M._lua_checkstack(L, 4)) throw new LuaValueError('Lua stack exhausted while converting a table');
  seen.add(id);
  const keys: (string | number)[] = [];
  const vals: unknown[] = [];
  let intKeys = 0;
  let maxInt = 0;
  const top0 = api.top(L);
  M._lua_pushnil(L);
  try {
    while (M._lua_next(L, idx) !== 0) {
      let key: string | number;
      const kt = api.type(L, -2);
      if (kt === T.STRING) key = api.toString(L, -2);
      else if (kt === T.NUMBER && api.isInteger(L, -2)) {
        const k = api.toInteger(L, -2);
        key = k >= -9007199254740991n && k <= 9007199254740991n ? Number(k) : String(k);
        if (typeof key === 'number' && key >= 1) {
          intKeys++;
          if (key > maxInt) maxInt = key;
        }
      } else if (kt === T.NUMBER) key = String(api.toNumber(L, -2));
      else throw new LuaValueError(`cannot convert a table with a ${api.typeName(kt)} key to JSON`);
      keys.push(key);
      vals.push(read(api, L, api.abs(L, -1), mode, seen, depth + 1));
      api.pop(L, 1);
    }
  } catch (e) {
    // Leave the stack as found: drop the key (and value) of the interrupted walk.
    M._lua_settop(L, top0);
    seen.delete(id);
    throw e;
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
