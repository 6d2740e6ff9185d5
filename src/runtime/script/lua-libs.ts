/**
 * The §8.1 standard libraries of a fresh state. `base`, `coroutine`, `table`, `os`,
 * `string`, `math` and `utf8` are tables of stateless JS functions and constants: they are
 * read once from a template state and copied into each new state with interned keys
 * (fengari's own openers hash every name again, a third of a state's creation).
 * `package` and `io` hold per-state data (searchers, loaded table, file handles) and are
 * opened the normal way.
 */
import { lauxlib, lua, lualib, to_luastring, type LuaJsFunction, type LuaState } from 'fengari';
import { constantString, interned, rawSetField, setGlobal } from './lua-keys';
// Building a library table goes straight to fengari's table code with constant key/value cells
// (the table copies them): the public API's stack pushes and checks were most of the cost.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lobject = require('fengari/src/lobject.js') as { TValue: new (type: number, value: unknown) => object };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ltable = require('fengari/src/ltable.js') as {
  luaH_setfrom(L: LuaState, t: unknown, k: object, v: object): void;
  invalidateTMcache(t: unknown): void;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { constant_types: T } = require('fengari/src/defs.js') as { constant_types: Record<string, number> };

type Field = { name: string; fn?: LuaJsFunction; int?: number; num?: number; str?: Uint8Array };

interface LibSnapshot {
  name: string;
  open: LuaJsFunction;
  fields?: Field[];
  /** `fields` as ready key/value cells. */
  cells?: [object, object][];
}

/** In the order fengari's `luaL_openlibs` uses (minus `debug`). */
const LIBS: LibSnapshot[] = [
  { name: '_G', open: lualib.luaopen_base },
  { name: 'package', open: lualib.luaopen_package },
  { name: 'coroutine', open: lualib.luaopen_coroutine },
  { name: 'table', open: lualib.luaopen_table },
  { name: 'io', open: lualib.luaopen_io },
  { name: 'os', open: lualib.luaopen_os },
  { name: 'string', open: lualib.luaopen_string },
  { name: 'math', open: lualib.luaopen_math },
  { name: 'utf8', open: lualib.luaopen_utf8 },
];
const PER_STATE = new Set(['package', 'io']);

const LOADED = to_luastring('_LOADED');

/** The fields of one library table (at the top of `L`), or undefined when one is not copyable. */
function readFields(L: LuaState, isBase: boolean): Field[] | undefined {
  const out: Field[] = [];
  const t = lua.lua_gettop(L);
  lua.lua_pushnil(L);
  while (lua.lua_next(L, t) !== 0) {
    if (lua.lua_type(L, -2) !== lua.LUA_TSTRING) return undefined;
    const name = lua.lua_tojsstring(L, -2) as string;
    const ty = lua.lua_type(L, -1);
    if (ty === lua.LUA_TFUNCTION && lua.lua_iscfunction(L, -1) && lua.lua_getupvalue(L, -1, 1) === null) {
      out.push({ name, fn: lua.lua_tocfunction(L, -1) });
    } else if (ty === lua.LUA_TNUMBER) {
      out.push(lua.lua_isinteger(L, -1) ? { name, int: lua.lua_tointeger(L, -1) } : { name, num: lua.lua_tonumber(L, -1) });
    } else if (ty === lua.LUA_TSTRING) {
      out.push({ name, str: lua.lua_tolstring(L, -1).slice() });
    } else if (!(isBase && name === '_G')) {
      return undefined;
    }
    lua.lua_pop(L, 1);
  }
  return out;
}

let snapshotted = false;

function snapshot(): void {
  snapshotted = true;
  for (const lib of LIBS) {
    if (PER_STATE.has(lib.name)) continue;
    const L: LuaState = lauxlib.luaL_newstate();
    lauxlib.luaL_requiref(L, to_luastring(lib.name), lib.open, 0);
    lib.fields = readFields(L, lib.name === '_G');
    lib.cells = lib.fields?.map((f) => [new lobject.TValue(T.LUA_TLNGSTR, interned(f.name)), cell(f)]);
  }
}

function cell(f: Field): object {
  if (f.fn) return new lobject.TValue(T.LUA_TLCF, f.fn);
  if (f.int !== undefined) return new lobject.TValue(T.LUA_TNUMINT, f.int);
  if (f.num !== undefined) return new lobject.TValue(T.LUA_TNUMFLT, f.num);
  return new lobject.TValue(T.LUA_TLNGSTR, constantString(f.str as Uint8Array));
}

function pushFields(L: LuaState, t: number, cells: [object, object][]): void {
  const table = lua.lua_topointer(L, t);
  for (const [k, v] of cells) ltable.luaH_setfrom(L, table, k, v);
  ltable.invalidateTMcache(table);
}

/** Open the standard libraries in a fresh state (globals + `package.loaded`). */
export function openStdLibs(L: LuaState): void {
  if (!snapshotted) snapshot();
  for (const lib of LIBS) {
    if (!lib.fields || !lib.cells) {
      lauxlib.luaL_requiref(L, to_luastring(lib.name), lib.open, 1);
      lua.lua_pop(L, 1);
      continue;
    }
    if (lib.name === '_G') {
      lua.lua_pushglobaltable(L);
      pushFields(L, lua.lua_gettop(L), lib.cells);
      lua.lua_pushvalue(L, -1);
      rawSetField(L, lua.lua_gettop(L) - 1, '_G');
    } else {
      lua.lua_createtable(L, 0, lib.fields.length);
      pushFields(L, lua.lua_gettop(L), lib.cells);
      if (lib.name === 'string') setStringMetatable(L);
      lua.lua_pushvalue(L, -1);
      setGlobal(L, lib.name);
    }
    // package.loaded[name] = lib, as luaL_requiref does.
    lauxlib.luaL_getsubtable(L, lua.LUA_REGISTRYINDEX, LOADED);
    lua.lua_insert(L, -2);
    rawSetField(L, lua.lua_gettop(L) - 1, lib.name);
    lua.lua_pop(L, 1);
  }
}

/** Strings index the `string` table (`s:upper()`), as fengari's string opener sets up. */
function setStringMetatable(L: LuaState): void {
  lua.lua_createtable(L, 0, 1);
  lua.lua_pushvalue(L, -2);
  rawSetField(L, lua.lua_gettop(L) - 1, '__index');
  lua.lua_pushliteral(L, '');
  lua.lua_pushvalue(L, -2);
  lua.lua_setmetatable(L, -2);
  lua.lua_pop(L, 2);
}
