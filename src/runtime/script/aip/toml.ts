/**
 * `aip.toml` (§8.9): parse TOML into Lua values and write tables as TOML.
 * Parsing uses smol-toml; writing is done here to match the original's layout
 * (plain values first, then `[table]` and `[[array.of.tables]]` sections, keys sorted).
 */
import { parse as parseToml, TomlDate } from 'smol-toml';
import type { CallContext, CatalogEntry, ModuleCatalog } from '../catalog';
import { argString, LuaFloat } from '../catalog';
import { errorMessage } from '../../errors';
import { formatJsonNumber, JsonConvertError } from './json-value';

/** TOML value → catalog value: integers stay integers, floats are `LuaFloat` when integral. */
function fromToml(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') {
    // JSON (the original's intermediate form) has no NaN/infinity: they become null.
    if (!Number.isFinite(v)) return null;
    return Number.isInteger(v) ? new LuaFloat(v) : v;
  }
  // Dates and times come back as their TOML text (e.g. `1979-05-27T07:32:00Z`).
  if (v instanceof TomlDate) return v.toISOString().replace(/\.000(?=Z|[+-]\d\d:\d\d|$)/, '');
  if (Array.isArray(v)) return v.map(fromToml);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = fromToml(x);
    return out;
  }
  return v;
}

// ---------------------------------------------------------------------------
// Writing

type Obj = Record<string, unknown>;

const isTable = (v: unknown): v is Obj =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof LuaFloat) && Object.keys(v).length > 0;
const isTableArray = (v: unknown): v is Obj[] => Array.isArray(v) && v.length > 0 && v.every(isTable);

function tomlKey(k: string): string {
  return /^[A-Za-z0-9_-]+$/.test(k) ? k : JSON.stringify(k);
}

function tomlString(s: string): string {
  // JSON string escapes are valid TOML basic-string escapes except `\/` (never produced) and
  // `\uXXXX` for controls (valid in TOML too).
  return JSON.stringify(s);
}

function inlineValue(v: unknown): string {
  if (typeof v === 'string') return tomlString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isInteger(v) ? formatJsonNumber(v, false) : floatText(v);
  if (v instanceof LuaFloat) return floatText(v.value);
  if (v === null || v === undefined) throw new JsonConvertError('unsupported None value');
  if (Array.isArray(v)) return `[${v.map(inlineValue).join(', ')}]`;
  if (typeof v === 'object') {
    const keys = Object.keys(v).sort();
    // An empty Lua table is a list in the original's conversion.
    if (keys.length === 0) return '[]';
    return `{ ${keys.map((k) => `${tomlKey(k)} = ${inlineValue((v as Obj)[k])}`).join(', ')} }`;
  }
  throw new JsonConvertError(`unsupported value type '${typeof v}'`);
}

function floatText(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  return formatJsonNumber(n, true);
}

/** Write one table's body: its plain keys, then its sub-tables and arrays of tables. */
function writeTable(t: Obj, path: string[], out: string[]): void {
  const keys = Object.keys(t).sort();
  const plain = keys.filter((k) => !isTable(t[k]) && !isTableArray(t[k]) && t[k] !== null && t[k] !== undefined);
  for (const k of plain) out.push(`${tomlKey(k)} = ${inlineValue(t[k])}`);
  for (const k of keys) {
    const v = t[k];
    const sub = [...path, tomlKey(k)];
    if (isTable(v)) {
      const hasPlain = Object.keys(v).some((x) => !isTable(v[x]) && !isTableArray(v[x]) && v[x] !== null);
      if (hasPlain) {
        if (out.length > 0) out.push('');
        out.push(`[${sub.join('.')}]`);
      }
      writeTable(v, sub, out);
    } else if (isTableArray(v)) {
      for (const item of v) {
        if (out.length > 0) out.push('');
        out.push(`[[${sub.join('.')}]]`);
        writeTable(item, sub, out);
      }
    }
  }
}

export function stringifyToml(v: unknown): string {
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof LuaFloat)) {
    const out: string[] = [];
    writeTable(v as Obj, [], out);
    return out.length === 0 ? '' : `${out.join('\n')}\n`;
  }
  throw new JsonConvertError('the top-level value must be a table with keys');
}

// ---------------------------------------------------------------------------

const entries: CatalogEntry[] = [
  {
    name: 'parse',
    signature: 'aip.toml.parse(s: string) -> table',
    doc: [
      'Parse TOML text into a Lua table.',
      '',
      '- `s`: the TOML text (required).',
      '',
      'Returns a table: TOML tables → tables, arrays → lists, integers stay integers, floats stay',
      'floats (`1.0`), dates/times → their text. Errors with `aip.toml.parse failed. …` on invalid TOML.',
      '',
      'Example: `local cfg = aip.toml.parse(aip.file.load("config.toml").content)`',
    ].join('\n'),
    impl: (call: CallContext, s: unknown) => {
      const text = argString(call, s, 's');
      let parsed: unknown;
      try {
        parsed = parseToml(text, { integersAsBigInt: true });
      } catch (err) {
        throw new Error(`aip.toml.parse failed. ${errorMessage(err)}`);
      }
      return fromToml(parsed);
    },
  },
  {
    name: 'stringify',
    signature: 'aip.toml.stringify(t: table) -> string',
    doc: [
      'Write a Lua table as TOML text.',
      '',
      '- `t`: a table with string keys. Plain values come first, then `[table]` sections and',
      '  `[[array.of.tables]]` for lists of tables; keys are sorted. `null` values are left out.',
      '',
      'Returns the TOML text. Errors with `aip.toml.stringify fail to stringify. …` when the value',
      'is not a table with keys or holds something TOML cannot express (e.g. `null` in a list).',
      '',
      'Example: `aip.file.save("out.toml", aip.toml.stringify({ title = "Example", owner = { name = "John" } }))`',
    ].join('\n'),
    impl: (_call: CallContext, t: unknown) => {
      try {
        return stringifyToml(t);
      } catch (err) {
        throw new Error(`aip.toml.stringify fail to stringify. ${errorMessage(err)}`);
      }
    },
  },
];

export const tomlCatalog: ModuleCatalog = {
  module: 'toml',
  doc: 'TOML: parse TOML text into Lua tables and write tables back as TOML.',
  entries,
};
