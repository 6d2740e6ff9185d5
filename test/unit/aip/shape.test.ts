import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shapeCatalog } from '../../../src/runtime/script/aip/shape';
import { catalogFns, luaError, luaWith } from './helpers';

const shape = catalogFns(shapeCatalog);
const lua = luaWith(shapeCatalog);
const luaErr = (code: string) => luaError(lua, code);

test('catalog: 10 entries with §8.19 signatures', () => {
  assert.deepEqual(shapeCatalog.entries.map((e) => e.signature), [
    'aip.shape.to_record(names: string[], values: any[]) -> table',
    'aip.shape.to_records(names: string[], rows: any[][]) -> table[]',
    'aip.shape.record_to_values(rec: table, names?: string[]) -> any[]',
    'aip.shape.records_to_value_lists(recs: table[], names: string[]) -> any[][]',
    'aip.shape.columnar_to_records(cols: {[k]: any[]}) -> table[]',
    'aip.shape.records_to_columnar(recs: table[]) -> {[k]: any[]}',
    'aip.shape.select_keys(rec: table, keys: string[]) -> table',
    'aip.shape.omit_keys(rec: table, keys: string[]) -> table',
    'aip.shape.remove_keys(rec: table, keys: string[]) -> integer (rec mutated)',
    'aip.shape.extract_keys(rec: table, keys: string[]) -> table (rec mutated)',
  ]);
  for (const e of shapeCatalog.entries) assert.match(e.doc, /Example: `/);
});

test('to_record: zip, truncated to the shorter list, null kept', () => {
  assert.deepEqual(shape.to_record(['id', 'name'], [1, 'Alice']), { id: 1, name: 'Alice' });
  assert.deepEqual(shape.to_record(['id', 'name', 'x'], [1]), { id: 1 });
  assert.deepEqual(shape.to_record(['id'], [1, 2, 3]), { id: 1 });
  assert.deepEqual(shape.to_record(['a'], [null]), { a: null });
  assert.deepEqual(shape.to_record({}, {}), {});
  assert.throws(() => shape.to_record(['id', 2], [1, 2]), { message: "aip.shape.to_record - Column names must be strings. Found 'integer' at index 2" });
  assert.throws(() => shape.to_record('id', [1]), { message: "aip.shape.to_record - Column names must be a table. Found 'string'" });
  assert.throws(() => shape.to_record(['id'], undefined), { message: "aip.shape.to_record - Value list must be a table. Found 'nil'" });
});

test('to_records: one record per row; row errors', () => {
  assert.deepEqual(shape.to_records(['id', 'name'], [[1, 'A'], [2]]), [{ id: 1, name: 'A' }, { id: 2 }]);
  assert.deepEqual(shape.to_records(['id'], {}), []);
  assert.throws(() => shape.to_records(['id'], [[1], 'x']), { message: "aip.shape.to_records - Each row must be a table (list). Found 'string'" });
  assert.throws(() => shape.to_records(['id'], null), { message: "aip.shape.to_records - Rows must be a table. Found 'null'" });
});

test('record_to_values: names order with null for missing; alphabetical without names', () => {
  assert.deepEqual(shape.record_to_values({ b: 2, a: 1, c: null }), [1, 2, null]);
  assert.deepEqual(shape.record_to_values({ id: 1, name: 'A' }, ['name', 'missing', 'id']), ['A', null, 1]);
  assert.deepEqual(shape.record_to_values({ id: 1 }, null), [1]);
  assert.deepEqual(shape.record_to_values(['x', 'y']), [], 'a list has no string keys');
  assert.throws(() => shape.record_to_values('x'), { message: "aip.shape.record_to_values - Record must be a table. Found 'string'" });
  assert.throws(() => shape.record_to_values({}, [true]), { message: "aip.shape.record_to_values - Column names must be strings. Found 'boolean' at index 1" });
});

test('records_to_value_lists: matrix with null for missing keys', () => {
  assert.deepEqual(shape.records_to_value_lists([{ id: 1, name: 'A' }, { id: 2 }], ['id', 'name']), [[1, 'A'], [2, null]]);
  assert.deepEqual(shape.records_to_value_lists({}, ['id']), []);
  assert.throws(() => shape.records_to_value_lists([{ id: 1 }, 3], ['id']), {
    message: "aip.shape.records_to_value_lists - Each record must be a table. Found 'integer'",
  });
});

test('columnar_to_records: equal-length columns; errors', () => {
  assert.deepEqual(shape.columnar_to_records({ id: [1, 2], name: ['A', 'B'] }), [{ id: 1, name: 'A' }, { id: 2, name: 'B' }]);
  assert.deepEqual(shape.columnar_to_records({}), []);
  assert.throws(() => shape.columnar_to_records({ id: [1, 2], name: ['A'] }), {
    message: "aip.shape.columnar_to_records - All columns must have the same length. Column 'name' has length 1, expected 2",
  });
  assert.throws(() => shape.columnar_to_records({ id: 'x' }), {
    message: "aip.shape.columnar_to_records - Each column must be a table (list). Column 'id' was 'string'",
  });
  assert.throws(() => shape.columnar_to_records([[1]]), { message: "aip.shape.columnar_to_records - Column keys must be strings. Found 'integer'" });
  assert.throws(() => shape.columnar_to_records(5), { message: "aip.shape.columnar_to_records - Columns must be a table. Found 'integer'" });
});

test('records_to_columnar: only keys present in every record, sorted', () => {
  assert.deepEqual(shape.records_to_columnar([{ id: 1, name: 'A', x: 1 }, { id: 2, name: 'B' }]), { id: [1, 2], name: ['A', 'B'] });
  assert.deepEqual(shape.records_to_columnar({}), {});
  assert.deepEqual(shape.records_to_columnar([{ a: 1 }, { b: 2 }]), {});
  assert.throws(() => shape.records_to_columnar([{ a: 1 }, 'x']), { message: "aip.shape.records_to_columnar - Each record must be a table. Found 'string'" });
  assert.throws(() => shape.records_to_columnar([['v']]), {
    message: "aip.shape.records_to_columnar - Record keys must be strings. Found key of type 'integer'",
  });
  assert.throws(() => shape.records_to_columnar(undefined), { message: "aip.shape.records_to_columnar - Records list must be a table. Found 'nil'" });
});

test('select_keys / omit_keys: new tables, input unchanged', () => {
  const rec = { id: 1, name: 'A', pw: 'x', n: null };
  assert.deepEqual(shape.select_keys(rec, ['id', 'missing', 'n']), { id: 1, n: null });
  assert.deepEqual(shape.omit_keys(rec, ['pw', 'missing']), { id: 1, name: 'A', n: null });
  assert.deepEqual(rec, { id: 1, name: 'A', pw: 'x', n: null });
  assert.throws(() => shape.select_keys(rec, 'id'), { message: "aip.shape.select_keys - Key names must be a table. Found 'string'" });
  assert.throws(() => shape.omit_keys(undefined, []), { message: "aip.shape.omit_keys - Record must be a table. Found 'nil'" });
});

test('remove_keys / extract_keys (JS impl): in place on the given object', () => {
  const rec: Record<string, unknown> = { id: 1, name: 'A', pw: 'x' };
  assert.equal(shape.remove_keys(rec, ['pw', 'missing']), 1);
  assert.deepEqual(rec, { id: 1, name: 'A' });
  assert.deepEqual(shape.extract_keys(rec, ['id', 'nope']), { id: 1 });
  assert.deepEqual(rec, { name: 'A' });
  assert.throws(() => shape.remove_keys(rec, [1]), { message: "aip.shape.remove_keys - Key names must be strings. Found 'integer' at index 1" });
});

test('through Lua: remove_keys and extract_keys edit the live table', async () => {
  const r = await lua(`
    local rec = { id = 1, name = "A", pw = "x", n = null }
    local count = aip.shape.remove_keys(rec, { "pw", "missing", "n" })
    local rec2 = { id = 1, name = "A", meta = { k = 1 } }
    local out = aip.shape.extract_keys(rec2, { "meta", "nope" })
    return { count = count, rec = rec, rec2 = rec2, out = out, mtype = math.type(count) }`);
  assert.deepEqual(r, { count: 2, rec: { id: 1, name: 'A' }, rec2: { id: 1, name: 'A' }, out: { meta: { k: 1 } }, mtype: 'integer' });
});

test('through Lua: remove_keys/extract_keys errors leave the record untouched', async () => {
  assert.match(await luaErr('return aip.shape.remove_keys("x", {})'), /aip\.shape\.remove_keys - Record must be a table\. Found 'string'/);
  assert.match(await luaErr('return aip.shape.extract_keys({}, nil)'), /aip\.shape\.extract_keys - Key names must be a table\. Found 'nil'/);
  assert.match(await luaErr('return aip.shape.extract_keys({}, null)'), /Key names must be a table\. Found 'null'/);
  const r = await lua(`
    local rec = { a = 1, b = 2 }
    local ok, err = pcall(aip.shape.remove_keys, rec, { "a", 3 })
    return { ok, err, rec }`);
  const [ok, err, rec] = r as [boolean, string, unknown];
  assert.equal(ok, false);
  assert.match(err, /aip\.shape\.remove_keys - Key names must be strings\. Found 'integer' at index 2/);
  assert.deepEqual(rec, { a: 1, b: 2 });
});

test('through Lua: records round trip (to_records → records_to_columnar → columnar_to_records)', async () => {
  const r = await lua(`
    local recs = aip.shape.to_records({ "id", "name" }, { { 1, "A" }, { 2, "B" } })
    local cols = aip.shape.records_to_columnar(recs)
    local back = aip.shape.columnar_to_records(cols)
    return { cols = cols, back = back, vals = aip.shape.record_to_values(recs[1], { "name", "x" }) }`);
  assert.deepEqual(r, {
    cols: { id: [1, 2], name: ['A', 'B'] },
    back: [{ id: 1, name: 'A' }, { id: 2, name: 'B' }],
    vals: ['A', null],
  });
});
