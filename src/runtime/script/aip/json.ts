/**
 * `aip.json` (§8.9): lenient JSON parsing, NDJSON, compact and pretty stringify.
 */
import type { CallContext, CatalogEntry, ModuleCatalog } from '../catalog';
import { ArgError, LuaFloat } from '../catalog';
import { errorMessage } from '../../errors';
import { parseJsonLenient, stringifyJson } from './json-value';

/**
 * A `string|nil` argument the way the original reads it: numbers are accepted as their text
 * (Lua's string coercion), `nil`/`null` mean nil, anything else is an error.
 */
export function optContent(call: CallContext, v: unknown, param = 'content'): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (v instanceof LuaFloat) return Number.isInteger(v.value) ? `${v.value}.0` : String(v.value);
  throw new ArgError(call.fnName, 'string', param, v);
}

/** Truncate long content for error messages, as the original does (300 chars). */
function excerpt(content: string): string {
  return content.length > 300 ? `${content.slice(0, 300)}...` : content;
}

function parse(call: CallContext, content: unknown): unknown {
  const text = optContent(call, content);
  if (text === undefined) return undefined;
  let v: unknown;
  try {
    v = parseJsonLenient(text);
  } catch (err) {
    throw new Error(`aip.json.parse failed. Fail to parse json.\nCause: ${errorMessage(err)}\nJson Content:\n${excerpt(text)}`);
  }
  // A top-level JSON null is nil (nested ones stay the `null` sentinel).
  return v === null ? undefined : v;
}

function parseNdjson(call: CallContext, content: unknown): unknown {
  const text = optContent(call, content);
  if (text === undefined) return undefined;
  const out: unknown[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    try {
      out.push(parseJsonLenient(line, { strict: true }));
    } catch (err) {
      throw new Error(`aip.json.parse_ndjson failed. Invalid JSON on line ${i + 1}: ${errorMessage(err)}`);
    }
  }
  return out;
}

function stringify(call: CallContext, v: unknown, pretty: boolean): string {
  try {
    return stringifyJson(v, pretty);
  } catch (err) {
    throw new Error(`${call.fnName} fail to stringify. ${errorMessage(err)}`);
  }
}

const stringifyDoc = (what: string, example: string, more: string[] = []): string =>
  [
    what,
    '',
    '- `content`: any value; tables whose keys are exactly `1..n` become arrays, other tables objects',
    '  (keys sorted); an empty table is `[]`; `nil`/`null` are `null`.',
    ...more,
    '',
    'Returns the JSON text. Errors on values JSON cannot hold (functions, NaN, infinity).',
    '',
    `Example: \`${example}\``,
  ].join('\n');

const entries: CatalogEntry[] = [
  {
    name: 'parse',
    signature: 'aip.json.parse(s: string|nil) -> any',
    doc: [
      'Parse JSON text into Lua values. Lenient (JSONC): comments, trailing or missing commas,',
      'unquoted or single-quoted keys, single-quoted strings, hex and `+` numbers.',
      '',
      '- `s`: the JSON text; `nil` returns `nil`.',
      '',
      'Returns the value: objects → tables, arrays → lists, nested `null` → `null`. Empty text',
      'or a top-level `null` returns `nil`. Errors with `aip.json.parse failed. …` on invalid JSON.',
      '',
      'Example: `local obj = aip.json.parse(\'{"name": "John", "age": 30}\')`',
    ].join('\n'),
    impl: parse,
  },
  {
    name: 'parse_ndjson',
    signature: 'aip.json.parse_ndjson(s: string|nil) -> any[]|nil',
    doc: [
      'Parse newline-delimited JSON: one strict JSON value per line; blank lines are skipped.',
      '',
      '- `s`: the NDJSON text; `nil` returns `nil`.',
      '',
      'Returns a list with one value per non-blank line. Errors with',
      '`aip.json.parse_ndjson failed. …` (naming the line) if a line is not valid JSON.',
      '',
      'Example: `local events = aip.json.parse_ndjson(aip.file.load("log.ndjson").content)`',
    ].join('\n'),
    impl: parseNdjson,
  },
  {
    name: 'stringify',
    signature: 'aip.json.stringify(v: any) -> string',
    doc: stringifyDoc('Serialize a value as compact, single-line JSON.', 'local line = aip.json.stringify({ name = "John", age = 30 })'),
    impl: (call, v) => stringify(call, v, false),
  },
  {
    name: 'stringify_pretty',
    signature: 'aip.json.stringify_pretty(v: any) -> string',
    doc: stringifyDoc('Serialize a value as pretty JSON, indented with 2 spaces.', 'aip.file.save("out.json", aip.json.stringify_pretty(data))'),
    impl: (call, v) => stringify(call, v, true),
  },
  {
    name: 'stringify_to_line',
    signature: 'aip.json.stringify_to_line(v: any) -> string',
    doc: stringifyDoc(
      '**Deprecated**: use `aip.json.stringify`. Serialize a value as compact, single-line JSON.',
      'local line = aip.json.stringify_to_line(record)',
    ),
    impl: (call, v) => stringify(call, v, false),
  },
];

export const jsonCatalog: ModuleCatalog = {
  module: 'json',
  doc: 'JSON: parse (lenient JSONC) and NDJSON into Lua values, stringify tables as compact or pretty JSON.',
  entries,
};
