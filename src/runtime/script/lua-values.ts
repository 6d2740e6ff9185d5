/**
 * JS-side helpers of the value convention (§2.9): the `null` sentinel, the JSON text of a
 * stage value (keeping `1.0` a float and 64-bit integers exact), and the encoding of values
 * sent between the runtime thread and a script worker. The Lua side of the codec is
 * lua-codec.ts (it needs the wasm module; this file does not).
 */
import { LuaFloat } from './catalog';

/** The `null` sentinel as a JS value when it must differ from `null` (pushed as the sentinel everywhere). */
export const LUA_NULL: object = Object.freeze({ aipNull: true });

export class LuaValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LuaValueError';
  }
}

/**
 * JSON text of a stage value: `LuaFloat(1)` is written `1.0` so the float survives, a BigInt
 * (a Lua integer beyond ±2^53) is written with all its digits; the pipeline can store this and
 * read it back with `parseStageJson`.
 */
export function stageValueToJson(v: unknown, indent?: number): string {
  const FLOAT = '\u0000f:';
  const INT = '\u0000i:';
  const text = JSON.stringify(
    v,
    (_k, val) => {
      if (val instanceof LuaFloat) return `${FLOAT}${Number.isFinite(val.value) ? val.value : 'null'}`;
      if (typeof val === 'bigint') return `${INT}${val}`;
      return val;
    },
    indent,
  );
  if (text === undefined) return 'null';
  return text
    .replace(/"\\u0000f:([^"]*)"/g, (_m, n: string) => (n === 'null' ? 'null' : Number.isInteger(Number(n)) && !/e/i.test(n) ? `${n}.0` : n))
    .replace(/"\\u0000i:(-?\d+)"/g, (_m, n: string) => n);
}

/** Replace every `LuaFloat` by its number (for consumers that do not care about the subtype). */
export function plainValue(v: unknown): unknown {
  if (v instanceof LuaFloat) return v.value;
  if (Array.isArray(v)) return v.map(plainValue);
  if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v)) out[k] = plainValue(val);
    return out;
  }
  return v;
}

// ---------------------------------------------------------------------------
// Between threads: structured clone keeps undefined, null, BigInt, holes and bytes, but not
// the LuaFloat class: it travels as a tagged object and is rebuilt on arrival.

const FLOAT_TAG = '\u0000aipLuaFloat';

/** A value ready for `postMessage` (LuaFloat tagged). Values without a LuaFloat are returned as is. */
export function encodeForThread(v: unknown): unknown {
  return hasFloat(v, 0) ? encode(v) : v;
}

function hasFloat(v: unknown, depth: number): boolean {
  if (v === null || typeof v !== 'object' || v instanceof Uint8Array || depth > 300) return false;
  if (v instanceof LuaFloat) return true;
  if (Array.isArray(v)) return v.some((x) => hasFloat(x, depth + 1));
  for (const k in v) if (hasFloat((v as Record<string, unknown>)[k], depth + 1)) return true;
  return false;
}

function encode(v: unknown): unknown {
  if (v === null || typeof v !== 'object' || v instanceof Uint8Array) return v;
  if (v instanceof LuaFloat) return { [FLOAT_TAG]: v.value };
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = encode(v[i]);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = encode((v as Record<string, unknown>)[k]);
  return out;
}

/** The value as it was before `encodeForThread`. */
export function decodeFromThread(v: unknown, depth = 0): unknown {
  // Past this depth the value is a cycle or too deep for Lua anyway: the codec reports it.
  if (v === null || typeof v !== 'object' || v instanceof Uint8Array || depth > 300) return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = decodeFromThread(v[i], depth + 1);
    return v;
  }
  const o = v as Record<string, unknown>;
  if (FLOAT_TAG in o) return new LuaFloat(o[FLOAT_TAG] as number);
  for (const k of Object.keys(o)) o[k] = decodeFromThread(o[k], depth + 1);
  return o;
}
