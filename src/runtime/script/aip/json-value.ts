/**
 * JSON text ⇄ catalog values, with aipack's rules (§8.9, §2.9):
 * - parsing is lenient (JSONC: comments, trailing and missing commas, unquoted keys,
 *   single-quoted strings, hex and `+` numbers) unless `strict` is asked;
 * - a JSON `null` becomes the JS `null` (the bridge's Lua null sentinel);
 * - a float literal with an integral value (`1.0`, `1e3`) becomes a `LuaFloat`, so Lua
 *   sees `1.0` as aipack does; other numbers stay plain;
 * - stringifying follows the original's Lua→JSON conversion: sorted object keys, an empty
 *   table is `[]`, `null`/nil are `null`, integral floats print as `1.0`.
 */
import { LuaFloat } from '../catalog';

export interface JsonParseOptions {
  /** Plain JSON only (no comments, trailing commas, …), as `aip.json.parse_ndjson` uses. */
  strict?: boolean;
  /** Wrap integral float literals in `LuaFloat` (default true). */
  floats?: boolean;
}

/**
 * Parse JSON/JSONC text. Returns `undefined` when the text holds no value at all
 * (empty, whitespace or comments only). Throws `Error` with a position on bad input.
 */
export function parseJsonLenient(text: string, opts: JsonParseOptions = {}): unknown {
  return new JsonReader(text, opts.strict === true, opts.floats !== false).document();
}

class JsonReader {
  private i = 0;

  constructor(
    private readonly s: string,
    private readonly strict: boolean,
    private readonly floats: boolean,
  ) {}

  document(): unknown {
    this.skipSpace();
    if (this.i >= this.s.length) return undefined;
    const v = this.value();
    this.skipSpace();
    if (this.i < this.s.length) this.fail(`Unexpected token '${this.s[this.i]}'`);
    return v;
  }

  private fail(msg: string): never {
    const before = this.s.slice(0, this.i);
    const line = before.split('\n').length;
    const col = this.i - before.lastIndexOf('\n');
    throw new Error(`${msg} on line ${line} column ${col}`);
  }

  private skipSpace(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\uFEFF') {
        this.i++;
      } else if (!this.strict && c === '/' && s[this.i + 1] === '/') {
        const nl = s.indexOf('\n', this.i);
        this.i = nl < 0 ? s.length : nl + 1;
      } else if (!this.strict && c === '/' && s[this.i + 1] === '*') {
        const end = s.indexOf('*/', this.i + 2);
        if (end < 0) this.fail('Unterminated comment');
        this.i = end + 2;
      } else {
        break;
      }
    }
  }

  private value(): unknown {
    const c = this.s[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"' || (c === "'" && !this.strict)) return this.string();
    if (c === '-' || c === '+' || (c >= '0' && c <= '9') || c === '.') return this.number();
    const word = /^[A-Za-z_$][\w$]*/.exec(this.s.slice(this.i, this.i + 64))?.[0];
    if (word === 'true') return (this.i += 4), true;
    if (word === 'false') return (this.i += 5), false;
    if (word === 'null') return (this.i += 4), null;
    if (c === undefined) this.fail('Unexpected end of input');
    this.fail(`Unexpected token '${word ?? c}'`);
  }

  private object(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.items('}', 'object', () => {
      const key = this.key();
      this.skipSpace();
      if (this.s[this.i] !== ':') this.fail("Expected ':'");
      this.i++;
      this.skipSpace();
      out[key] = this.value();
    });
    return out;
  }

  private key(): string {
    const c = this.s[this.i];
    if (c === '"' || (c === "'" && !this.strict)) return this.string();
    if (!this.strict) {
      const word = /^[^\s:,{}[\]"'/]+/.exec(this.s.slice(this.i))?.[0];
      if (word) {
        this.i += word.length;
        return word;
      }
    }
    this.fail(`Expected a property name but found '${c}'`);
  }

  private array(): unknown[] {
    const out: unknown[] = [];
    this.items(']', 'array', () => out.push(this.value()));
    return out;
  }

  /** An object's or array's items after its opening bracket, comma-separated (a trailing comma only when lenient). */
  private items(close: '}' | ']', what: 'object' | 'array', item: () => void): void {
    this.i++;
    let needComma = false;
    for (;;) {
      this.skipSpace();
      const c = this.s[this.i];
      if (c === close) {
        this.i++;
        return;
      }
      if (c === ',') {
        if (!needComma) this.fail("Unexpected token ','");
        this.i++;
        needComma = false;
        this.skipSpace();
        if (this.s[this.i] === close && this.strict) this.fail(`Trailing comma in ${what}`);
        continue;
      }
      if (c === undefined) this.fail(`Unterminated ${what}`);
      if (needComma && this.strict) this.fail(`Expected ',' or '${close}'`);
      item();
      needComma = true;
    }
  }

  private string(): string {
    const s = this.s;
    const q = s[this.i++];
    let out = '';
    let from = this.i;
    for (;;) {
      const c = s[this.i];
      if (c === undefined) this.fail('Unterminated string');
      if (c === q) {
        out += s.slice(from, this.i++);
        return out;
      }
      if (c === '\n' && this.strict) this.fail('Control character in string');
      if (c !== '\\') {
        this.i++;
        continue;
      }
      out += s.slice(from, this.i);
      this.i++;
      const e = s[this.i++];
      switch (e) {
        case '"': case "'": case '\\': case '/': out += e; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          const hex = s.slice(this.i, this.i + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('Invalid unicode escape');
          out += String.fromCharCode(parseInt(hex, 16));
          this.i += 4;
          break;
        }
        default:
          this.fail(`Invalid escape '\\${e ?? ''}'`);
      }
      from = this.i;
    }
  }

  private number(): unknown {
    if (!this.strict) {
      HEX_RE.lastIndex = this.i;
      const hex = HEX_RE.exec(this.s);
      if (hex) {
        this.i += hex[0].length;
        const n = parseInt(hex[2], 16);
        return hex[1] === '-' ? -n : n;
      }
    }
    const re = this.strict ? STRICT_NUM_RE : LOOSE_NUM_RE;
    re.lastIndex = this.i;
    const m = re.exec(this.s);
    if (!m) this.fail(`Invalid number`);
    this.i += m[0].length;
    const text = m[0].startsWith('+') ? m[0].slice(1) : m[0];
    const n = Number(text);
    const isFloatLiteral = m[2] !== undefined || m[3] !== undefined;
    // Integers past 2^64 are floats in the original too.
    if (this.floats && Number.isInteger(n) && (isFloatLiteral || Math.abs(n) > 18446744073709551615)) return new LuaFloat(n);
    return n;
  }
}

const HEX_RE = /([+-]?)0[xX]([0-9a-fA-F]+)/y;
const STRICT_NUM_RE = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const LOOSE_NUM_RE = /[+-]?(\d+)(\.\d+)?([eE][+-]?\d+)?/y;

/** Lua sequence values (1..n until the first nil) of a list that may arrive as an object. */
export function sequenceValues(v: object): unknown[] {
  if (Array.isArray(v)) {
    const end = v.indexOf(undefined);
    return end < 0 ? v : v.slice(0, end);
  }
  const rec = v as Record<string, unknown>;
  const out: unknown[] = [];
  for (let i = 1; rec[String(i)] !== undefined; i++) out.push(rec[String(i)]);
  return out;
}

// ---------------------------------------------------------------------------
// Stringify

/** Marker thrown for values JSON cannot hold (functions, NaN…); the caller prefixes its own name. */
export class JsonConvertError extends Error {}

/**
 * Serialize a catalog value as JSON text the way aipack does (serde_json over its Lua→JSON
 * conversion). `pretty` uses 2-space indentation.
 */
export function stringifyJson(v: unknown, pretty: boolean): string {
  const out: string[] = [];
  writeJson(v, out, pretty ? '\n' : '', pretty ? '  ' : '', '');
  return out.join('');
}

/** Append the JSON text of `v`; `nl`/`step` are empty when compact. */
function writeJson(v: unknown, out: string[], nl: string, step: string, indent: string): void {
  if (v === undefined || v === null) return void out.push('null');
  switch (typeof v) {
    case 'boolean':
      return void out.push(v ? 'true' : 'false');
    case 'string':
      return void out.push(JSON.stringify(v));
    case 'number':
      return void out.push(formatJsonNumber(v, false));
    case 'bigint':
      return void out.push(v.toString());
    case 'object':
      break;
    default:
      throw new JsonConvertError(`Cannot serialize Lua value to JSON: unsupported type (${typeof v === 'function' ? 'Function' : typeof v})`);
  }
  if (v instanceof LuaFloat) return void out.push(formatJsonNumber(v.value, true));
  const inner = indent + step;
  if (Array.isArray(v)) {
    if (v.length === 0) return void out.push('[]');
    out.push('[');
    for (let i = 0; i < v.length; i++) {
      out.push(i === 0 ? nl + inner : `,${nl}${inner}`);
      writeJson(v[i], out, nl, step, inner);
    }
    return void out.push(`${nl}${indent}]`);
  }
  const keys = Object.keys(v);
  // An empty table converts to a list in the original (no key says it is an object).
  if (keys.length === 0) return void out.push('[]');
  keys.sort(compareKeys);
  const rec = v as Record<string, unknown>;
  const sep = step ? ': ' : ':';
  out.push('{');
  for (let i = 0; i < keys.length; i++) {
    out.push(`${i === 0 ? '' : ','}${nl}${inner}${JSON.stringify(keys[i])}${sep}`);
    writeJson(rec[keys[i]], out, nl, step, inner);
  }
  out.push(`${nl}${indent}}`);
}

/** serde_json sorts keys by bytes; UTF-16 order matches it for the BMP. */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Number text as serde_json prints it: integers plain, floats always with a `.` or an exponent. */
export function formatJsonNumber(n: number, isFloat: boolean): string {
  if (!Number.isFinite(n)) throw new JsonConvertError('Cannot convert non-finite Lua number to JSON (NaN or Infinity)');
  if (!isFloat && Number.isInteger(n)) return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
  const s = String(n).replace('e+', 'e');
  if (/[.e]/.test(s)) return s;
  return `${s}.0`;
}
