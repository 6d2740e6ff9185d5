/**
 * Catalog entries that must work on live Lua values rather than on converted JS values:
 * `aip.lua.merge` edits its target table in place and `aip.lua.dump` prints functions and
 * userdata. Such an entry carries a `lua` function (fengari calling convention) that the
 * engine registers instead of bridging `impl`; `impl` stays for JS callers and the catalog.
 */
import { lauxlib, lua, to_luastring, type LuaJsFunction, type LuaState } from 'fengari';
import type { CatalogEntry } from './catalog';

export interface LuaNativeEntry extends CatalogEntry {
  lua: LuaJsFunction;
}

export function isLuaNativeEntry(e: CatalogEntry): e is LuaNativeEntry {
  return typeof (e as Partial<LuaNativeEntry>).lua === 'function';
}

/** Raise a Lua error with the caller's `chunk:line:` prefix (does not return). */
export function raiseLuaError(L: LuaState, message: string): never {
  lauxlib.luaL_where(L, 1);
  lua.lua_pushstring(L, to_luastring(message));
  lua.lua_concat(L, 2);
  lua.lua_error(L);
  throw new Error('unreachable');
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
