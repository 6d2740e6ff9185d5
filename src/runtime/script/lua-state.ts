/**
 * Builds one stage's Lua 5.4 state in the script worker (§8.1): a fresh state per stage with
 * its own allocator (memory cap), the standard libraries without `debug`, the prelude helpers,
 * `require` from the pack `lua/` dirs, `print`, `CTX` and the lazy `aip` table whose functions
 * either run here (pure modules) or call the runtime thread synchronously.
 */
import { readFileSync } from 'node:fs';
import { errorMessage } from '../errors';
import type { CallContext, CatalogEntry } from './catalog';
import { dumpLuaValue } from './aip/lua';
import { pushValue, readValue } from './lua-codec';
import { formatFloat, isLuaNativeEntry, LuaRaise, type LuaNativeFunction } from './lua-native';
import { PRELUDE_LUA } from './lua-prelude';
import { LUA_REGISTRYINDEX, T, upvalueIndex, type LuaApi, type LuaPtr } from './lua-wasm';

export type Settled = { ok: true; value: unknown } | { ok: false; error: string; cancelled?: boolean };

/** One `aip.<module>.<name>` as the worker sees it. */
export interface StageFunction {
  fullName: string;
  multi?: boolean;
  /** Set when the function runs in the worker (a pure built-in). */
  local?: CatalogEntry;
  /** Index of the function on the runtime thread's side (host calls). */
  hostIndex: number;
}

export interface StageModule {
  module: string;
  functions: StageFunction[];
  constants?: Record<string, unknown>;
}

/** What a stage's host functions reach (set per stage). */
export interface StageServices {
  modules: StageModule[];
  requireRoots: string[];
  /** A synchronous call to the runtime thread. */
  hostCall(fn: StageFunction, args: unknown[]): Settled;
  print(text: string): void;
  /** Set when a host call answered "cancelled": the hook then stops the script. */
  onCancelled(): void;
}

/** A CallContext for pure functions run in the worker: they use none of its services. */
const pureSignal = new AbortController().signal;
function pureCall(fnName: string): CallContext {
  return { fnName, host: undefined as never, signal: pureSignal };
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return v !== null && typeof v === 'object' && typeof (v as { then?: unknown }).then === 'function';
}

/** Per-thread registrations (C function pointers live as long as the module). */
export class StateFactory {
  private services: StageServices | undefined;
  private functions: StageFunction[] = [];
  private readonly dispatchPtr: number;
  private readonly aipIndexPtr: number;
  private readonly printPtr: number;
  private readonly warnPtr: number;
  private readonly searcherPtr: number;
  private readonly getenvPtr: number;
  private readonly allocPtr: number;
  private preludeCode: Uint8Array | undefined;
  private readonly moduleCache = new Map<string, { source: Buffer; code: Uint8Array }>();
  /** Memory used and cap per state (by allocator user data). */
  private readonly mem = new Map<number, { used: number; max: number; hit: boolean }>();
  private nextUd = 1;

  constructor(readonly api: LuaApi) {
    const M = api.M;
    this.dispatchPtr = M.addFunction(((L: number) => this.dispatch(L)) as never, 'ii');
    this.aipIndexPtr = M.addFunction(((L: number) => this.aipIndex(L)) as never, 'ii');
    this.printPtr = M.addFunction(((L: number) => this.print(L)) as never, 'ii');
    this.warnPtr = M.addFunction(((L: number) => {
      this.services?.print(`Lua warning: ${api.toString(L, 1)}`);
      return 0;
    }) as never, 'ii');
    this.searcherPtr = M.addFunction(((L: number) => this.searcher(L)) as never, 'ii');
    // The wasm module's own environment is emscripten's fake one: read the process's.
    this.getenvPtr = M.addFunction(((L: number) => {
      const v = api.type(L, 1) === T.STRING ? process.env[api.toString(L, 1)] : undefined;
      if (v === undefined) M._lua_pushnil(L);
      else api.pushString(L, v);
      return 1;
    }) as never, 'ii');
    this.allocPtr = M.addFunction(((ud: number, ptr: number, osize: number, nsize: number) => {
      const m = this.mem.get(ud);
      if (nsize === 0) {
        if (ptr) {
          if (m) m.used -= osize;
          M._free(ptr);
        }
        return 0;
      }
      const delta = ptr ? nsize - osize : nsize;
      if (m && delta > 0 && m.max > 0 && m.used + delta > m.max) {
        m.hit = true;
        return 0;
      }
      const p = M._realloc(ptr, nsize);
      if (p && m) m.used += delta;
      return p;
    }) as never, 'iiiii');
  }

  /** A new state with the standard libraries and the prelude (stage-independent). */
  newBaseState(): { L: LuaPtr; ud: number } {
    const { api } = this;
    const M = api.M;
    const ud = this.nextUd++;
    this.mem.set(ud, { used: 0, max: 0, hit: false });
    const L: LuaPtr = M._lua_newstate(this.allocPtr, ud);
    if (!L) throw new Error('could not create a Lua state (out of memory)');
    M._luaL_openlibs(L);
    // §8.1: no `debug` for scripts (as the original).
    M._lua_pushnil(L);
    api.setGlobal(L, 'debug');
    M._luaL_getsubtable(L, LUA_REGISTRYINDEX, api.cname('_LOADED'));
    M._lua_pushnil(L);
    api.setField(L, -2, 'debug');
    api.pop(L, 1);
    this.restrictPackage(L);
    api.getGlobal(L, 'os');
    M._lua_pushcclosure(L, this.getenvPtr, 0);
    api.setField(L, -2, 'getenv');
    api.pop(L, 1);
    this.runPrelude(L);
    return { L, ud };
  }

  close(L: LuaPtr, ud: number): void {
    this.api.M._lua_close(L);
    this.mem.delete(ud);
  }

  setMemoryMax(ud: number, bytes: number): void {
    const m = this.mem.get(ud);
    if (m) m.max = bytes;
  }

  memoryHit(ud: number): boolean {
    return this.mem.get(ud)?.hit === true;
  }

  /** Make a base state ready for a stage: `require` roots, `aip`, `print`, `CTX`. */
  setupStage(L: LuaPtr, services: StageServices, ctx: unknown): void {
    const { api } = this;
    this.services = services;
    this.functions = services.modules.flatMap((m) => m.functions);
    this.setupRequire(L, services.requireRoots);
    this.installAip(L, services.modules);
    api.M._lua_pushcclosure(L, this.printPtr, 0);
    api.setGlobal(L, 'print');
    if (ctx !== undefined) {
      pushValue(api, L, ctx);
      api.setGlobal(L, 'CTX');
    }
  }

  endStage(): void {
    this.services = undefined;
    this.functions = [];
  }

  private restrictPackage(L: LuaPtr): void {
    const { api } = this;
    const M = api.M;
    api.getGlobal(L, 'package');
    api.pushString(L, '');
    api.setField(L, -2, 'cpath');
    M._lua_pushnil(L);
    api.setField(L, -2, 'loadlib');
    // Searchers: keep the preload one, replace the Lua-file one (the wasm module's file system
    // is not the disk), drop the C ones.
    api.getField(L, -1, 'searchers');
    M._lua_pushcclosure(L, this.searcherPtr, 0);
    M._lua_rawseti(L, -2, 2n);
    M._lua_pushnil(L);
    M._lua_rawseti(L, -2, 4n);
    M._lua_pushnil(L);
    M._lua_rawseti(L, -2, 3n);
    api.pop(L, 2);
  }

  /** `package.path`: the pack's `lua/` dirs (§5.6). */
  private setupRequire(L: LuaPtr, roots: string[]): void {
    const { api } = this;
    const path = roots.map((r) => `${r.replace(/\/+$/, '')}/lua/?.lua;${r.replace(/\/+$/, '')}/lua/?/init.lua`).join(';');
    api.getGlobal(L, 'package');
    api.pushString(L, path);
    api.setField(L, -2, 'path');
    api.pop(L, 1);
  }

  /** `package.searchers[2]`: find `name` on `package.path` on disk; compiled chunks cached by content. */
  private searcher(L: LuaPtr): number {
    const { api } = this;
    const name = api.toString(L, 1);
    api.getGlobal(L, 'package');
    api.getField(L, -1, 'path');
    const path = api.toString(L, -1);
    api.pop(L, 2);
    const tried: string[] = [];
    const file = name.replace(/\./g, '/');
    for (const tpl of path.split(';')) {
      if (!tpl) continue;
      const candidate = tpl.replace(/\?/g, file);
      let source: Buffer;
      try {
        source = readFileSync(candidate);
      } catch {
        tried.push(`\n\tno file '${candidate}'`);
        continue;
      }
      const cached = this.moduleCache.get(candidate);
      let status: number;
      if (cached && cached.source.equals(source)) status = api.load(L, cached.code, `@${candidate}`, 'b');
      else {
        status = api.load(L, source, `@${candidate}`, 't');
        if (status === 0) {
          if (this.moduleCache.size > 256) this.moduleCache.clear();
          this.moduleCache.set(candidate, { source, code: api.dump(L, false) });
        }
      }
      if (status !== 0) {
        const msg = api.toString(L, -1);
        return api.raisePlain(L, `error loading module '${name}' from file '${candidate}':\n\t${msg}`);
      }
      api.pushString(L, candidate);
      return 2;
    }
    api.pushString(L, tried.join(''));
    return 1;
  }

  private runPrelude(L: LuaPtr): void {
    const { api } = this;
    const M = api.M;
    let status: number;
    if (!this.preludeCode) {
      status = api.load(L, new TextEncoder().encode(PRELUDE_LUA), '=prelude', 't');
      if (status === 0) this.preludeCode = api.dump(L, true);
    } else status = api.load(L, this.preludeCode, '=prelude', 'b');
    if (status !== 0) throw new Error(`Lua prelude failed to load: ${api.toString(L, -1)}`);
    M._lua_pushlightuserdata(L, api.nullPtr);
    M._lua_pushcclosure(L, this.warnPtr, 0);
    if (M._lua_pcallk(L, 2, 0, 0, 0, 0) !== 0) throw new Error(`Lua prelude failed: ${api.toString(L, -1)}`);
  }

  /**
   * `aip` (and its `utils` alias): each module's table is built on first access, through an
   * `__index` that stores it in `aip`; `__pairs` builds them all first.
   */
  private installAip(L: LuaPtr, modules: StageModule[]): void {
    const { api } = this;
    const M = api.M;
    M._lua_createtable(L, 0, modules.length);
    const aip = api.top(L);
    M._lua_createtable(L, 0, 2);
    M._lua_pushcclosure(L, this.aipIndexPtr, 0);
    api.rawSetField(L, aip + 1, '__index');
    api.pushString(L, '__pairs');
    const pairsCode = new TextEncoder().encode(
      'local t, names = ... ; return function(self) for _, n in ipairs(names) do local _ = self[n] end return next, self, nil end',
    );
    if (api.load(L, pairsCode, '=aip', 't') !== 0) throw new Error(api.toString(L, -1));
    M._lua_pushnil(L);
    pushValue(api, L, modules.map((m) => m.module));
    M._lua_callk(L, 2, 1, 0, 0);
    M._lua_rawset(L, aip + 1);
    M._lua_setmetatable(L, aip);
    M._lua_pushvalue(L, aip);
    api.setGlobal(L, 'utils');
    // Compat: old agents call `aipack.skip(...)` (removed upstream in 2025, §8.1).
    if (modules.some((m) => m.module === 'flow')) {
      api.getField(L, aip, 'flow');
      api.setGlobal(L, 'aipack');
    }
    api.setGlobal(L, 'aip');
  }

  /** `aip.__index(t, name)`: build the module table once. */
  private aipIndex(L: LuaPtr): number {
    const { api } = this;
    const M = api.M;
    if (api.type(L, 2) !== T.STRING || !this.services) return 0;
    const name = api.toString(L, 2);
    const mod = this.services.modules.find((m) => m.module === name);
    if (!mod) return 0;
    M._lua_createtable(L, 0, mod.functions.length);
    const t = api.top(L);
    for (const fn of mod.functions) {
      const idx = this.functions.indexOf(fn);
      M._lua_pushinteger(L, BigInt(idx));
      M._lua_pushcclosure(L, this.dispatchPtr, 1);
      api.rawSetField(L, t, fn.fullName.slice(fn.fullName.lastIndexOf('.') + 1));
    }
    for (const [k, v] of Object.entries(mod.constants ?? {})) {
      pushValue(api, L, v);
      api.rawSetField(L, t, k);
    }
    M._lua_pushvalue(L, 2);
    M._lua_pushvalue(L, t);
    M._lua_rawset(L, 1);
    return 1;
  }

  /**
   * Every `aip.*` function: a native one works on the live values; a pure one runs here; the
   * others call the runtime thread and block until it answers (so they work inside
   * `table.sort`, `gsub` callbacks and `__tostring` too). Errors become Lua errors at the
   * caller's line, after every JS frame is gone.
   */
  private dispatch(L: LuaPtr): number {
    const { api } = this;
    let err: string | undefined;
    let n = 0;
    try {
      const fn = this.functions[Number(api.toInteger(L, upvalueIndex(1)))];
      if (!fn || !this.services) throw new Error('aip function called outside its stage');
      if (fn.local && isLuaNativeEntry(fn.local)) return (fn.local.lua as LuaNativeFunction)(api, L);
      const argc = api.top(L);
      const args: unknown[] = new Array(argc);
      for (let i = 1; i <= argc; i++) {
        try {
          args[i - 1] = readValue(api, L, i, 'catalog');
        } catch (e) {
          throw new Error(`${fn.fullName} - argument #${i}: ${errorMessage(e)}`);
        }
      }
      let settled: Settled | undefined;
      if (fn.local) {
        const value = fn.local.impl(pureCall(fn.fullName), ...args);
        // A pure function that went async (a lazily loaded library): ask the runtime thread.
        if (!isThenable(value)) settled = { ok: true, value };
      }
      settled ??= this.services.hostCall(fn, args);
      if (!settled.ok) {
        if (settled.cancelled) this.services.onCancelled();
        throw new LuaRaise(settled.error);
      }
      n = this.pushResults(L, settled.value, fn);
    } catch (e) {
      if (typeof e === 'number') throw e; // a Lua error (longjmp) passing through
      err = e instanceof LuaRaise ? e.message : errorMessage(e);
    }
    if (err !== undefined) api.raise(L, err);
    return n;
  }

  private pushResults(L: LuaPtr, value: unknown, fn: StageFunction): number {
    const { api } = this;
    try {
      if (fn.multi && Array.isArray(value)) {
        if (!api.M._lua_checkstack(L, value.length + 2)) throw new Error('too many results');
        for (const v of value) pushValue(api, L, v);
        return value.length;
      }
      if (value === undefined) return 0;
      pushValue(api, L, value);
      return 1;
    } catch (e) {
      throw new LuaRaise(`${fn.fullName} - ${errorMessage(e)}`);
    }
  }

  /** §8.2 `print`: scalars as text, other values through `aip.lua.dump`, joined with `\n`. */
  private print(L: LuaPtr): number {
    const { api } = this;
    let err: string | undefined;
    try {
      const n = api.top(L);
      const parts: string[] = [];
      for (let i = 1; i <= n; i++) {
        const t = api.type(L, i);
        if (t === T.STRING) parts.push(api.toString(L, i));
        else if (t === T.NUMBER) parts.push(api.isInteger(L, i) ? String(api.toInteger(L, i)) : formatFloat(api.toNumber(L, i)));
        else if (t === T.BOOLEAN) parts.push(api.M._lua_toboolean(L, i) ? 'true' : 'false');
        else parts.push(dumpLuaValue(api, L, i));
      }
      this.services?.print(parts.join('\n'));
    } catch (e) {
      if (typeof e === 'number') throw e;
      err = errorMessage(e);
    }
    if (err !== undefined) api.raise(L, err);
    return 0;
  }
}
