/**
 * Interned key strings shared by every Lua state of the process.
 *
 * fengari copies and re-hashes (one string concatenation per byte) a key on every
 * `lua_setfield`/`lua_pushstring`; state creation sets ~400 named fields, so that
 * dominated a stage's start. A fengari string (TString) is immutable and caches its hash,
 * and fengari has no per-state string table, so one TString per name can be pushed into
 * any state. This reaches one step under the public API (`lobject.pushsvalue2s`).
 */
import { lua, type LuaState } from 'fengari';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lobject = require('fengari/src/lobject.js') as { pushsvalue2s(L: LuaState, ts: unknown): void };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lstring = require('fengari/src/lstring.js') as {
  luaS_bless(L: unknown, b: Uint8Array): { hash: unknown };
  luaS_hashlongstr(ts: unknown): unknown;
};

const encoder = new TextEncoder();
const cache = new Map<string, unknown>();
/** Keys longer than this, or past this many names, are not interned (user data keys can be anything). */
const MAX_KEY_LEN = 64;
const MAX_KEYS = 20_000;

export function interned(name: string): unknown {
  let ts = cache.get(name);
  if (ts === undefined) {
    ts = lstring.luaS_bless(null, encoder.encode(name));
    lstring.luaS_hashlongstr(ts); // computed once, kept on the TString
    if (cache.size < MAX_KEYS) cache.set(name, ts);
  }
  return ts;
}

/** A process-wide Lua string of these bytes (not interned; for constants built once). */
export function constantString(bytes: Uint8Array): unknown {
  return lstring.luaS_bless(null, bytes);
}

/** Push `name` as a Lua string (interned when short). */
export function pushKey(L: LuaState, name: string): void {
  if (name.length > MAX_KEY_LEN) {
    lua.lua_pushstring(L, encoder.encode(name));
    return;
  }
  lobject.pushsvalue2s(L, interned(name));
}

const values = new Map<string, unknown>();
const MAX_VALUES = 4096;

/**
 * Push a short string value: CTX paths, option values and the like repeat in every stage.
 * Values come from user data, so the cache is dropped whenever it fills up.
 */
export function pushShortString(L: LuaState, s: string): void {
  if (s.length > MAX_KEY_LEN) {
    lua.lua_pushstring(L, encoder.encode(s));
    return;
  }
  let ts = cache.get(s) ?? values.get(s);
  if (ts === undefined) {
    ts = lstring.luaS_bless(null, encoder.encode(s));
    if (values.size >= MAX_VALUES) values.clear();
    values.set(s, ts);
  }
  lobject.pushsvalue2s(L, ts);
}

/** `t[name] = <top>` without metamethods, popping the value; `t` is an absolute index. */
export function rawSetField(L: LuaState, t: number, name: string): void {
  pushKey(L, name);
  lua.lua_insert(L, -2);
  lua.lua_rawset(L, t);
}

/** `_G[name] = <top>`, popping the value. */
export function setGlobal(L: LuaState, name: string): void {
  lua.lua_pushglobaltable(L);
  lua.lua_insert(L, -2);
  rawSetField(L, lua.lua_absindex(L, -2), name);
  lua.lua_pop(L, 1);
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const ltable = require('fengari/src/ltable.js') as {
  luaH_setfrom(L: LuaState, t: unknown, k: unknown, v: unknown): void;
  invalidateTMcache(t: unknown): void;
};
type TableEntry = { key: unknown; value: unknown; n?: TableEntry };

/** Raw-copy every entry of the table at `from` into the table at `to` (fengari's entry list, no stack traffic). */
export function copyTableInto(L: LuaState, from: number, to: number): void {
  const src = lua.lua_topointer(L, from) as { f?: TableEntry };
  const dst = lua.lua_topointer(L, to);
  for (let e = src.f; e; e = e.n) ltable.luaH_setfrom(L, dst, e.key, e.value);
  ltable.invalidateTMcache(dst);
}
