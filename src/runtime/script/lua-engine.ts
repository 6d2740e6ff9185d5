/**
 * Runs one stage script (§2.1, §8.1): a fresh state, the script as one coroutine driven from
 * JS so host Promises are awaited between resumes, a count hook for cancel / CPU budget /
 * event-loop turns, and errors reported with the stage and the `.aip` line.
 */
import { lauxlib, lua, to_jsstring, to_luastring, type LuaState } from 'fengari';
import type { CallContext, ModuleCatalog } from './catalog';
import { AipError, type StageName } from '../errors';
import type { ScriptBlock } from '../agent/types';
import { luaCatalog } from './aip/lua';
import { layoutChunk, rewriteLocalAttribs } from './lua-prelude';
import { pushKey, rawSetField } from './lua-keys';
import { stageTurn } from '../loop-turn';
import { ASYNC_MARK, ENV_BASE, STAGE_GLOBALS, TURN_MARK, createLuaState, type BridgeState } from './lua-state';
import { LuaValueError, pushValue, readString, readValue } from './lua-values';

export interface RunStageOptions {
  script: ScriptBlock;
  /** Chunk name shown in messages, e.g. `main.aip`. */
  chunkName: string;
  stage: StageName;
  /**
   * Values in scope. `CTX` becomes a real global (required modules see it); every other key
   * is a stage variable (`input`, `inputs`, `data`, `before_all`, `ai_response`, `outputs`,
   * `options`…) visible to the stage script only (§5.6).
   */
  globals: Record<string, unknown>;
  catalogs: ModuleCatalog[];
  call: Omit<CallContext, 'fnName'>;
  requireRoots: string[];
  onPrint: (text: string) => void;
  /** CPU time (ms, excluding awaited host calls) after which the stage fails. */
  cpuBudgetMs?: number;
  /** Absolute `.aip` path for `AipError.location.file`. */
  filePath?: string;
  /** Longest run between event-loop turns (default 10 ms). */
  sliceMs?: number;
  /** Longest run inside a callback that cannot yield (sort comparator…) before failing (default 5000 ms). */
  nonYieldableLimitMs?: number;
  /** Set false only to measure the hook's cost: without it there is no cancel, budget or event-loop turn. */
  instructionHook?: boolean;
}

/** The run was cancelled while the script ran: record as a Cancel, not as an agent error. */
export class CancelledError extends Error {
  readonly cancelled = true;
  constructor(readonly stage?: StageName) {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

export function isCancelledError(e: unknown): e is CancelledError {
  return e instanceof CancelledError;
}

/** A Lua error, with the Lua traceback and the offending `.aip` source line when known. */
export class LuaScriptError extends AipError {
  constructor(
    message: string,
    opts: { stage: StageName; file?: string; line?: number },
    readonly traceback?: string,
    readonly sourceLine?: string,
  ) {
    super(message, { stage: opts.stage, location: opts.line !== undefined || opts.file ? { file: opts.file, line: opts.line } : undefined });
    this.name = 'LuaScriptError';
  }
}

const HOOK_COUNT = 1000;

interface DriveState {
  stop?: { kind: 'cancel' | 'budget' | 'blocked'; message: string };
  hookYield: boolean;
  sliceStart: number;
  cpuUsed: number;
}

/** Run a stage script; resolves to its first return value as a JS value (§2.9 stage reading). */
export async function runStageScript(opts: RunStageOptions): Promise<unknown> {
  const { stage, chunkName } = opts;
  const signal = opts.call.signal;
  if (signal.aborted) throw new CancelledError(stage);

  const mapLine = lineMapper(opts.script.lineMap);
  const layout = preparedScript(opts.script);
  if ('error' in layout) {
    const line = mapLine(layout.line);
    throw scriptError(`${chunkName}:${line}: ${layout.error}`, opts, undefined);
  }
  const toAip = layout.aligned ? (n: number) => n : mapLine;

  const gate = stageTurn(stage === 'Data' || stage === 'BeforeAll' ? 'first' : 'later');
  if (gate) {
    await gate;
    if (signal.aborted) throw new CancelledError(stage);
  }

  const bridge: BridgeState = { call: opts.call };
  const { CTX, ...stageVars } = opts.globals;
  const L = createLuaState({ catalogs: opts.catalogs, requireRoots: opts.requireRoots, onPrint: opts.onPrint, ctx: CTX }, bridge);
  const co: LuaState = lua.lua_newthread(L); // stays on L's stack: anchored for the whole run

  if (loadChunk(co, layout.code, chunkName) !== lua.LUA_OK) {
    throw scriptError(mapMessage(readString(co, -1), chunkName, toAip), opts, undefined);
  }
  setStageEnv(co, stageVars);

  const ds: DriveState = { hookYield: false, sliceStart: 0, cpuUsed: 0 };
  const sliceMs = opts.sliceMs ?? 10;
  const blockLimit = opts.nonYieldableLimitMs ?? 5000;
  const budget = opts.cpuBudgetMs;
  const raise = (l: LuaState, kind: 'cancel' | 'budget' | 'blocked', message: string) => {
    ds.stop ??= { kind, message };
    lua.lua_pushstring(l, to_luastring(ds.stop.message));
    lua.lua_error(l);
  };
  // Inherited by the script's own coroutines (lua_newthread copies the hook).
  if (opts.instructionHook !== false) lua.lua_sethook(co, (l: LuaState) => {
    // Once stopped, keep raising so a `pcall` in the script cannot swallow the stop.
    if (ds.stop) return raise(l, ds.stop.kind, ds.stop.message);
    if (signal.aborted) return raise(l, 'cancel', 'cancelled');
    const elapsed = performance.now() - ds.sliceStart;
    if (budget !== undefined && ds.cpuUsed + elapsed > budget) {
      return raise(l, 'budget', `${stage} script exceeded its CPU time budget of ${budget} ms`);
    }
    if (elapsed < sliceMs) return;
    if (l === co && lua.lua_isyieldable(l)) {
      ds.hookYield = true;
      lua.lua_yield(l, 0);
      return;
    }
    // One of the script's own coroutines: pause it; the coroutine shim passes the turn up.
    if (l !== co && lua.lua_isyieldable(l) && lua.lua_isyieldable(co)) {
      bridge.innerHookYield = true;
      lua.lua_yield(l, 0);
      return;
    }
    if (elapsed > blockLimit) {
      raise(l, 'blocked', `${stage} script ran ${blockLimit} ms inside a callback that cannot yield (table.sort comparator, string.gsub callback, __tostring…)`);
    }
  }, lua.LUA_MASKCOUNT, HOOK_COUNT);

  let nargs = 0;
  for (;;) {
    ds.sliceStart = performance.now();
    const status = lua.lua_resume(co, L, nargs);
    ds.cpuUsed += performance.now() - ds.sliceStart;
    nargs = 0;
    if (ds.stop?.kind === 'cancel' || (status !== lua.LUA_OK && status !== lua.LUA_YIELD && signal.aborted)) {
      throw new CancelledError(stage);
    }
    if (status === lua.LUA_OK) return readResult(L, co, opts);
    if (status !== lua.LUA_YIELD) throw errorFromThread(L, co, opts, toAip);

    const n = lua.lua_gettop(co);
    if (ds.hookYield) {
      ds.hookYield = false;
      lua.lua_settop(co, 0);
      await turn();
    } else if (n === 1 && lua.lua_touserdata(co, 1) === TURN_MARK) {
      lua.lua_settop(co, 0);
      await turn();
    } else if (n === 1 && lua.lua_touserdata(co, 1) === ASYNC_MARK && bridge.pending) {
      lua.lua_settop(co, 0);
      const pending = bridge.pending;
      bridge.pending = undefined;
      bridge.settled = await untilSettledOrAborted(pending, signal, stage);
    } else {
      throw new LuaScriptError('attempt to yield from outside a coroutine', { stage, file: opts.filePath });
    }
    if (signal.aborted) throw new CancelledError(stage);
  }
}

type PreparedScript = ReturnType<typeof layoutChunk> | { error: string; line: number };

/** A stage's script after the 5.4 rewrites and the line layout: the same per task, so kept with the parsed script. */
const prepared = new WeakMap<RunStageOptions['script'], PreparedScript>();

function preparedScript(script: RunStageOptions['script']): PreparedScript {
  let p = prepared.get(script);
  if (!p) {
    const rewritten = rewriteLocalAttribs(script.code);
    p = 'error' in rewritten ? { error: rewritten.error, line: rewritten.line } : layoutChunk(rewritten.code, script.lineMap);
    prepared.set(script, p);
  }
  return p;
}

/**
 * Compiled chunks by chunk name + source: every task of a run loads the same Data and
 * Output scripts, and parsing was a quarter of a stage's start. The bytecode keeps its debug
 * info (line numbers, local names), so errors and tracebacks read as from source.
 */
const bytecode = new Map<string, Uint8Array>();
const BYTECODE_MAX = 128;
const BYTECODE_MAX_SOURCE = 256 * 1024;

function loadChunk(L: LuaState, code: string, chunkName: string): number {
  const key = `${chunkName}\u0000${code}`;
  const cached = bytecode.get(key);
  if (cached) return lauxlib.luaL_loadbufferx(L, cached, null, to_luastring(`@${chunkName}`), to_luastring('b'));
  const status = lauxlib.luaL_loadbuffer(L, to_luastring(code), null, to_luastring(`@${chunkName}`));
  // A failed parse is not cached (its error comes from the parse); nor is a giant script (memory).
  if (status !== lua.LUA_OK || code.length > BYTECODE_MAX_SOURCE) return status;
  const parts: Uint8Array[] = [];
  lua.lua_dump(L, (_l: LuaState, b: Uint8Array, size: number) => {
    parts.push(b.slice(0, size));
    return 0;
  }, null, false);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  if (bytecode.size >= BYTECODE_MAX) bytecode.delete(bytecode.keys().next().value as string);
  bytecode.set(key, out);
  return status;
}

/** Give timers and I/O callbacks a turn. */
function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

// One 'abort' listener per signal, fanned out to the stages awaiting on it: many concurrent
// tasks share the run's signal and Node warns past 10 listeners.
const abortWaiters = new WeakMap<AbortSignal, Set<() => void>>();

function onAbort(signal: AbortSignal, fn: () => void): () => void {
  let set = abortWaiters.get(signal);
  if (!set) {
    const waiters = new Set<() => void>();
    set = waiters;
    abortWaiters.set(signal, waiters);
    signal.addEventListener('abort', () => {
      for (const w of [...waiters]) w();
      waiters.clear();
    }, { once: true });
  }
  set.add(fn);
  return () => set.delete(fn);
}

async function untilSettledOrAborted<T>(p: Promise<T>, signal: AbortSignal, stage: StageName): Promise<T> {
  if (signal.aborted) throw new CancelledError(stage);
  let off!: () => void;
  const aborted = new Promise<never>((_, reject) => {
    off = onAbort(signal, () => reject(new CancelledError(stage)));
  });
  try {
    return await Promise.race([p, aborted]);
  } finally {
    off();
  }
}

/**
 * The chunk's `_ENV`: a copy of the globals plus the stage variables (as the original's scope
 * table; a global wins over a stage variable of the same name). The copy was made with the
 * base state; the globals set since are mirrored into it.
 */
function setStageEnv(co: LuaState, vars: Record<string, unknown>): void {
  lua.lua_rawgetp(co, lua.LUA_REGISTRYINDEX, ENV_BASE);
  const env = lua.lua_gettop(co);
  lua.lua_pushglobaltable(co);
  for (const name of STAGE_GLOBALS) {
    pushKey(co, name);
    lua.lua_rawget(co, env + 1);
    rawSetField(co, env, name);
  }
  lua.lua_pop(co, 1);
  for (const [k, v] of Object.entries(vars)) {
    pushKey(co, k);
    const taken = lua.lua_rawget(co, env) !== lua.LUA_TNIL;
    lua.lua_pop(co, 1);
    if (taken) continue;
    pushValue(co, v);
    rawSetField(co, env, k);
  }
  lua.lua_setupvalue(co, -2, 1);
}

function readResult(L: LuaState, co: LuaState, opts: RunStageOptions): unknown {
  if (lua.lua_gettop(co) === 0) return undefined;
  lua.lua_settop(co, 1);
  lua.lua_xmove(co, L, 1);
  try {
    return readValue(L, -1, 'stage');
  } catch (e) {
    if (e instanceof LuaValueError) {
      throw new LuaScriptError(`${opts.stage} script returned a value that cannot be used: ${e.message}`, {
        stage: opts.stage,
        file: opts.filePath,
      });
    }
    throw e;
  }
}

function errorFromThread(L: LuaState, co: LuaState, opts: RunStageOptions, toAip: (n: number) => number): AipError {
  let message: string;
  // Read the error object on the main state: a dead coroutine has no stack room left.
  lua.lua_xmove(co, L, 1);
  const t = lua.lua_type(L, -1);
  if (t === lua.LUA_TSTRING || t === lua.LUA_TNUMBER) message = readString(L, -1);
  else if (t === lua.LUA_TNIL) message = 'nil';
  else {
    try {
      const v = readValue(L, -1, 'catalog');
      message = v === null ? 'null' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    } catch {
      message = `(error object is a ${to_jsstring(lua.lua_typename(L, t))} value)`;
    }
  }
  lua.lua_pop(L, 1);
  lauxlib.luaL_traceback(L, co, null, 0);
  const traceback = mapMessage(readString(L, -1), opts.chunkName, toAip);
  lua.lua_pop(L, 1);
  return scriptError(mapMessage(message, opts.chunkName, toAip), opts, traceback);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Rewrite `chunk:N:` to `.aip` lines when the chunk could not be laid out on them. */
function mapMessage(text: string, chunkName: string, toAip: (n: number) => number): string {
  const re = new RegExp(`${escapeRe(chunkName)}:(\\d+):`, 'g');
  return text.replace(re, (_m, n: string) => `${chunkName}:${toAip(Number(n))}:`);
}

function lineMapper(lineMap: number[]): (n: number) => number {
  return (n) => (n >= 1 && n <= lineMap.length ? lineMap[n - 1] : n);
}

function scriptError(message: string, opts: RunStageOptions, traceback: string | undefined): LuaScriptError {
  const re = new RegExp(`${escapeRe(opts.chunkName)}:(\\d+):`);
  const m = re.exec(message) ?? (traceback ? re.exec(traceback) : null);
  const line = m ? Number(m[1]) : undefined;
  let sourceLine: string | undefined;
  if (line !== undefined) {
    const idx = opts.script.lineMap.indexOf(line);
    const codeLines = opts.script.code.split('\n');
    const i = idx >= 0 ? idx : opts.script.lineMap.length === 0 ? line - 1 : -1;
    if (i >= 0 && i < codeLines.length) sourceLine = codeLines[i].trim();
  }
  return new LuaScriptError(message, { stage: opts.stage, file: opts.filePath, line }, traceback, sourceLine);
}

// ---------------------------------------------------------------------------

export interface EvalLuaOptions extends Partial<Omit<RunStageOptions, 'script' | 'call'>> {
  call?: Partial<Omit<CallContext, 'fnName'>>;
  lineMap?: number[];
}

const testHost = {
  getSecret: async () => undefined,
  openFile: async () => undefined,
  trash: async () => undefined,
  nowMicros: () => Math.floor(Date.now() * 1000),
};

/** Convenience for tests and tools: run `code` as a Data stage with `aip.lua` registered. */
export function evalLua(code: string, opts: EvalLuaOptions = {}): Promise<unknown> {
  const { call, lineMap, ...rest } = opts;
  return runStageScript({
    chunkName: 'eval.lua',
    stage: 'Data',
    globals: {},
    catalogs: [luaCatalog],
    requireRoots: [],
    onPrint: () => {},
    ...rest,
    script: { code, lineMap: lineMap ?? [] },
    call: { host: testHost, signal: new AbortController().signal, ...call },
  });
}

export { pushValue };
