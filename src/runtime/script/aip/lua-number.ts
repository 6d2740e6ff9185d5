/**
 * Lua's number-to-string coercion for catalog arguments: a string parameter given a number
 * takes its Lua text, and integral floats arrive as `LuaFloat`, whose text keeps the `.0`
 * (`tostring(2.0)` is `2.0` in Lua 5.4).
 */
import { LuaFloat } from '../catalog';

/** The Lua text of a number argument, or undefined when `v` is not a number. */
export function luaNumberText(v: unknown): string | undefined {
  if (typeof v === 'number') return String(v);
  if (v instanceof LuaFloat) return Number.isInteger(v.value) ? `${v.value}.0` : String(v.value);
  return undefined;
}

/** The numeric value of a number argument (integer or float), or undefined. */
export function luaNumberValue(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v instanceof LuaFloat) return v.value;
  return undefined;
}
