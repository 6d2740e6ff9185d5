/**
 * Runs one stage script inside the script worker: a fresh Lua 5.4 state (pre-built while the
 * worker was idle), the chunk as a coroutine (so its traceback survives an error), a count
 * hook for cancel and the CPU budget, and a per-state memory cap. Everything the script calls
 * is synchronous: pure `aip.*` functions run here, the others block on the runtime thread.
 */
import type { StageName } from '../errors';
import type { CatalogEntry } from './catalog';
import { pushValue, readValue } from './lua-codec';
import { StateFactory, type Settled, type StageModule } from './lua-state';
import { LuaValueError } from './lua-values';
import { LUA_MASKCOUNT, S, T, type LuaApi, type LuaPtr } from './lua-wasm';

/** Modules whose functions need nothing but their arguments: they run in the worker. */
export const WORKER_MODULES = new Set([
  'text', 'md', 'json', 'toml', 'yaml', 'code', 'rust', 'tag', 'csv', 'shape', 'hash', 'uuid', 'semver', 'lua', 'hbs', 'html', 'flow',
]);

export interface StageRequest {
  id: number;
  chunkName: string;
  stage: StageName;
  /** The stage code, laid out on `.aip` lines. */
  code: string;
  ctx?: unknown;
  /** Stage variables (`input`, `data`…), copied into the chunk's `_ENV`. */
  vars: Record<string, unknown>;
  /** Identifies `modules`: a worker that has seen the key gets no `modules` again. */
  modulesKey: string;
  modules?: { module: string; functions: { name: string; multi?: boolean; local: boolean }[]; constants?: Record<string, unknown> }[];
  requireRoots: string[];
  cpuBudgetMs?: number;
  memoryMaxBytes: number;
  hookCount: number;
}

export type StageOutcome =
  | { ok: true; value: unknown }
  | { ok: false; kind: 'error' | 'cancel' | 'budget' | 'memory' | 'value'; message: string; traceback?: string };

export interface StageThreadHooks {
  hostCall(reqId: number, fnIndex: number, args: unknown[]): Settled;
  print(reqId: number, text: string): void;
  cancelRequested(): boolean;
}

const HOOK_DEFAULT = 1000;

export class StageRunner {
  private readonly factory: StateFactory;
  private prebuilt: { L: LuaPtr; ud: number } | undefined;
  private readonly hookPtr: number;
  private stop: { kind: 'cancel' | 'budget'; message: string } | undefined;
  private hookCheck: (() => void) | undefined;
  private readonly chunkCache = new Map<string, Uint8Array>();

  constructor(
    readonly api: LuaApi,
    private readonly local: Map<string, CatalogEntry>,
    private readonly hooks: StageThreadHooks,
  ) {
    this.factory = new StateFactory(api);
    this.hookPtr = api.M.addFunction(((L: number) => this.hook(L)) as never, 'vii');
  }

  /** Build the next stage's state ahead (idle time). */
  prebuild(): void {
    this.prebuilt ??= this.factory.newBaseState();
  }

  private hook(L: LuaPtr): void {
    let msg: string | undefined;
    try {
      if (!this.stop) this.hookCheck?.();
      if (this.stop) msg = this.stop.message;
    } catch {
      msg = 'hook failed';
    }
    // Once stopped, raise at every instruction: a `pcall` in the script may catch one raise,
    // but the next instruction outside it raises again, so the stop cannot be swallowed.
    if (msg !== undefined) {
      this.api.M._lua_sethook(L, this.hookPtr, LUA_MASKCOUNT, 1);
      this.api.raisePlain(L, msg);
    }
  }

  run(req: StageRequest): StageOutcome {
    const { api } = this;
    const M = api.M;
    const base = this.prebuilt ?? this.factory.newBaseState();
    this.prebuilt = undefined;
    const { L, ud } = base;
    this.stop = undefined;
    let hostMs = 0;
    const modules = this.stageModules(req);
    try {
      this.factory.setupStage(L, {
        modules,
        requireRoots: req.requireRoots,
        hostCall: (fn, args) => {
          const t0 = performance.now();
          try {
            return this.hooks.hostCall(req.id, fn.hostIndex, args);
          } finally {
            hostMs += performance.now() - t0;
          }
        },
        print: (text) => this.hooks.print(req.id, text),
        onCancelled: () => {
          this.stop ??= { kind: 'cancel', message: 'cancelled' };
        },
      }, req.ctx);
      this.factory.setMemoryMax(ud, req.memoryMaxBytes);

      const co: LuaPtr = M._lua_newthread(L); // anchored on L's stack for the whole run
      const status = this.loadChunk(co, req.code, req.chunkName);
      if (status !== S.OK) return { ok: false, kind: 'error', message: api.toString(co, -1) };
      this.setStageEnv(co, req.vars);

      const start = performance.now();
      const budget = req.cpuBudgetMs;
      this.hookCheck = () => {
        if (this.hooks.cancelRequested()) this.stop = { kind: 'cancel', message: 'cancelled' };
        else if (budget !== undefined && performance.now() - start - hostMs > budget) {
          this.stop = { kind: 'budget', message: `${req.stage} script exceeded its CPU time budget of ${budget} ms` };
        }
      };
      M._lua_sethook(co, this.hookPtr, LUA_MASKCOUNT, req.hookCount || HOOK_DEFAULT);
      const rc = M._lua_resume(co, L, 0, api.outPtr);
      const nres = api.M.HEAP32[api.outPtr >> 2] as number;
      const stop = this.stop as { kind: 'cancel' | 'budget'; message: string } | undefined;
      if (stop) return { ok: false, kind: stop.kind, message: stop.message };
      if (rc === S.YIELD) return { ok: false, kind: 'error', message: 'attempt to yield from outside a coroutine' };
      if (rc !== S.OK) return this.failure(L, co, rc, ud, req);
      if (nres === 0) return { ok: true, value: undefined };
      try {
        return { ok: true, value: readValue(api, co, -nres, 'stage') };
      } catch (e) {
        if (e instanceof LuaValueError) return { ok: false, kind: 'value', message: e.message };
        throw e;
      }
    } finally {
      this.hookCheck = undefined;
      this.factory.endStage();
      this.factory.close(L, ud);
    }
  }

  private readonly modulesByKey = new Map<string, StageModule[]>();

  /** The stage's `aip` modules, built once per catalog set (the runtime sends them the first time only). */
  private stageModules(req: StageRequest): StageModule[] {
    let modules = this.modulesByKey.get(req.modulesKey);
    if (modules) return modules;
    if (!req.modules) throw new Error(`unknown catalog set ${req.modulesKey}`);
    modules = [];
    let hostIndex = 0;
    for (const m of req.modules) {
      modules.push({
        module: m.module,
        constants: m.constants,
        functions: m.functions.map((f) => ({
          fullName: `aip.${m.module}.${f.name}`,
          multi: f.multi,
          local: f.local ? this.local.get(`${m.module}.${f.name}`) : undefined,
          hostIndex: hostIndex++,
        })),
      });
    }
    this.modulesByKey.set(req.modulesKey, modules);
    return modules;
  }

  private failure(L: LuaPtr, co: LuaPtr, rc: number, ud: number, req: StageRequest): StageOutcome {
    const { api } = this;
    let message: string;
    const t = api.type(co, -1);
    if (t === T.STRING || t === T.NUMBER) message = api.toString(co, -1);
    else if (t === T.NIL) message = 'nil';
    else {
      try {
        const v = readValue(api, co, -1, 'catalog');
        message = v === null ? 'null' : typeof v === 'object' ? JSON.stringify(v) : String(v);
      } catch {
        message = `(error object is a ${api.typeName(t)} value)`;
      }
    }
    if (rc === S.ERRMEM || this.factory.memoryHit(ud)) {
      const mb = Math.round(req.memoryMaxBytes / (1024 * 1024));
      return {
        ok: false,
        kind: 'memory',
        message: `${req.stage} script ran out of memory: its Lua state reached the limit of ${mb} MB (${message}; the limit is set with AIPACK_LUA_MEMORY_MB)`,
      };
    }
    api.M._luaL_traceback(L, co, 0, 0);
    const traceback = api.toString(L, -1);
    api.pop(L, 1);
    return { ok: false, kind: 'error', message, traceback };
  }

  /** Compiled chunks by chunk name + source (every task of a run loads the same stage code). */
  private loadChunk(L: LuaPtr, code: string, chunkName: string): number {
    const key = `${chunkName}\u0000${code}`;
    const cached = this.chunkCache.get(key);
    if (cached) return this.api.load(L, cached, `@${chunkName}`, 'b');
    const status = this.api.load(L, new TextEncoder().encode(code), `@${chunkName}`, 't');
    if (status !== S.OK || code.length > 256 * 1024) return status;
    if (this.chunkCache.size >= 128) this.chunkCache.delete(this.chunkCache.keys().next().value as string);
    this.chunkCache.set(key, this.api.dump(L, false));
    return status;
  }

  /**
   * The chunk's `_ENV`: a copy of the globals plus the stage variables (as the original's
   * `upgrade_scope`; a global wins over a stage variable of the same name).
   */
  private setStageEnv(co: LuaPtr, vars: Record<string, unknown>): void {
    const { api } = this;
    const M = api.M;
    M._lua_createtable(co, 0, 64);
    const env = api.top(co);
    api.pushGlobals(co);
    const g = env + 1;
    M._lua_pushnil(co);
    while (M._lua_next(co, g) !== 0) {
      M._lua_pushvalue(co, -2);
      M._lua_rotate(co, -2, 1);
      M._lua_rawset(co, env);
    }
    api.pop(co, 1);
    for (const [k, v] of Object.entries(vars)) {
      api.pushString(co, k);
      const taken = M._lua_rawget(co, env) !== T.NIL;
      api.pop(co, 1);
      if (taken) continue;
      api.pushString(co, k);
      pushValue(api, co, v);
      M._lua_rawset(co, env);
    }
    M._lua_setupvalue(co, -2, 1);
  }
}
