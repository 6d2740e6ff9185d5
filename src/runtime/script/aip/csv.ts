/**
 * `aip.csv` (§8.14): parse CSV content or one row, and turn value lists into CSV rows.
 */
import type { CallContext, CatalogEntry, ModuleCatalog } from '../catalog';
import { argString, luaTypeName, LuaFloat } from '../catalog';
import { errorMessage } from '../../errors';
import { sequenceValues } from './json-value';
import { csvCellText, csvRecordText, normalizeCsvOptions, parseCsv, parseCsvRow, type CsvOptions } from './csv-support';
import { T, type LuaApi, type LuaPtr } from '../lua-wasm';
import { raiseLuaError, type LuaNativeEntry } from '../lua-native';
import { callConverted, firstUnsupportedCell } from './native-checks';

/** Options table → CsvOptions; anything but nil/null/table is an error (as the original). */
function csvOptions(fnName: string, raw: unknown): CsvOptions {
  if (raw === undefined || raw === null) return normalizeCsvOptions({});
  if (typeof raw !== 'object' || raw instanceof LuaFloat) {
    throw new Error(`${fnName} - error converting Lua ${luaTypeName(raw)} to CsvOptions (Expected nil or a table for CsvOptions)`);
  }
  // A list table has no option keys: same as no options.
  return normalizeCsvOptions(Array.isArray(raw) ? {} : (raw as Record<string, unknown>));
}

const isTable = (v: unknown): v is object => v !== null && typeof v === 'object' && !(v instanceof LuaFloat);

function valuesToRow(values: unknown, opts: CsvOptions, ctx: string): string {
  if (!isTable(values)) throw new Error(`${ctx} - values must be a table (list)`);
  const cells = sequenceValues(values).map((v) => {
    try {
      return csvCellText(v);
    } catch (err) {
      throw new Error(`${ctx} - ${errorMessage(err)}`);
    }
  });
  return csvRecordText(cells, opts);
}

function valueListsToRows(fnName: string, lists: unknown, opts: unknown): string[] {
  if (!isTable(lists)) throw new Error('aip.csv.value_lists_to_rows - value_lists must be a table (list of lists)');
  const o = csvOptions(fnName, opts);
  return sequenceValues(lists).map((item, idx) => {
    try {
      return valuesToRow(item, o, 'aip.csv.value_lists_to_rows');
    } catch (err) {
      throw new Error(`Row ${idx + 1}: ${errorMessage(err)}`);
    }
  });
}

const optionsDoc = [
  '`CsvOptions`: `delimiter` (","), `quote` ("\\""), `escape` ("\\""), `trim_fields` (false),',
  '`has_header` (true), `header_labels` ({key = label}), `skip_empty_lines` (true), `comment` (e.g. "#").',
  'Only the first character of `delimiter`/`quote`/`escape`/`comment` is used.',
].join('\n');

const entries: (CatalogEntry | LuaNativeEntry)[] = [
  {
    name: 'parse_row',
    signature: 'aip.csv.parse_row(row: string, opts?: CsvOptions) -> string[]',
    doc: [
      'Parse one CSV record into its fields (quotes, escapes and trimming apply).',
      '',
      '- `row`: the record text; only the first record is read if there are several lines.',
      '- `opts`: `CsvOptions`; `has_header`, `skip_empty_lines` and `comment` are ignored.',
      '',
      'Returns the list of fields (strings); empty text gives an empty list.',
      '',
      'Example: `local fields = aip.csv.parse_row(\'a,"b,c",d\') -- {"a", "b,c", "d"}`',
    ].join('\n'),
    impl: (call: CallContext, row: unknown, opts: unknown) => parseCsvRow(argString(call, row, 'row'), csvOptions(call.fnName, opts)),
  },
  {
    name: 'parse',
    signature: 'aip.csv.parse(content: string, opts?: CsvOptions) -> CsvContent',
    doc: [
      'Parse CSV content into `{ _type = "CsvContent", headers = string[], rows = string[][] }`.',
      '',
      '- `content`: the CSV text.',
      `- \`opts\`: ${optionsDoc}`,
      '',
      'The first record is the header row unless `has_header = false` (then `headers` is empty).',
      '`header_labels` renames a header equal to a label to its key. Blank lines are always skipped;',
      'rows whose fields are all blank are skipped when `skip_empty_lines` is true.',
      '',
      'Example: `local csv = aip.csv.parse(content, { comment = "#" }); print(csv.rows[1][1])`',
    ].join('\n'),
    impl: (call: CallContext, content: unknown, opts: unknown) => parseCsv(argString(call, content, 'content'), csvOptions(call.fnName, opts)),
  },
  {
    name: 'values_to_row',
    signature: 'aip.csv.values_to_row(values: any[], opts?: CsvOptions) -> string',
    doc: [
      'Write a list of values as one CSV record (no line break at the end).',
      '',
      '- `values`: strings, numbers, booleans, tables (written as JSON) or `null` (empty field).',
      '- `opts`: `CsvOptions` (`delimiter`, `quote`).',
      '',
      'Fields holding the delimiter, the quote or a line break are quoted, quotes doubled.',
      'Errors if `values` is not a table or holds a function.',
      '',
      'Example: `aip.csv.values_to_row({"a,b", 1, true}) -- \'"a,b",1,true\'`',
    ].join('\n'),
    impl: (call: CallContext, values: unknown, opts: unknown) => valuesToRow(values, csvOptions(call.fnName, opts), 'aip.csv.values_to_row'),
    // A function in the list is named as aipack names it (the value bridge cannot convert it).
    lua: (api: LuaApi, L: LuaPtr) => {
      const ctx = 'aip.csv.values_to_row';
      const bad = firstUnsupportedCell(api, L, 1);
      if (bad) raiseLuaError(`${ctx} - unsupported value type '${bad}'`);
      return callConverted(api, L, 2, (values, opts) => valuesToRow(values, csvOptions(ctx, opts), ctx));
    },
  } satisfies LuaNativeEntry,
  {
    name: 'value_lists_to_rows',
    signature: 'aip.csv.value_lists_to_rows(lists: any[][], opts?: CsvOptions) -> string[]',
    doc: [
      'Write each inner list as one CSV record (see `values_to_row`).',
      '',
      '- `lists`: a list of lists of values.',
      '- `opts`: `CsvOptions` (`delimiter`, `quote`).',
      '',
      'Returns one string per inner list. Errors name the row (`Row 2: …`).',
      '',
      'Example: `local lines = aip.csv.value_lists_to_rows({ {"a", 1}, {"b", 2} })`',
    ].join('\n'),
    impl: (call: CallContext, lists: unknown, opts: unknown) => valueListsToRows(call.fnName, lists, opts),
    lua: (api: LuaApi, L: LuaPtr) => {
      const ctx = 'aip.csv.value_lists_to_rows';
      if (api.type(L, 1) === T.TABLE) {
        for (let i = 1; api.M._lua_rawgeti(L, 1, BigInt(i)) !== T.NIL; i++) {
          const bad = firstUnsupportedCell(api, L, api.top(L));
          if (bad) raiseLuaError(`Row ${i}: ${ctx} - unsupported value type '${bad}'`);
          api.pop(L, 1);
        }
        api.pop(L, 1);
      }
      return callConverted(api, L, 2, (lists, opts) => valueListsToRows(ctx, lists, opts));
    },
  } satisfies LuaNativeEntry,
];

export const csvCatalog: ModuleCatalog = {
  module: 'csv',
  doc: 'CSV: parse content or a single row (custom delimiter, quote, escape, trimming, headers, comments) and write value lists as CSV rows.',
  entries,
};
