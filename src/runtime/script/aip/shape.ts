/**
 * `aip.shape` (§8.15): reshape row-like data — names + values → records, records → value
 * lists or columns, and key selection. `remove_keys` and `extract_keys` edit the record in
 * place, so they also carry a `lua` implementation working on the live table.
 */
import { T, type LuaApi, type LuaPtr } from '../lua-wasm';
import type { CallContext, CatalogEntry, ModuleCatalog } from '../catalog';
import { LuaFloat, luaTypeName } from '../catalog';
import { raiseLuaError, type LuaNativeEntry } from '../lua-native';
import { LUA_NULL } from '../lua-values';
import { sequenceValues } from './json-value';
import { callConverted, firstNonStringRecordKey, luaTypeNameAt } from './native-checks';

/** mlua's `type_name`: a Lua integer is `integer` (a float, even integral, stays `number`). */
function mluaTypeName(v: unknown): string {
  return typeof v === 'number' && Number.isInteger(v) ? 'integer' : luaTypeName(v);
}

type Rec = Record<string, unknown>;

const isTable = (v: unknown): v is object => v !== null && typeof v === 'object' && !(v instanceof LuaFloat);

function expectTable(v: unknown, ctx: string, label: string): object {
  if (!isTable(v)) throw new Error(`${ctx} - ${label} must be a table. Found '${mluaTypeName(v)}'`);
  return v;
}

function stringSequence(v: unknown, ctx: string, label: string): string[] {
  const items = sequenceValues(expectTable(v, ctx, label));
  items.forEach((x, idx) => {
    if (typeof x !== 'string') throw new Error(`${ctx} - ${label} must be strings. Found '${mluaTypeName(x)}' at index ${idx + 1}`);
  });
  return items as string[];
}

/** Value of `key` in a record; a list (sequence) record has no string keys. */
function getKey(rec: object, key: string): unknown {
  return Array.isArray(rec) ? undefined : (rec as Rec)[key];
}

/** String keys of a record (a list has only integer keys). */
function stringKeys(rec: object): string[] {
  return Array.isArray(rec) ? [] : Object.keys(rec);
}

function zip(names: string[], values: unknown[]): Rec {
  const rec: Rec = {};
  const n = Math.min(names.length, values.length);
  for (let i = 0; i < n; i++) rec[names[i]] = values[i];
  return rec;
}

function toRecords(names: unknown, rows: unknown): Rec[] {
  const ctx = 'aip.shape.to_records';
  const cols = stringSequence(names, ctx, 'Column names');
  return sequenceValues(expectTable(rows, ctx, 'Rows')).map((row) => {
    if (!isTable(row)) throw new Error(`${ctx} - Each row must be a table (list). Found '${mluaTypeName(row)}'`);
    return zip(cols, sequenceValues(row));
  });
}

function recordToValues(rec: unknown, names: unknown): unknown[] {
  const ctx = 'aip.shape.record_to_values';
  const r = expectTable(rec, ctx, 'Record');
  if (names === undefined || names === null) {
    return stringKeys(r)
      .sort()
      .map((k) => getKey(r, k));
  }
  // Missing values become `null` so positions are kept.
  return stringSequence(names, ctx, 'Column names').map((k) => getKey(r, k) ?? null);
}

function recordsToValueLists(recs: unknown, names: unknown): unknown[][] {
  const ctx = 'aip.shape.records_to_value_lists';
  const cols = stringSequence(names, ctx, 'Column names');
  return sequenceValues(expectTable(recs, ctx, 'Records')).map((rec) => {
    if (!isTable(rec)) throw new Error(`${ctx} - Each record must be a table. Found '${mluaTypeName(rec)}'`);
    return cols.map((k) => getKey(rec, k) ?? null);
  });
}

function columnarToRecords(cols: unknown): Rec[] {
  const ctx = 'aip.shape.columnar_to_records';
  const c = expectTable(cols, ctx, 'Columns');
  if (Array.isArray(c) && c.length > 0) throw new Error(`${ctx} - Column keys must be strings. Found 'integer'`);
  const names: string[] = [];
  const columns: unknown[][] = [];
  let expected: number | undefined;
  for (const [name, col] of Object.entries(c)) {
    if (!isTable(col)) throw new Error(`${ctx} - Each column must be a table (list). Column '${name}' was '${mluaTypeName(col)}'`);
    const values = sequenceValues(col);
    if (expected === undefined) expected = values.length;
    else if (values.length !== expected) {
      throw new Error(`${ctx} - All columns must have the same length. Column '${name}' has length ${values.length}, expected ${expected}`);
    }
    names.push(name);
    columns.push(values);
  }
  const out: Rec[] = [];
  for (let i = 0; i < (expected ?? 0); i++) {
    const rec: Rec = {};
    names.forEach((n, idx) => (rec[n] = columns[idx][i]));
    out.push(rec);
  }
  return out;
}

function recordsToColumnar(recs: unknown): Record<string, unknown[]> {
  const ctx = 'aip.shape.records_to_columnar';
  // All records are checked to be tables before any key is read (as aipack collects them first).
  const rows = sequenceValues(expectTable(recs, ctx, 'Records list')).map((row) => {
    if (!isTable(row)) throw new Error(`${ctx} - Each record must be a table. Found '${mluaTypeName(row)}'`);
    return row;
  });
  for (const row of rows) {
    if (Array.isArray(row) && row.length > 0) throw new Error(`${ctx} - Record keys must be strings. Found key of type 'integer'`);
  }
  if (rows.length === 0) return {};
  let shared = new Set(stringKeys(rows[0]));
  for (const row of rows.slice(1)) {
    const keys = new Set(stringKeys(row));
    shared = new Set([...shared].filter((k) => keys.has(k)));
  }
  const out: Record<string, unknown[]> = {};
  for (const k of [...shared].sort()) out[k] = rows.map((r) => getKey(r, k));
  return out;
}

function selectKeys(rec: unknown, keys: unknown): Rec {
  const ctx = 'aip.shape.select_keys';
  const r = expectTable(rec, ctx, 'Record');
  const out: Rec = {};
  for (const k of stringSequence(keys, ctx, 'Key names')) {
    const v = getKey(r, k);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

function omitKeys(rec: unknown, keys: unknown): unknown {
  const ctx = 'aip.shape.omit_keys';
  const r = expectTable(rec, ctx, 'Record');
  const omit = new Set(stringSequence(keys, ctx, 'Key names'));
  // Integer keys are never omitted (only string keys are compared).
  if (Array.isArray(r)) return [...r];
  const out: Rec = {};
  for (const [k, v] of Object.entries(r)) if (!omit.has(k)) out[k] = v;
  return out;
}

/** JS-side in-place removal; returns the removed pairs. */
function takeKeys(ctx: string, rec: unknown, keys: unknown): Rec {
  const r = expectTable(rec, ctx, 'Record');
  const out: Rec = {};
  for (const k of stringSequence(keys, ctx, 'Key names')) {
    const v = getKey(r, k);
    if (v !== undefined) {
      out[k] = v;
      delete (r as Rec)[k];
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Live-table versions of the in-place functions.


/** Remove `keys` (arg 2) from the table at arg 1; when `collect`, return the removed pairs. */
function luaTakeKeys(api: LuaApi, L: LuaPtr, ctx: string, collect: boolean): number {
  const M = api.M;
  if (api.type(L, 1) !== T.TABLE) raiseLuaError(`${ctx} - Record must be a table. Found '${luaTypeNameAt(api, L, 1)}'`);
  if (api.type(L, 2) !== T.TABLE) raiseLuaError(`${ctx} - Key names must be a table. Found '${luaTypeNameAt(api, L, 2)}'`);
  M._lua_settop(L, 2);
  // Validate all key names before touching the record.
  for (let i = 1; M._lua_rawgeti(L, 2, BigInt(i)) !== T.NIL; i++) {
    if (api.type(L, -1) !== T.STRING) {
      raiseLuaError(`${ctx} - Key names must be strings. Found '${luaTypeNameAt(api, L, -1)}' at index ${i}`);
    }
    api.pop(L, 1);
  }
  api.pop(L, 1);
  M._lua_createtable(L, 0, 0); // 3: removed pairs
  let removed = 0;
  for (let i = 1; M._lua_rawgeti(L, 2, BigInt(i)) !== T.NIL; i++) {
    // stack: 4 = key
    M._lua_pushvalue(L, 4);
    M._lua_gettable(L, 1); // 5 = value
    if (api.type(L, 5) !== T.NIL) {
      removed++;
      if (collect) {
        M._lua_pushvalue(L, 4);
        M._lua_pushvalue(L, 5);
        M._lua_settable(L, 3);
      }
      M._lua_pushvalue(L, 4);
      M._lua_pushnil(L);
      M._lua_settable(L, 1);
    }
    M._lua_settop(L, 3);
  }
  M._lua_settop(L, 3);
  if (!collect) api.pushInteger(L, removed);
  return 1;
}

// ---------------------------------------------------------------------------

const keysNote = '`keys`: list of key names (strings).';

const removeKeys: LuaNativeEntry = {
  name: 'remove_keys',
  signature: 'aip.shape.remove_keys(rec: table, keys: string[]) -> integer (rec mutated)',
  doc: [
    'Remove keys from a record **in place**.',
    '',
    `- \`rec\`: the record (table) to edit. ${keysNote}`,
    '',
    'Returns how many keys were present and removed.',
    '',
    'Example: `local n = aip.shape.remove_keys(user, { "password", "token" })`',
  ].join('\n'),
  impl: (_call: CallContext, rec: unknown, keys: unknown) => Object.keys(takeKeys('aip.shape.remove_keys', rec, keys)).length,
  lua: (api: LuaApi, L: LuaPtr) => luaTakeKeys(api, L, 'aip.shape.remove_keys', false),
};

const extractKeys: LuaNativeEntry = {
  name: 'extract_keys',
  signature: 'aip.shape.extract_keys(rec: table, keys: string[]) -> table (rec mutated)',
  doc: [
    'Move keys out of a record: they are removed from `rec` **in place** and returned in a new table.',
    '',
    `- \`rec\`: the record (table) to edit. ${keysNote}`,
    '',
    'Returns a table with the removed key/value pairs (keys absent from `rec` are skipped).',
    '',
    'Example: `local meta = aip.shape.extract_keys(row, { "id", "created_at" })`',
  ].join('\n'),
  impl: (_call: CallContext, rec: unknown, keys: unknown) => takeKeys('aip.shape.extract_keys', rec, keys),
  lua: (api: LuaApi, L: LuaPtr) => luaTakeKeys(api, L, 'aip.shape.extract_keys', true),
};

const entries: (CatalogEntry | LuaNativeEntry)[] = [
  {
    name: 'to_record',
    signature: 'aip.shape.to_record(names: string[], values: any[]) -> table',
    doc: [
      'Zip column names and values into a record; extra names or values are ignored.',
      '',
      '- `names`: list of column names (strings). `values`: list of values.',
      '',
      'Returns the record table. Errors if `names` holds a non-string.',
      '',
      'Example: `aip.shape.to_record({ "id", "name" }, { 1, "Alice" }) -- { id = 1, name = "Alice" }`',
    ].join('\n'),
    impl: (_call: CallContext, names: unknown, values: unknown) => {
      const ctx = 'aip.shape.to_record';
      return zip(stringSequence(names, ctx, 'Column names'), sequenceValues(expectTable(values, ctx, 'Value list')));
    },
  },
  {
    name: 'to_records',
    signature: 'aip.shape.to_records(names: string[], rows: any[][]) -> table[]',
    doc: [
      'Build one record per row from column names (each row zipped as in `to_record`).',
      '',
      '- `names`: list of column names. `rows`: list of value lists.',
      '',
      'Returns the list of records. Errors if a row is not a table.',
      '',
      'Example: `local recs = aip.shape.to_records(csv.headers, csv.rows)`',
    ].join('\n'),
    impl: (_call: CallContext, names: unknown, rows: unknown) => toRecords(names, rows),
  },
  {
    name: 'record_to_values',
    signature: 'aip.shape.record_to_values(rec: table, names?: string[]) -> any[]',
    doc: [
      'Values of a record as a list.',
      '',
      '- `rec`: the record. `names`: optional column order; a missing key gives `null`.',
      '  Without `names`, values follow the alphabetical order of the string keys.',
      '',
      'Returns the list of values.',
      '',
      'Example: `aip.shape.record_to_values({ b = 2, a = 1 }) -- { 1, 2 }`',
    ].join('\n'),
    impl: (_call: CallContext, rec: unknown, names: unknown) => recordToValues(rec, names),
  },
  {
    name: 'records_to_value_lists',
    signature: 'aip.shape.records_to_value_lists(recs: table[], names: string[]) -> any[][]',
    doc: [
      'Turn records into value lists in the given column order (a matrix); missing keys give `null`.',
      '',
      '- `recs`: list of records. `names`: column order.',
      '',
      'Returns a list of lists. Errors if a record is not a table.',
      '',
      'Example: `local rows = aip.shape.records_to_value_lists(users, { "id", "name" })`',
    ].join('\n'),
    impl: (_call: CallContext, recs: unknown, names: unknown) => recordsToValueLists(recs, names),
  },
  {
    name: 'columnar_to_records',
    signature: 'aip.shape.columnar_to_records(cols: {[k]: any[]}) -> table[]',
    doc: [
      'Turn columns (`{ name = {v1, v2, …} }`) into a list of records.',
      '',
      '- `cols`: table of column name → list of values; all lists must have the same length.',
      '',
      'Returns the list of records. Errors on a non-list column or unequal lengths.',
      '',
      'Example: `aip.shape.columnar_to_records({ id = { 1, 2 }, name = { "A", "B" } })`',
    ].join('\n'),
    impl: (_call: CallContext, cols: unknown) => columnarToRecords(cols),
  },
  {
    name: 'records_to_columnar',
    signature: 'aip.shape.records_to_columnar(recs: table[]) -> {[k]: any[]}',
    doc: [
      'Turn a list of records into columns, keeping only the keys present in every record.',
      '',
      '- `recs`: list of records (string keys).',
      '',
      'Returns `{ key = {values…} }`; an empty table when there are no records or no shared keys.',
      '',
      'Example: `local cols = aip.shape.records_to_columnar(users) -- cols.id, cols.name`',
    ].join('\n'),
    impl: (_call: CallContext, recs: unknown) => recordsToColumnar(recs),
    // Key types are only visible on the live table (the value codec turns `[123]` into "123").
    lua: (api: LuaApi, L: LuaPtr) => {
      const ctx = 'aip.shape.records_to_columnar';
      return callConverted(api, L, 1, (recs) => {
        // Records are checked to be tables first, as aipack collects them before reading keys.
        const result = recordsToColumnar(recs);
        const badKey = firstNonStringRecordKey(api, L, 1);
        if (badKey) throw new Error(`${ctx} - Record keys must be strings. Found key of type '${badKey}'`);
        return result;
      });
    },
  } satisfies LuaNativeEntry,
  {
    name: 'select_keys',
    signature: 'aip.shape.select_keys(rec: table, keys: string[]) -> table',
    doc: [
      'New record with only the given keys (keys absent from `rec` are skipped).',
      '',
      `- \`rec\`: the record. ${keysNote}`,
      '',
      'Returns the new table; `rec` is unchanged.',
      '',
      'Example: `aip.shape.select_keys(user, { "id", "name" })`',
    ].join('\n'),
    impl: (_call: CallContext, rec: unknown, keys: unknown) => selectKeys(rec, keys),
  },
  {
    name: 'omit_keys',
    signature: 'aip.shape.omit_keys(rec: table, keys: string[]) -> table',
    doc: [
      'New record with every key except the given ones.',
      '',
      `- \`rec\`: the record. ${keysNote}`,
      '',
      'Returns the new table; `rec` is unchanged.',
      '',
      'Example: `aip.shape.omit_keys(user, { "password" })`',
    ].join('\n'),
    impl: (_call: CallContext, rec: unknown, keys: unknown) => omitKeys(rec, keys),
  },
  removeKeys,
  extractKeys,
];

export const shapeCatalog: ModuleCatalog = {
  module: 'shape',
  doc: 'Shape row-like data: zip names and values into records, records into value lists or columns, and select, omit or extract keys.',
  entries,
};
