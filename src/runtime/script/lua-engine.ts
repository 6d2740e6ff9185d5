/**
 * Runs one stage script (§2.1, §8.1) on real Lua 5.4 in a script worker (lua-pool.ts): a fresh
 * state per stage, host calls answered here, cancel through the worker's instruction hook (or
 * by terminating the worker), and errors reported with the stage and the `.aip` line.
 */
import type { CallContext, ModuleCatalog } from './catalog';
import { AipError, errorMessage, type StageName } from '../errors';
import type { ScriptBlock } from '../agent/types';
import { luaCatalog } from './aip/lua';
import { STATIC_CATALOGS } from './aip/index';
import { layoutChunk } from './lua-prelude';
import { stageTurn } from '../loop-turn';
import { luaPool, onAbort } from './lua-pool';
import type { StageRequest } from './lua-stage';
import { WORKER_MODULES } from './lua-stage';
import type { Settled } from './lua-state';

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
  /** Memory cap of the stage's Lua state, in MB (default: AIPACK_LUA_MEMORY_MB, else 512). */
  memoryMaxMb?: number;
  /** Instructions between two cancel/budget checks (default 1000). */
  hookCount?: number;
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

const DEFAULT_MEMORY_MB = 512;

function memoryMaxBytes(opts: RunStageOptions): number {
  const env = Number(process.env.AIPACK_LUA_MEMORY_MB);
  const mb = opts.memoryMaxMb ?? (Number.isFinite(env) && env > 0 ? env : DEFAULT_MEMORY_MB);
  return Math.floor(mb * 1024 * 1024);
}

/** Built-in catalogs by module: their pure functions may run in the worker. */
let builtins: Map<string, ModuleCatalog> | undefined;

type HostEntry = { fullName: string; cat: ModuleCatalog; index: number };
type Described = { key: string; modules: StageRequest['modules']; entries: HostEntry[] };

// The catalogs of a stage are the same objects stage after stage: describe them once, and let
// each worker keep the description under its key (only the key crosses after the first time).
const catalogIds = new WeakMap<ModuleCatalog, number>();
let nextCatalogId = 1;
const described = new Map<string, Described>();

function describeModules(catalogs: ModuleCatalog[]): Described {
  const key = catalogs
    .map((c) => {
      let id = catalogIds.get(c);
      if (id === undefined) {
        id = nextCatalogId++;
        catalogIds.set(c, id);
      }
      return id;
    })
    .join(',');
  const hit = described.get(key);
  if (hit) return hit;
  builtins ??= new Map(STATIC_CATALOGS.map((c) => [c.module, c]));
  const modules: StageRequest['modules'] = [];
  const entries: HostEntry[] = [];
  for (const cat of catalogs) {
    const local = WORKER_MODULES.has(cat.module) && builtins.get(cat.module) === cat;
    modules.push({
      module: cat.module,
      constants: cat.constants,
      functions: cat.entries.map((e, index) => {
        entries.push({ fullName: `aip.${cat.module}.${e.name}`, cat, index });
        return { name: e.name, multi: e.multi, local };
      }),
    });
  }
  const d = { key, modules, entries };
  if (described.size > 256) described.clear();
  described.set(key, d);
  return d;
}

/** Run a stage script; resolves to its first return value as a JS value (§2.9 stage reading). */
export async function runStageScript(opts: RunStageOptions): Promise<unknown> {
  const { stage, chunkName } = opts;
  const signal = opts.call.signal;
  if (signal.aborted) throw new CancelledError(stage);

  const mapLine = lineMapper(opts.script.lineMap);
  const layout = preparedScript(opts.script);
  const toAip = layout.aligned ? (n: number) => n : mapLine;

  const gate = stageTurn(stage === 'Data' || stage === 'BeforeAll' ? 'first' : 'later');
  if (gate) {
    await gate;
    if (signal.aborted) throw new CancelledError(stage);
  }

  const { CTX, ...vars } = opts.globals;
  const { key: modulesKey, modules, entries } = describeModules(opts.catalogs);
  const result = await luaPool().run({
    req: {
      chunkName,
      stage,
      code: layout.code,
      ctx: CTX === undefined ? undefined : normalizeCtx(CTX),
      vars,
      modulesKey,
      modules,
      requireRoots: opts.requireRoots,
      cpuBudgetMs: opts.cpuBudgetMs,
      memoryMaxBytes: memoryMaxBytes(opts),
      hookCount: opts.hookCount ?? 1000,
    },
    signal,
    print: opts.onPrint,
    hostCall: (fnIndex, args) => hostCall(opts, entries[fnIndex], args),
  });
  if (result.ok) return result.value;
  if (result.kind === 'cancel' || signal.aborted) throw new CancelledError(stage);
  if (result.kind === 'value') {
    throw new LuaScriptError(`${stage} script returned a value that cannot be used: ${result.message}`, { stage, file: opts.filePath });
  }
  if (result.kind === 'error') {
    const traceback = 'traceback' in result && result.traceback ? mapMessage(result.traceback, chunkName, toAip) : undefined;
    throw scriptError(mapMessage(result.message, chunkName, toAip), opts, traceback);
  }
  throw new LuaScriptError(result.message, { stage, file: opts.filePath });
}

/** A host call from the worker: the catalog function runs here, with the stage's services. */
async function hostCall(opts: RunStageOptions, entry: HostEntry | undefined, args: unknown[]): Promise<Settled> {
  if (!entry) return { ok: false, error: 'unknown host function' };
  const signal = opts.call.signal;
  if (signal.aborted) return { ok: false, error: 'cancelled', cancelled: true };
  const fn = entry.cat.entries[entry.index];
  try {
    const value = fn.impl({ ...opts.call, fnName: entry.fullName }, ...args);
    if (value === null || typeof value !== 'object' || typeof (value as { then?: unknown }).then !== 'function') return { ok: true, value };
    return await untilSettledOrAborted(value as Promise<unknown>, signal);
  } catch (e) {
    return { ok: false, error: errorMessage(e) };
  }
}

/** §3: `RUN_FLOW_REDO_COUNT` is an integer in every stage (the original's string form is a quirk). */
function normalizeCtx(ctx: unknown): unknown {
  if (ctx === null || typeof ctx !== 'object') return ctx;
  const c = ctx as Record<string, unknown>;
  const redo = c.RUN_FLOW_REDO_COUNT;
  if (typeof redo === 'string' && /^\d+$/.test(redo)) return { ...c, RUN_FLOW_REDO_COUNT: Number(redo) };
  return ctx;
}

/** A stage's script after the line layout: the same per task, so kept with the parsed script. */
const prepared = new WeakMap<RunStageOptions['script'], ReturnType<typeof layoutChunk>>();

function preparedScript(script: RunStageOptions['script']): ReturnType<typeof layoutChunk> {
  let p = prepared.get(script);
  if (!p) {
    p = layoutChunk(script.code, script.lineMap);
    prepared.set(script, p);
  }
  return p;
}

async function untilSettledOrAborted(p: Promise<unknown>, signal: AbortSignal): Promise<Settled> {
  let off!: () => void;
  const aborted = new Promise<Settled>((resolve) => {
    off = onAbort(signal, () => resolve({ ok: false, error: 'cancelled', cancelled: true }));
  });
  try {
    return await Promise.race([p.then((value): Settled => ({ ok: true, value }), (e): Settled => ({ ok: false, error: errorMessage(e) })), aborted]);
  } finally {
    off();
  }
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


