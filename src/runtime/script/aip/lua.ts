/**
 * `aip.lua` (§8.16): dump a value, shallow or deep merge tables in place.
 * These work on live Lua tables (in-place edits, functions in dumps), so each entry has a
 * `lua` implementation the engine registers directly; `impl` does the same on JS values.
 */
import { lauxlib, lua, to_jsstring, to_luastring, type LuaState } from 'fengari';
import { ArgError, LuaFloat, type CallContext, type ModuleCatalog } from '../catalog';
import { formatFloat, raiseLuaError, type LuaNativeEntry } from '../lua-native';
import { LUA_NULL } from '../lua-values';

// ---------------------------------------------------------------------------
// dump

/** Dump the Lua value at `idx` the way the original does (strings quoted, `null` → `NULL`). */
export function dumpLuaValue(L: LuaState, idx: number): string {
  return dumpAt(L, lua.lua_absindex(L, idx), 0, new Set());
}

function luaText(L: LuaState, idx: number): string {
  return to_jsstring(lua.lua_tolstring(L, idx), undefined, undefined, true);
}

function dumpAt(L: LuaState, idx: number, indent: number, seen: Set<unknown>): string {
  switch (lua.lua_type(L, idx)) {
    case lua.LUA_TNIL:
    case lua.LUA_TNONE:
      return 'nil';
    case lua.LUA_TBOOLEAN:
      return lua.lua_toboolean(L, idx) ? 'true' : 'false';
    case lua.LUA_TNUMBER:
      return lua.lua_isinteger(L, idx) ? String(lua.lua_tointeger(L, idx)) : formatFloat(lua.lua_tonumber(L, idx));
    case lua.LUA_TSTRING:
      return `"${luaText(L, idx)}"`;
    case lua.LUA_TFUNCTION:
      return '<function <anonymous>>';
    case lua.LUA_TUSERDATA:
      return '<UserData>';
    case lua.LUA_TLIGHTUSERDATA:
      return lua.lua_touserdata(L, idx) === LUA_NULL ? 'NULL' : '<LightUserData>';
    case lua.LUA_TTHREAD:
      return '<Thread>';
    case lua.LUA_TTABLE:
      break;
    default:
      return '<OtherType>';
  }
  const id = lua.lua_topointer(L, idx);
  // The original recurses forever on a cycle; a marker is kinder.
  if (seen.has(id)) return '<cycle>';
  seen.add(id);
  const pad = '  '.repeat(indent + 1);
  // fengari's `next` does not walk 1..n in order as C Lua's array part does: put integer keys first, ascending.
  const entries: { n: number; text: string }[] = [];
  lauxlib.luaL_checkstack(L, 4, null);
  lua.lua_pushnil(L);
  while (lua.lua_next(L, idx) !== 0) {
    const isInt = lua.lua_type(L, -2) === lua.LUA_TNUMBER && lua.lua_isinteger(L, -2);
    const key = lua.lua_type(L, -2) === lua.LUA_TSTRING ? luaText(L, -2) : dumpAt(L, lua.lua_absindex(L, -2), 0, seen);
    entries.push({ n: isInt ? lua.lua_tointeger(L, -2) : Infinity, text: `${pad}${key} = ${dumpAt(L, lua.lua_absindex(L, -1), indent + 1, seen)}` });
    lua.lua_pop(L, 1);
  }
  seen.delete(id);
  if (entries.length === 0) return '{}';
  entries.sort((a, b) => (a.n === b.n ? 0 : a.n < b.n ? -1 : 1));
  return `{\n${entries.map((e) => e.text).join(',\n')}\n${'  '.repeat(indent)}}`;
}

/** Same layout for JS values (used by `impl`). */
export function dumpJsValue(v: unknown, indent = 0): string {
  if (v === undefined) return 'nil';
  if (v === null) return 'NULL';
  if (v instanceof LuaFloat) return formatFloat(v.value);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : formatFloat(v);
  if (typeof v === 'string') return `"${v}"`;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'function') return '<function <anonymous>>';
  if (typeof v !== 'object') return '<OtherType>';
  const pad = '  '.repeat(indent + 1);
  const pairs: [string, unknown][] = Array.isArray(v) ? v.map((x, i) => [String(i + 1), x]) : Object.entries(v);
  if (pairs.length === 0) return '{}';
  const lines = pairs.map(([k, x]) => `${pad}${k} = ${dumpJsValue(x, indent + 1)}`);
  return `{\n${lines.join(',\n')}\n${'  '.repeat(indent)}}`;
}

// ---------------------------------------------------------------------------
// merge

/** nil/null → skip; table → merge; anything else is an error (as the original). */
function overlayIsTable(L: LuaState, i: number): boolean {
  const t = lua.lua_type(L, i);
  if (t === lua.LUA_TNIL || t === lua.LUA_TNONE) return false;
  if (t === lua.LUA_TLIGHTUSERDATA && lua.lua_touserdata(L, i) === LUA_NULL) return false;
  if (t === lua.LUA_TTABLE) return true;
  raiseLuaError(L, `Cannot merge a non table type. Actual type: ${to_jsstring(lua.lua_typename(L, t))}`);
}

function checkTarget(L: LuaState, fnName: string): void {
  if (lua.lua_type(L, 1) !== lua.LUA_TTABLE) {
    const t = lua.lua_type(L, 1);
    const got = t === lua.LUA_TLIGHTUSERDATA && lua.lua_touserdata(L, 1) === LUA_NULL ? 'null' : to_jsstring(lua.lua_typename(L, t));
    raiseLuaError(L, `${fnName} - expected <table> for parameter 'target' but got ${got}`);
  }
}

function luaMerge(L: LuaState): number {
  checkTarget(L, 'aip.lua.merge');
  const n = lua.lua_gettop(L);
  for (let i = 2; i <= n; i++) {
    if (!overlayIsTable(L, i)) continue;
    lua.lua_pushnil(L);
    while (lua.lua_next(L, i) !== 0) {
      lua.lua_pushvalue(L, -2); // key
      lua.lua_insert(L, -2); // key, key, value
      lua.lua_settable(L, 1);
    }
  }
  lua.lua_settop(L, 1);
  return 1;
}

/** Merge the table at `src` into the table at `dst` (absolute indexes), recursing on table pairs. */
function deepMergeInto(L: LuaState, dst: number, src: number, depth: number): void {
  if (depth > 100) raiseLuaError(L, 'aip.lua.merge_deep - tables nested deeper than 100 levels (cycle?)');
  lauxlib.luaL_checkstack(L, 6, null);
  lua.lua_pushnil(L);
  while (lua.lua_next(L, src) !== 0) {
    // stack: key, overlayValue
    lua.lua_pushvalue(L, -2);
    lua.lua_gettable(L, dst); // key, overlayValue, targetValue
    if (lua.lua_type(L, -1) === lua.LUA_TTABLE && lua.lua_type(L, -2) === lua.LUA_TTABLE) {
      deepMergeInto(L, lua.lua_absindex(L, -1), lua.lua_absindex(L, -2), depth + 1);
      lua.lua_pop(L, 2);
    } else {
      lua.lua_pop(L, 1);
      lua.lua_pushvalue(L, -2);
      lua.lua_insert(L, -2);
      lua.lua_settable(L, dst);
    }
  }
}

function luaMergeDeep(L: LuaState): number {
  checkTarget(L, 'aip.lua.merge_deep');
  const n = lua.lua_gettop(L);
  for (let i = 2; i <= n; i++) {
    if (overlayIsTable(L, i)) deepMergeInto(L, 1, i, 0);
  }
  lua.lua_settop(L, 1);
  return 1;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !(v instanceof LuaFloat);

function jsTarget(call: CallContext, target: unknown): Obj {
  if (!isObj(target)) throw new ArgError(call.fnName, 'table', 'target', target);
  return target;
}

function jsOverlays(objs: unknown[]): Obj[] {
  return objs.filter((o) => o !== undefined && o !== null).map((o) => {
    if (!isObj(o)) throw new Error(`Cannot merge a non table type. Actual type: ${typeof o === 'number' || o instanceof LuaFloat ? 'number' : typeof o}`);
    return o;
  });
}

function jsMergeDeep(dst: Obj, src: Obj): void {
  for (const [k, v] of Object.entries(src)) {
    const cur = dst[k];
    if (isObj(cur) && isObj(v)) jsMergeDeep(cur, v);
    else dst[k] = v;
  }
}

// ---------------------------------------------------------------------------

const entries: LuaNativeEntry[] = [
  {
    name: 'dump',
    signature: 'aip.lua.dump(value: any) -> string',
    doc: [
      'Readable multi-line text of any Lua value, for debugging.',
      '',
      'Strings are quoted, tables indented two spaces per level, `null` shows as `NULL`,',
      'functions as `<function <anonymous>>`. `print` uses it for tables.',
      '',
      'Example: `print(aip.lua.dump({ a = 1, b = { "x" } }))`',
    ].join('\n'),
    impl: (_call, value) => dumpJsValue(value),
    lua: (L) => {
      const text = dumpLuaValue(L, 1);
      lua.lua_pushstring(L, to_luastring(text));
      return 1;
    },
  },
  {
    name: 'merge',
    signature: 'aip.lua.merge(target: table, ...objs: table | nil) -> table',
    doc: [
      'Shallow merge: copy every key of each `obj` into `target`, in place, and return `target`.',
      '',
      '`nil` and `null` objects are ignored; a non-table object is an error; `target` is required.',
      '',
      'Example: `local opts = aip.lua.merge({ depth = 1 }, user_opts)`',
    ].join('\n'),
    impl: (call, target, ...objs) => {
      const t = jsTarget(call, target);
      for (const o of jsOverlays(objs)) Object.assign(t, o);
      return t;
    },
    lua: luaMerge,
  },
  {
    name: 'merge_deep',
    signature: 'aip.lua.merge_deep(target: table, ...objs: table | nil) -> table',
    doc: [
      'Deep merge into `target`, in place: where both sides hold a table, merge recursively;',
      'otherwise the object\'s value replaces the target\'s. Returns `target`.',
      '',
      '`nil` and `null` objects are ignored; `target` is required.',
      '',
      'Example: `aip.lua.merge_deep(config, { model = { temperature = 0.2 } })`',
    ].join('\n'),
    impl: (call, target, ...objs) => {
      const t = jsTarget(call, target);
      for (const o of jsOverlays(objs)) jsMergeDeep(t, o);
      return t;
    },
    lua: luaMergeDeep,
  },
];

export const luaCatalog: ModuleCatalog = {
  module: 'lua',
  doc: 'Lua helpers: dump any value as readable text, merge tables in place (shallow or deep).',
  entries,
};
