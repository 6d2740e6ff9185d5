/**
 * `aip.lua` (§8.16): dump a value, shallow or deep merge tables in place.
 * These work on live Lua tables (in-place edits, functions in dumps), so each entry has a
 * `lua` implementation the engine registers directly; `impl` does the same on JS values.
 */
import { ArgError, LuaFloat, type CallContext, type ModuleCatalog } from '../catalog';
import { formatFloat, raiseLuaError, type LuaNativeEntry } from '../lua-native';
import { T, type LuaApi, type LuaPtr } from '../lua-wasm';

// ---------------------------------------------------------------------------
// dump

/** Dump the Lua value at `idx` the way the original does (strings quoted, `null` → `NULL`). */
export function dumpLuaValue(api: LuaApi, L: LuaPtr, idx: number): string {
  return dumpAt(api, L, api.abs(L, idx), 0, new Set());
}

function dumpAt(api: LuaApi, L: LuaPtr, idx: number, indent: number, seen: Set<number>): string {
  const M = api.M;
  switch (api.type(L, idx)) {
    case T.NIL:
    case T.NONE:
      return 'nil';
    case T.BOOLEAN:
      return M._lua_toboolean(L, idx) ? 'true' : 'false';
    case T.NUMBER:
      return api.isInteger(L, idx) ? String(api.toInteger(L, idx)) : formatFloat(api.toNumber(L, idx));
    case T.STRING:
      return `"${api.toString(L, idx)}"`;
    case T.FUNCTION:
      return '<function <anonymous>>';
    case T.USERDATA:
      return '<UserData>';
    case T.LIGHTUSERDATA:
      return M._lua_touserdata(L, idx) === api.nullPtr ? 'NULL' : '<LightUserData>';
    case T.THREAD:
      return '<Thread>';
    case T.TABLE:
      break;
    default:
      return '<OtherType>';
  }
  const id = M._lua_topointer(L, idx) as number;
  // The original recurses forever on a cycle; a marker is kinder.
  if (seen.has(id)) return '<cycle>';
  seen.add(id);
  const pad = '  '.repeat(indent + 1);
  // Integer keys first, ascending (the order of the array part), then the others as `next` gives them.
  const entries: { n: bigint | undefined; text: string }[] = [];
  if (!M._lua_checkstack(L, 4)) raiseLuaError('aip.lua.dump - Lua stack exhausted');
  M._lua_pushnil(L);
  while (M._lua_next(L, idx) !== 0) {
    const isInt = api.type(L, -2) === T.NUMBER && api.isInteger(L, -2);
    const key = api.type(L, -2) === T.STRING ? api.toString(L, -2) : dumpAt(api, L, api.abs(L, -2), 0, seen);
    entries.push({ n: isInt ? api.toInteger(L, -2) : undefined, text: `${pad}${key} = ${dumpAt(api, L, api.abs(L, -1), indent + 1, seen)}` });
    api.pop(L, 1);
  }
  seen.delete(id);
  if (entries.length === 0) return '{}';
  entries.sort((a, b) => (a.n === b.n ? 0 : a.n === undefined ? 1 : b.n === undefined ? -1 : a.n < b.n ? -1 : 1));
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
function overlayIsTable(api: LuaApi, L: LuaPtr, i: number): boolean {
  const t = api.type(L, i);
  if (t === T.NIL || t === T.NONE) return false;
  if (t === T.LIGHTUSERDATA && api.M._lua_touserdata(L, i) === api.nullPtr) return false;
  if (t === T.TABLE) return true;
  raiseLuaError(`Cannot merge a non table type. Actual type: ${api.typeName(t)}`);
}

function checkTarget(api: LuaApi, L: LuaPtr, fnName: string): void {
  const t = api.type(L, 1);
  if (t !== T.TABLE) {
    const got = t === T.LIGHTUSERDATA && api.M._lua_touserdata(L, 1) === api.nullPtr ? 'null' : api.typeName(t);
    raiseLuaError(`${fnName} - expected <table> for parameter 'target' but got ${got}`);
  }
}

function luaMerge(api: LuaApi, L: LuaPtr): number {
  const M = api.M;
  checkTarget(api, L, 'aip.lua.merge');
  const n = api.top(L);
  for (let i = 2; i <= n; i++) {
    if (!overlayIsTable(api, L, i)) continue;
    M._lua_pushnil(L);
    while (M._lua_next(L, i) !== 0) {
      M._lua_pushvalue(L, -2); // key
      api.insert(L, -2); // key, key, value
      M._lua_settable(L, 1);
    }
  }
  M._lua_settop(L, 1);
  return 1;
}

/** Merge the table at `src` into the table at `dst` (absolute indexes), recursing on table pairs. */
function deepMergeInto(api: LuaApi, L: LuaPtr, dst: number, src: number, depth: number): void {
  const M = api.M;
  if (depth > 100) raiseLuaError('aip.lua.merge_deep - tables nested deeper than 100 levels (cycle?)');
  if (!M._lua_checkstack(L, 6)) raiseLuaError('aip.lua.merge_deep - Lua stack exhausted');
  M._lua_pushnil(L);
  while (M._lua_next(L, src) !== 0) {
    // stack: key, overlayValue
    M._lua_pushvalue(L, -2);
    M._lua_gettable(L, dst); // key, overlayValue, targetValue
    if (api.type(L, -1) === T.TABLE && api.type(L, -2) === T.TABLE) {
      deepMergeInto(api, L, api.abs(L, -1), api.abs(L, -2), depth + 1);
      api.pop(L, 2);
    } else {
      api.pop(L, 1);
      M._lua_pushvalue(L, -2);
      api.insert(L, -2);
      M._lua_settable(L, dst);
    }
  }
}

function luaMergeDeep(api: LuaApi, L: LuaPtr): number {
  checkTarget(api, L, 'aip.lua.merge_deep');
  const n = api.top(L);
  for (let i = 2; i <= n; i++) {
    if (overlayIsTable(api, L, i)) deepMergeInto(api, L, 1, i, 0);
  }
  api.M._lua_settop(L, 1);
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
    lua: (api, L) => {
      const text = dumpLuaValue(api, L, 1);
      api.pushString(L, text);
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
