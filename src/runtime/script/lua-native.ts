/**
 * Catalog entries that must work on live Lua values rather than on converted JS values:
 * `aip.lua.merge` edits its target table in place and `aip.lua.dump` prints functions and
 * userdata. Such an entry carries a `lua` function (raw C API calling convention: the
 * thread's LuaApi and the `lua_State` address; returns the result count) that the engine
 * registers instead of bridging `impl`; `impl` stays for JS callers and the catalog.
 */
import type { CatalogEntry } from './catalog';
import type { LuaApi, LuaPtr } from './lua-wasm';

export type LuaNativeFunction = (api: LuaApi, L: LuaPtr) => number;

export interface LuaNativeEntry extends CatalogEntry {
  lua: LuaNativeFunction;
}

export function isLuaNativeEntry(e: CatalogEntry): e is LuaNativeEntry {
  return typeof (e as Partial<LuaNativeEntry>).lua === 'function';
}

/**
 * Thrown by a native function to raise a Lua error with the caller's `chunk:line:` prefix: the
 * engine turns it into `lua_error` once the JS frames are gone (a longjmp must not cross them).
 */
export class LuaRaise extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LuaRaise';
  }
}

/** Raise a Lua error with the caller's `chunk:line:` prefix (does not return). */
export function raiseLuaError(message: string): never {
  throw new LuaRaise(message);
}

/**
 * Number text as the original prints it (Rust `f64` Display): integral floats without `.0`,
 * never an exponent. Used by `print` and `aip.lua.dump`.
 */
export function formatFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  const s = String(n);
  if (!/e/i.test(s)) return s;
  const [mant, expStr] = s.split(/e/i);
  const exp = Number(expStr);
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  const intLen = mant.replace('-', '').split('.')[0].length;
  const point = intLen + exp;
  let out: string;
  if (point <= 0) out = '0.' + '0'.repeat(-point) + digits;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = digits.slice(0, point) + '.' + digits.slice(point);
  return (neg ? '-' : '') + out;
}
