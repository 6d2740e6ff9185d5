/**
 * Real Lua 5.4 (wasmoon's build of the reference C code) used through its raw C API only.
 *
 * wasmoon's convenience layer (`global.set`, values returned by `doString`, automatic table
 * conversion) corrupted the state under load (large strings, big tables: `_ENV` = nil, then
 * `memory access out of bounds`; see ../shared/lua-engine-notes.md §0), so nothing here uses
 * it: we take the emscripten module wasmoon instantiates and call the exported `lua_*`
 * functions ourselves. Strings go in and out as bytes through the wasm heap; integers are
 * 64-bit (BigInt at the boundary).
 *
 * One module per thread (a script worker); its compiled `WebAssembly.Module` can be shared
 * between workers so the wasm is compiled once per process.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The emscripten module: exported C functions (`_lua_*`), `_malloc`/`_free`, heap views. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LuaModule = Record<string, any> & {
  HEAPU8: Uint8Array;
  HEAPU32: Uint32Array;
  _malloc(n: number): number;
  _free(p: number): void;
  addFunction(fn: (...args: never[]) => unknown, sig: string): number;
};

/** A `lua_State *` (an address in the wasm heap). */
export type LuaPtr = number;

export const LUA_REGISTRYINDEX = -1001000;
export const LUA_RIDX_GLOBALS = 2;
export const LUA_MULTRET = -1;
export const LUA_MASKCOUNT = 8;
export const T = { NONE: -1, NIL: 0, BOOLEAN: 1, LIGHTUSERDATA: 2, NUMBER: 3, STRING: 4, TABLE: 5, FUNCTION: 6, USERDATA: 7, THREAD: 8 } as const;
export const S = { OK: 0, YIELD: 1, ERRRUN: 2, ERRSYNTAX: 3, ERRMEM: 4, ERRERR: 5 } as const;
const TYPE_NAMES = ['nil', 'boolean', 'userdata', 'number', 'string', 'table', 'function', 'userdata', 'thread'];

export function upvalueIndex(i: number): number {
  return LUA_REGISTRYINDEX - i;
}

/** Where glue.wasm is: beside the bundle (esbuild copies it) or in the wasmoon package. */
export function glueWasmPath(): string {
  const beside = join(__dirname, 'glue.wasm');
  if (existsSync(beside)) return beside;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return join(require.resolve('wasmoon').replace(/index\.js$/, ''), 'glue.wasm');
}

/** A compiled `WebAssembly.Module` (the lib typings here do not declare WebAssembly). */
export type WasmModule = object;
interface WasmApi {
  compile(bytes: Uint8Array): Promise<WasmModule>;
  instantiate(src: unknown, imports: unknown): Promise<unknown>;
  Module: new (...args: never[]) => WasmModule;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let compiled: Promise<WasmModule> | undefined;

/** The glue.wasm compiled once (shared with workers through `workerData`). */
export function compileLuaWasm(): Promise<WasmModule> {
  compiled ??= import('node:fs/promises').then((fs) => fs.readFile(glueWasmPath())).then((b) => wasm.compile(b));
  return compiled;
}

let loading: Promise<LuaApi> | undefined;

/**
 * This thread's Lua module. With `shared`, the already compiled module is instantiated
 * instead of compiling glue.wasm again: emscripten's loader has no hook for that in this
 * build, so `WebAssembly.instantiate` is redirected for the duration of the load.
 */
export function loadLuaApi(shared?: WasmModule): Promise<LuaApi> {
  loading ??= (async () => {
    const { LuaFactory } = await import('wasmoon');
    const original = wasm.instantiate;
    if (shared) {
      wasm.instantiate = async (src: unknown, imports: unknown) => {
        if (src instanceof wasm.Module) return original.call(wasm, src, imports);
        const instance = await original.call(wasm, shared, imports);
        return { module: shared, instance };
      };
    }
    try {
      const luaWasm = (await new LuaFactory(glueWasmPath()).getLuaModule()) as unknown as { module: LuaModule };
      return new LuaApi(luaWasm.module);
    } finally {
      wasm.instantiate = original;
    }
  })();
  return loading;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

/** Thin helpers over the raw C API: string bytes, C names, integers. */
export class LuaApi {
  private scratch = 0;
  private scratchCap = 0;
  private readonly names = new Map<string, number>();
  /** An 8-byte cell for out-parameters (string lengths, result counts). */
  readonly outPtr: number;
  /** The address pushed as light userdata for aipack's `null` sentinel. */
  readonly nullPtr: number;

  constructor(readonly M: LuaModule) {
    this.outPtr = M._malloc(8);
    this.nullPtr = M._malloc(1);
  }

  /** A NUL-terminated C string, allocated once per distinct name (keys, field names). */
  cname(name: string): number {
    let p = this.names.get(name);
    if (p === undefined) {
      const b = encoder.encode(name + '\0');
      p = this.M._malloc(b.length);
      this.M.HEAPU8.set(b, p);
      if (this.names.size < 10_000) this.names.set(name, p);
    }
    return p;
  }

  private reserve(n: number): number {
    if (n > this.scratchCap) {
      if (this.scratch) this.M._free(this.scratch);
      this.scratchCap = Math.max(n, 4096);
      this.scratch = this.M._malloc(this.scratchCap);
      if (!this.scratch) {
        this.scratchCap = 0;
        throw new Error('out of wasm memory');
      }
    }
    return this.scratch;
  }

  /** Copy bytes into the wasm heap (scratch buffer, valid until the next call). */
  bytesIn(bytes: Uint8Array): number {
    const p = this.reserve(bytes.length + 1);
    this.M.HEAPU8.set(bytes, p);
    return p;
  }

  pushString(L: LuaPtr, s: string): void {
    if (s.length < 1024) {
      const p = this.reserve(s.length * 3 + 1);
      const { written } = encoder.encodeInto(s, this.M.HEAPU8.subarray(p, p + s.length * 3 + 1));
      this.M._lua_pushlstring(L, p, written);
      return;
    }
    this.pushBytes(L, encoder.encode(s));
  }

  pushBytes(L: LuaPtr, bytes: Uint8Array): void {
    const p = this.bytesIn(bytes);
    this.M._lua_pushlstring(L, p, bytes.length);
  }

  /** The bytes of the string (or number, converted in place) at `idx`; a view valid until the next Lua call. */
  bytesView(L: LuaPtr, idx: number): Uint8Array {
    const p = this.M._lua_tolstring(L, idx, this.outPtr);
    if (!p) return new Uint8Array(0);
    const n = this.M.HEAPU32[this.outPtr >> 2];
    return this.M.HEAPU8.subarray(p, p + n);
  }

  /** Text of the value at `idx` (string or number); bytes that are not UTF-8 become U+FFFD. */
  toString(L: LuaPtr, idx: number): string {
    return decoder.decode(this.bytesView(L, idx));
  }

  typeName(t: number): string {
    return TYPE_NAMES[t] ?? 'no value';
  }

  type(L: LuaPtr, idx: number): number {
    return this.M._lua_type(L, idx);
  }

  pop(L: LuaPtr, n: number): void {
    this.M._lua_settop(L, -n - 1);
  }

  top(L: LuaPtr): number {
    return this.M._lua_gettop(L);
  }

  abs(L: LuaPtr, idx: number): number {
    return this.M._lua_absindex(L, idx);
  }

  /** Move the top value to `idx`. */
  insert(L: LuaPtr, idx: number): void {
    this.M._lua_rotate(L, idx, 1);
  }

  pushGlobals(L: LuaPtr): void {
    this.M._lua_rawgeti(L, LUA_REGISTRYINDEX, BigInt(LUA_RIDX_GLOBALS));
  }

  getGlobal(L: LuaPtr, name: string): number {
    return this.M._lua_getglobal(L, this.cname(name));
  }

  setGlobal(L: LuaPtr, name: string): void {
    this.M._lua_setglobal(L, this.cname(name));
  }

  getField(L: LuaPtr, idx: number, name: string): number {
    return this.M._lua_getfield(L, idx, this.cname(name));
  }

  setField(L: LuaPtr, idx: number, name: string): void {
    this.M._lua_setfield(L, idx, this.cname(name));
  }

  /** `t[name] = top` without metamethods (pops the value); `t` absolute. */
  rawSetField(L: LuaPtr, t: number, name: string): void {
    this.pushString(L, name);
    this.insert(L, -2);
    this.M._lua_rawset(L, t);
  }

  pushInteger(L: LuaPtr, n: number | bigint): void {
    this.M._lua_pushinteger(L, typeof n === 'bigint' ? n : BigInt(n));
  }

  toInteger(L: LuaPtr, idx: number): bigint {
    return this.M._lua_tointegerx(L, idx, 0) as bigint;
  }

  toNumber(L: LuaPtr, idx: number): number {
    return this.M._lua_tonumberx(L, idx, 0) as number;
  }

  isInteger(L: LuaPtr, idx: number): boolean {
    return this.M._lua_isinteger(L, idx) !== 0;
  }

  /** Load `code` as a chunk named `name` (`@file` style); mode 't', 'b' or 'bt'. */
  load(L: LuaPtr, code: Uint8Array, name: string, mode = 'bt'): number {
    const p = this.bytesIn(code);
    return this.M._luaL_loadbufferx(L, p, code.length, this.cname(name), this.cname(mode));
  }

  /** lua_dump of the function at the top (stripped or not) as bytes. */
  dump(L: LuaPtr, strip: boolean): Uint8Array {
    const parts: Uint8Array[] = [];
    const writer = this.M.addFunction(((_l: number, p: number, sz: number) => {
      parts.push(this.M.HEAPU8.slice(p, p + sz));
      return 0;
    }) as never, 'iiiii');
    try {
      this.M._lua_dump(L, writer, 0, strip ? 1 : 0);
    } finally {
      this.M.removeFunction(writer);
    }
    const out = new Uint8Array(parts.reduce((n, x) => n + x.length, 0));
    let off = 0;
    for (const x of parts) {
      out.set(x, off);
      off += x.length;
    }
    return out;
  }

  /**
   * Raise a Lua error `chunk:line: message` at the caller's line. Does not return (longjmp
   * through the wasm stack): call it outside any JS try/finally.
   */
  raise(L: LuaPtr, message: string): never {
    this.M._luaL_where(L, 1);
    this.pushString(L, message);
    this.M._lua_concat(L, 2);
    this.M._lua_error(L);
    throw new Error('unreachable');
  }

  /** Raise the string as is (no position). */
  raisePlain(L: LuaPtr, message: string): never {
    this.pushString(L, message);
    this.M._lua_error(L);
    throw new Error('unreachable');
  }
}
