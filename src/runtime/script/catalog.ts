/**
 * The `aip.*` catalog (house rule 2): one list per module of `{name, signature, doc, impl}`.
 * The Lua engine registers functions from it; the language server builds completion,
 * hover and signature help from the same entries.
 *
 * Values crossing into `impl` are plain JS (§2.9):
 * - Lua nil → `undefined`; the `null` sentinel → `null`
 * - strings → string; booleans → boolean; integers and floats → number
 * - a table whose keys are exactly 1..n → array; any other table (including `{}`) → plain object
 * What `impl` returns goes back the same way: `undefined` → nil, `null` → the `null` sentinel,
 * integral numbers → Lua integers (wrap with `luaFloat()` to force a float), arrays → sequences.
 * An `impl` may return a Promise: the engine yields the Lua coroutine until it settles.
 * Throwing (or rejecting) raises a Lua error with the message, catchable with `pcall`.
 */
import type { Host } from '../host';

/** Services a catalog function may use. The engine fills it per stage. */
export interface CallContext {
  /** Fully qualified function name, e.g. `aip.file.load` (for messages). */
  fnName: string;
  host: Host;
  /** Aborts when the run is cancelled: pass it to HTTP calls and child processes. */
  signal: AbortSignal;
  /** Directory services of the runtime (paths, guards, locks). Undefined in pure-function tests. */
  env?: ScriptEnv;
  /** The run this stage belongs to (for `aip.agent`, `aip.run`, `aip.task`). Undefined outside a run. */
  run?: RunBinding;
}

/** A pin's content as stored (§10.3 Marker). */
export interface PinMarker {
  label: string;
  content: string;
}

/** What a stage offers to the run-bound modules; the pipeline fills it per stage. */
export interface RunBinding {
  stage: 'BeforeAll' | 'Data' | 'Output' | 'AfterAll';
  /** True in Data and Output (a task exists). */
  inTask: boolean;
  /** Run another agent as a child run and wait for it (§10.1). */
  runAgent(name: string, opts: SubAgentOptions): Promise<{ outputs?: unknown[]; after_all?: unknown; redo_requested: boolean }>;
  setRunLabel(label: string): Promise<void>;
  setTaskLabel(label: string): Promise<void>;
  pinRun(iden: string, priority: number | undefined, marker: PinMarker): Promise<void>;
  pinTask(iden: string, priority: number | undefined, marker: PinMarker): Promise<void>;
}

export interface SubAgentOptions {
  inputs?: unknown[];
  options?: Record<string, unknown>;
  agentBaseDir?: string;
}

/**
 * What the engine's host side offers to I/O functions. Filled by the runtime from its
 * DirContext, session and file-write manager.
 */
export interface ScriptEnv {
  /** Absolute workspace dir, if any. */
  workspaceDir?: string;
  /** Absolute `~/.aipack-base`. */
  baseDir: string;
  homeDir: string;
  /** `<wks>/.aipack/.session/<uid>/tmp`, if a workspace. */
  tmpDir?: string;
  /** Directory of the running agent's file (`CTX.AGENT_FILE_DIR`). */
  agentDir?: string;
  /** Resolve a user path per §5.7 (`~`, `$tmp/`, pack refs, relative to `baseDir` or the workspace). */
  resolvePath(path: string, baseDir?: string): string;
  /** Run `fn` while holding the write lock of `absPath` (§7.5). */
  withWriteLock<T>(absPath: string, fn: () => Promise<T>): Promise<T>;
  /** Publish a short log line for the run (e.g. `-> Lua aip.file.save called on: x`). */
  log(message: string): void;
  /** Size cap of a file read by `aip.file.*` (bytes); the default cap when absent. */
  fileReadMaxBytes?: () => number;
}

export type CatalogImpl = (call: CallContext, ...args: unknown[]) => unknown;

export interface CatalogEntry {
  /** Function name within its module, e.g. `load`. */
  name: string;
  /** Full signature as the spec writes it, e.g. `aip.file.load(path: string, opts?: {base_dir?: string}) -> FileRecord`. */
  signature: string;
  /** User-facing Markdown: what it does, arguments, return, errors, a one-line example. */
  doc: string;
  /** Set when the function returns several Lua values: `impl` then returns a JS array of them. */
  multi?: boolean;
  impl: CatalogImpl;
}

export interface ModuleCatalog {
  /** Module name under `aip`, e.g. `file`. */
  module: string;
  /** One-paragraph description for hover on `aip.<module>`. */
  doc: string;
  entries: CatalogEntry[];
  /** Constant values, e.g. `aip.web.UA_AIPACK`. */
  constants?: Record<string, string | number | boolean>;
}

/** A float that must stay a float in Lua even when integral (e.g. `5.0`). */
export class LuaFloat {
  constructor(readonly value: number) {}
}
export function luaFloat(value: number): LuaFloat {
  return new LuaFloat(value);
}

// ---------------------------------------------------------------------------
// Argument checks with the §12.6 wording: `expected <string> for parameter 'path'`.

export class ArgError extends Error {
  constructor(fnName: string, expected: string, param: string, got: unknown) {
    super(`${fnName} - expected <${expected}> for parameter '${param}' but got ${luaTypeName(got)}`);
    this.name = 'ArgError';
  }
}

/** Lua-side type name of a JS value as the bridge would present it. */
export function luaTypeName(v: unknown): string {
  if (v === undefined) return 'nil';
  if (v === null) return 'null';
  if (typeof v === 'number' || v instanceof LuaFloat) return 'number';
  if (typeof v === 'object') return 'table';
  return typeof v;
}

export function argString(call: CallContext, v: unknown, param: string): string {
  if (typeof v !== 'string') throw new ArgError(call.fnName, 'string', param, v);
  return v;
}

export function argOptString(call: CallContext, v: unknown, param: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  return argString(call, v, param);
}

export function argNumber(call: CallContext, v: unknown, param: string): number {
  if (v instanceof LuaFloat) return v.value;
  if (typeof v !== 'number') throw new ArgError(call.fnName, 'number', param, v);
  return v;
}

export function argInteger(call: CallContext, v: unknown, param: string): number {
  const n = argNumber(call, v, param);
  if (!Number.isInteger(n)) throw new ArgError(call.fnName, 'integer', param, v);
  return n;
}

export function argTable(call: CallContext, v: unknown, param: string): Record<string, unknown> | unknown[] {
  if (v === null || typeof v !== 'object' || v instanceof LuaFloat) throw new ArgError(call.fnName, 'table', param, v);
  return v as Record<string, unknown> | unknown[];
}

/** An options table: nil/null → `{}`; anything but an object → error. */
export function argOptions(call: CallContext, v: unknown, param = 'options'): Record<string, unknown> {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v) || v instanceof LuaFloat) throw new ArgError(call.fnName, 'table', param, v);
  return v as Record<string, unknown>;
}

/** A string or a list of strings (globs, names): always returns a list. */
export function argStringOrList(call: CallContext, v: unknown, param: string): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  // An empty Lua table arrives as `{}`.
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) return [];
  throw new ArgError(call.fnName, 'string | string[]', param, v);
}
