/**
 * Builds one stage's Lua state: the §8.1 standard libraries (no `debug`), the prelude
 * helpers, `aip` from the module catalogs (async-capable host functions), `print`, `CTX`
 * and the `require` path of §5.6.
 */
import { lauxlib, lua, to_luastring, type LuaJsFunction, type LuaState } from 'fengari';
import type { CallContext, CatalogEntry, ModuleCatalog } from './catalog';
import { errorMessage } from '../errors';
import { dumpLuaValue } from './aip/lua';
import { formatFloat, isLuaNativeEntry, raiseLuaError } from './lua-native';
import { PRELUDE_LUA } from './lua-prelude';
import { copyTableInto, rawSetField, setGlobal } from './lua-keys';
import { openStdLibs } from './lua-libs';
import { IdlePool } from './lua-pool';
import { LUA_NULL, pushValue, readString, readValue } from './lua-values';

/** Registry key of the base state's copy of its globals (see buildBaseState). */
export const ENV_BASE: object = Object.freeze({ aipEnvBase: true });

/** The globals createLuaState sets on a base state (everything else in _G is in the ENV_BASE copy). */
export const STAGE_GLOBALS = ['aip', 'utils', 'aipack', 'print', 'CTX'] as const;

/** Pushed (as light userdata) by a host function that yields for a Promise. */
export const ASYNC_MARK: object = Object.freeze({ aipAsync: true });

/** Yielded by the coroutine shim when the hook paused a script's own coroutine: the driver gives the event loop a turn. */
export const TURN_MARK: object = Object.freeze({ aipTurn: true });

export type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

/** What host functions share with the driver for one stage. */
export interface BridgeState {
  call: Omit<CallContext, 'fnName'>;
  /** Set by a host function before it yields the mark. */
  pending?: Promise<Settled>;
  /** Set by the driver before resuming; read once by the continuation. */
  settled?: Settled;
  /** Set by the hook when it paused one of the script's own coroutines; read once by the shim. */
  innerHookYield?: boolean;
}

export interface StateSetup {
  catalogs: ModuleCatalog[];
  requireRoots: string[];
  onPrint: (text: string) => void;
  ctx?: unknown;
}

const NOT_YIELDABLE = 'cannot be called here (inside table.sort, string.gsub, __tostring or another non-yieldable callback)';

/**
 * What a base state's prelude callbacks reach: set when the state is taken for a stage (a
 * pooled state is built before its stage is known).
 */
interface StateSlot {
  onPrint: (text: string) => void;
  bridge: BridgeState | undefined;
}

interface BaseState {
  L: LuaState;
  slot: StateSlot;
}

/** The stage-independent part of a state: standard libraries, native-error mapping, prelude. */
function buildBaseState(): BaseState {
  const L: LuaState = lauxlib.luaL_newstate();
  openStdLibs(L);
  // A JS exception escaping a host function becomes a Lua error, catchable by pcall.
  lua.lua_atnativeerror(L, (l: LuaState) => {
    const e = lua.lua_touserdata(l, -1);
    lua.lua_pushstring(l, to_luastring(errorMessage(e)));
    return 1;
  });
  restrictPackage(L);
  const slot: StateSlot = { onPrint: () => {}, bridge: undefined };
  runPrelude(L, slot);
  // The stage's _ENV starts as a copy of the globals: most of that copy is made here, off the
  // stage's critical path; the globals a stage adds (STAGE_GLOBALS) are mirrored into it later.
  lua.lua_createtable(L, 0, 64);
  lua.lua_pushglobaltable(L);
  copyTableInto(L, lua.lua_gettop(L), lua.lua_gettop(L) - 1);
  lua.lua_pop(L, 1);
  lua.lua_rawsetp(L, lua.LUA_REGISTRYINDEX, ENV_BASE);
  return { L, slot };
}

const basePool = new IdlePool(buildBaseState);

/** Empty the pool of base states (tests). */
export function clearLuaStatePool(): void {
  basePool.clear();
}

/** A base state made ready for one stage. Every global set here must be listed in STAGE_GLOBALS. */
export function createLuaState(setup: StateSetup, bridge: BridgeState): LuaState {
  const { L, slot } = basePool.take();
  slot.onPrint = setup.onPrint;
  slot.bridge = bridge;
  setupRequire(L, setup.requireRoots);
  installAip(L, setup.catalogs, bridge);
  installPrint(L, setup.onPrint);
  if (setup.ctx !== undefined) {
    pushValue(L, normalizeCtx(setup.ctx));
    lua.lua_setglobal(L, to_luastring('CTX'));
  }
  return L;
}

/** §3: `RUN_FLOW_REDO_COUNT` is an integer in every stage (the original's string form is a quirk). */
function normalizeCtx(ctx: unknown): unknown {
  if (ctx === null || typeof ctx !== 'object') return ctx;
  const c = ctx as Record<string, unknown>;
  const redo = c.RUN_FLOW_REDO_COUNT;
  if (typeof redo === 'string' && /^\d+$/.test(redo)) return { ...c, RUN_FLOW_REDO_COUNT: Number(redo) };
  return ctx;
}

/** The stage-independent part of `require` (§5.6): no JS-module loading from scripts. */
function restrictPackage(L: LuaState): void {
  lua.lua_getglobal(L, to_luastring('package'));
  lua.lua_getfield(L, -1, to_luastring('path'));
  basePath ??= readString(L, -1);
  lua.lua_pop(L, 1);
  // Keep only the preload and Lua-file searchers.
  lua.lua_pushstring(L, to_luastring(''));
  lua.lua_setfield(L, -2, to_luastring('cpath'));
  lua.lua_getfield(L, -1, to_luastring('searchers'));
  lua.lua_pushnil(L);
  lua.lua_rawseti(L, -2, 4);
  lua.lua_pushnil(L);
  lua.lua_rawseti(L, -2, 3);
  lua.lua_pop(L, 1);
  lua.lua_pushnil(L);
  lua.lua_setfield(L, -2, to_luastring('loadlib'));
  lua.lua_pop(L, 1);
}

/** fengari's default `package.path` (the same in every state). */
let basePath: string | undefined;

/** `package.path`: the pack's `lua/` dirs first (§5.6), then the default. */
function setupRequire(L: LuaState, roots: string[]): void {
  const prefix = roots.map((r) => `${r.replace(/\/+$/, '')}/lua/?.lua;${r.replace(/\/+$/, '')}/lua/?/init.lua;`).join('');
  lua.lua_getglobal(L, to_luastring('package'));
  lua.lua_pushstring(L, to_luastring(prefix + (basePath ?? '')));
  lua.lua_setfield(L, -2, to_luastring('path'));
  lua.lua_pop(L, 1);
}

// The prelude is compiled once per process; each state loads its bytecode (parsing costs ~0.4 ms),
// stripped of debug info (its errors report the caller's line, level 2, never the prelude's own).
let preludeBytecode: Uint8Array | undefined;

function loadPrelude(L: LuaState): void {
  if (!preludeBytecode) {
    if (lauxlib.luaL_loadbuffer(L, to_luastring(PRELUDE_LUA), null, to_luastring('=prelude')) !== lua.LUA_OK) {
      throw new Error(`Lua prelude failed to load: ${readString(L, -1)}`);
    }
    const parts: Uint8Array[] = [];
    lua.lua_dump(L, (_l: LuaState, b: Uint8Array, size: number) => {
      parts.push(b.slice(0, size));
      return 0;
    }, null, true);
    const total = parts.reduce((n, p) => n + p.length, 0);
    const code = new Uint8Array(total);
    let off = 0;
    for (const p of parts) {
      code.set(p, off);
      off += p.length;
    }
    preludeBytecode = code;
    return;
  }
  if (lauxlib.luaL_loadbufferx(L, preludeBytecode, null, to_luastring('=prelude'), to_luastring('b')) !== lua.LUA_OK) {
    throw new Error(`Lua prelude failed to load: ${readString(L, -1)}`);
  }
}

function runPrelude(L: LuaState, slot: StateSlot): void {
  loadPrelude(L);
  lua.lua_pushlightuserdata(L, ASYNC_MARK);
  lua.lua_pushlightuserdata(L, TURN_MARK);
  lua.lua_pushlightuserdata(L, LUA_NULL);
  lua.lua_pushcfunction(L, (l: LuaState) => {
    slot.onPrint(`Lua warning: ${readString(l, 1)}`);
    return 0;
  });
  lua.lua_pushcfunction(L, (l: LuaState) => {
    const bridge = slot.bridge;
    lua.lua_pushboolean(l, bridge?.innerHookYield === true);
    if (bridge) bridge.innerHookYield = false;
    return 1;
  });
  if (lua.lua_pcall(L, 5, 0, 0) !== lua.LUA_OK) throw new Error(`Lua prelude failed: ${readString(L, -1)}`);
}

/**
 * `aip` (and its `utils` alias): each module's table is built on first access, through an
 * `__index` that stores it in `aip` (identity stays stable after). A stage touches a few of
 * the ~30 modules; building all ~190 functions per state was most of a stage's start.
 * `__pairs` builds every module first so iteration still sees them all.
 */
function installAip(L: LuaState, catalogs: ModuleCatalog[], bridge: BridgeState): void {
  const byModule = new Map<string, ModuleCatalog>();
  for (const cat of catalogs) byModule.set(cat.module, cat);
  lua.lua_createtable(L, 0, catalogs.length);
  const aipIdx = lua.lua_gettop(L);
  const build = (l: LuaState, t: number, cat: ModuleCatalog): void => {
    byModule.delete(cat.module);
    pushModule(l, cat, bridge);
    lua.lua_pushvalue(l, -1);
    rawSetField(l, t, cat.module);
  };
  lua.lua_createtable(L, 0, 2);
  lua.lua_pushcfunction(L, (l: LuaState) => {
    if (lua.lua_type(l, 2) !== lua.LUA_TSTRING) return 0;
    const cat = byModule.get(readString(l, 2));
    if (!cat) return 0;
    build(l, 1, cat);
    return 1;
  });
  rawSetField(L, lua.lua_absindex(L, -2), '__index');
  lua.lua_pushcfunction(L, (l: LuaState) => {
    for (const cat of [...byModule.values()]) {
      build(l, 1, cat);
      lua.lua_pop(l, 1);
    }
    lua.lua_getglobal(l, NEXT_NAME);
    lua.lua_pushvalue(l, 1);
    lua.lua_pushnil(l);
    return 3;
  });
  rawSetField(L, lua.lua_absindex(L, -2), '__pairs');
  lua.lua_setmetatable(L, aipIdx);
  lua.lua_pushvalue(L, -1);
  setGlobal(L, 'utils');
  // Compat: old agents call `aipack.skip(...)` (removed upstream in 2025, §8.1).
  const flow = byModule.get('flow');
  if (flow) {
    build(L, aipIdx, flow);
    setGlobal(L, 'aipack');
  }
  setGlobal(L, 'aip');
}

const NEXT_NAME = to_luastring('next');

function pushModule(L: LuaState, cat: ModuleCatalog, bridge: BridgeState): void {
  lua.lua_createtable(L, 0, cat.entries.length + Object.keys(cat.constants ?? {}).length);
  const t = lua.lua_gettop(L);
  for (const entry of cat.entries) {
    lua.lua_pushcfunction(L, isLuaNativeEntry(entry) ? entry.lua : hostFunction(entry, `aip.${cat.module}.${entry.name}`, bridge));
    rawSetField(L, t, entry.name);
  }
  for (const [k, v] of Object.entries(cat.constants ?? {})) {
    pushValue(L, v);
    rawSetField(L, t, k);
  }
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return v !== null && typeof v === 'object' && typeof (v as { then?: unknown }).then === 'function';
}

function pushResults(L: LuaState, value: unknown, multi: boolean | undefined, fullName: string): number {
  let err: string | undefined;
  let n = 0;
  try {
    if (multi && Array.isArray(value)) {
      lauxlib.luaL_checkstack(L, value.length, null);
      for (const v of value) pushValue(L, v);
      n = value.length;
    } else if (value !== undefined) {
      pushValue(L, value);
      n = 1;
    }
  } catch (e) {
    err = `${fullName} - ${errorMessage(e)}`;
  }
  if (err !== undefined) raiseLuaError(L, err);
  return n;
}

/** A catalog entry as a Lua function: converts arguments, calls `impl`, yields on a Promise. */
function hostFunction(entry: CatalogEntry, fullName: string, bridge: BridgeState): LuaJsFunction {
  const cont = (L: LuaState): number => {
    const s = bridge.settled;
    bridge.settled = undefined;
    if (!s) raiseLuaError(L, `${fullName} was resumed without a result`);
    if (!s.ok) raiseLuaError(L, errorMessage(s.error));
    return pushResults(L, s.value, entry.multi, fullName);
  };
  return (L: LuaState): number => {
    let result: unknown;
    let err: string | undefined;
    try {
      const n = lua.lua_gettop(L);
      const args: unknown[] = new Array(n);
      for (let i = 1; i <= n; i++) {
        try {
          args[i - 1] = readValue(L, i, 'catalog');
        } catch (e) {
          throw new Error(`${fullName} - argument #${i}: ${errorMessage(e)}`);
        }
      }
      result = entry.impl({ ...bridge.call, fnName: fullName }, ...args);
    } catch (e) {
      err = errorMessage(e);
    }
    if (err !== undefined) raiseLuaError(L, err);
    if (!isThenable(result)) return pushResults(L, result, entry.multi, fullName);
    const settled = Promise.resolve(result).then(
      (value): Settled => ({ ok: true, value }),
      (error): Settled => ({ ok: false, error }),
    );
    if (!lua.lua_isyieldable(L)) raiseLuaError(L, `${fullName} ${NOT_YIELDABLE}`);
    bridge.pending = settled;
    lua.lua_pushlightuserdata(L, ASYNC_MARK);
    return lua.lua_yieldk(L, 1, 0, cont);
  };
}

/** §8.2 `print`: scalars as text, other values through `aip.lua.dump`, joined with `\n`. */
function installPrint(L: LuaState, onPrint: (text: string) => void): void {
  lua.lua_pushcfunction(L, (l: LuaState) => {
    const n = lua.lua_gettop(l);
    const parts: string[] = [];
    for (let i = 1; i <= n; i++) {
      const t = lua.lua_type(l, i);
      if (t === lua.LUA_TSTRING) parts.push(readString(l, i));
      else if (t === lua.LUA_TNUMBER) parts.push(lua.lua_isinteger(l, i) ? String(lua.lua_tointeger(l, i)) : formatFloat(lua.lua_tonumber(l, i)));
      else if (t === lua.LUA_TBOOLEAN) parts.push(lua.lua_toboolean(l, i) ? 'true' : 'false');
      else parts.push(dumpLuaValue(l, i));
    }
    onPrint(parts.join('\n'));
    return 0;
  });
  lua.lua_setglobal(L, to_luastring('print'));
}
