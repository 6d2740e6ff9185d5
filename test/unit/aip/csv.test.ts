import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvCatalog } from '../../../src/runtime/script/aip/csv';
import {
  csvHeaders,
  csvRowSpans,
  keysToLabels,
  normalizeCsvOptions,
  parseCsv,
  stringifyCsvRows,
} from '../../../src/runtime/script/aip/csv-support';
import { LuaFloat } from '../../../src/runtime/script/catalog';
import { catalogFns, luaWith } from './helpers';

const FIXTURES = join(__dirname, '../../fixtures/aip-data');

const csv = catalogFns(csvCatalog);
const lua = luaWith(csvCatalog);

test('catalog: 4 entries with §8.19 signatures', () => {
  assert.deepEqual(csvCatalog.entries.map((e) => e.signature), [
    'aip.csv.parse_row(row: string, opts?: CsvOptions) -> string[]',
    'aip.csv.parse(content: string, opts?: CsvOptions) -> CsvContent',
    'aip.csv.values_to_row(values: any[], opts?: CsvOptions) -> string',
    'aip.csv.value_lists_to_rows(lists: any[][], opts?: CsvOptions) -> string[]',
  ]);
  for (const e of csvCatalog.entries) assert.match(e.doc, /Example: `/);
});

test('parse_row: quotes, custom delimiter/quote/escape, trim, first record only', () => {
  assert.deepEqual(csv.parse_row('a,"b,c",d'), ['a', 'b,c', 'd']);
  assert.deepEqual(csv.parse_row('a;\'b;c\';d', { delimiter: ';;', quote: "'" }), ['a', 'b;c', 'd']);
  assert.deepEqual(csv.parse_row('"a\\"b",c', { escape: '\\' }), ['a"b', 'c']);
  assert.deepEqual(csv.parse_row('"a""b",c'), ['a"b', 'c']);
  assert.deepEqual(csv.parse_row(' a , b ', { trim_fields: true }), ['a', 'b']);
  assert.deepEqual(csv.parse_row(' a , b '), [' a ', ' b ']);
  assert.deepEqual(csv.parse_row('# not a comment,x', { comment: '#' }), ['# not a comment', 'x']);
  assert.deepEqual(csv.parse_row('a,b\nc,d'), ['a', 'b']);
  assert.deepEqual(csv.parse_row(''), []);
  assert.deepEqual(csv.parse_row('a,'), ['a', '']);
  assert.deepEqual(csv.parse_row('"ab"cd,e'), ['abcd', 'e'], 'text after a closing quote is kept');
});

test('parse: header by default, comments, blank and all-blank lines skipped (fixture)', () => {
  const content = readFileSync(join(FIXTURES, 'people.csv'), 'utf8');
  assert.deepEqual(csv.parse(content, { comment: '#' }), {
    _type: 'CsvContent',
    headers: ['name', 'Full Name', 'age'],
    rows: [
      ['Doe, John', 'John Doe', '30'],
      ['Jane', 'Jane "JJ" Roe', '25'],
    ],
  });
  const keepBlank = csv.parse(content, { comment: '#', skip_empty_lines: false }) as { rows: string[][] };
  assert.deepEqual(keepBlank.rows[1], ['  ', '  ', '  ']);
});

test('parse: has_header = false gives empty headers; header_labels map labels to keys', () => {
  assert.deepEqual(csv.parse('a,b\n1,2', { has_header: false }), { _type: 'CsvContent', headers: [], rows: [['a', 'b'], ['1', '2']] });
  assert.deepEqual(csv.parse('ID,Full Name,Age\n1,Alice,30', { header_labels: { id: 'ID', name: 'Full Name' } }), {
    _type: 'CsvContent',
    headers: ['id', 'name', 'Age'],
    rows: [['1', 'Alice', '30']],
  });
  assert.deepEqual(csv.parse('', {}), { _type: 'CsvContent', headers: [], rows: [] });
  assert.deepEqual(csv.parse('\ufeffa,b\r\n1,"x\r\ny"\r\n'), { _type: 'CsvContent', headers: ['a', 'b'], rows: [['1', 'x\r\ny']] });
  assert.deepEqual(csv.parse('a\n1,2,3\n4'), { _type: 'CsvContent', headers: ['a'], rows: [['1', '2', '3'], ['4']] }, 'flexible field count');
});

test('parse/parse_row: argument and options errors', () => {
  assert.throws(() => csv.parse(undefined), { message: "aip.csv.parse - expected <string> for parameter 'content' but got nil" });
  assert.throws(() => csv.parse_row(1), { message: "aip.csv.parse_row - expected <string> for parameter 'row' but got number" });
  assert.throws(() => csv.parse('a', 'x'), {
    message: 'aip.csv.parse - error converting Lua string to CsvOptions (Expected nil or a table for CsvOptions)',
  });
  assert.deepEqual(csv.parse_row('a|b', null), ['a|b'], 'null options are no options');
});

test('values_to_row: types, quoting, nil/null empty, tables as JSON, empty record', () => {
  assert.equal(csv.values_to_row(['a', 123, true, null]), 'a,123,true,');
  assert.equal(csv.values_to_row(['a,b', 'c "d"']), '"a,b","c ""d"""');
  assert.equal(csv.values_to_row(['a', 'b'], { delimiter: ';' }), 'a;b');
  assert.equal(csv.values_to_row(['a', { b: 1 }]), 'a,"{""b"":1}"');
  assert.equal(csv.values_to_row(['line\nbreak', 12.34, '']), '"line\nbreak",12.34,');
  assert.equal(csv.values_to_row([new LuaFloat(2), 1e-7]), '2,0.0000001');
  assert.equal(csv.values_to_row({}), '""');
  assert.equal(csv.values_to_row(['']), '""');
  assert.equal(csv.values_to_row(['', '']), ',');
  assert.equal(csv.values_to_row(["it's"], { quote: "'" }), "'it''s'");
  assert.equal(csv.values_to_row({ '1': 'a', '2': 'b', '4': 'd' }), 'a,b', 'stops at the first nil');
});

test('values_to_row: errors', () => {
  assert.throws(() => csv.values_to_row('a'), { message: 'aip.csv.values_to_row - values must be a table (list)' });
  assert.throws(() => csv.values_to_row(['a', () => 1]), { message: "aip.csv.values_to_row - unsupported value type 'function'" });
});

test('value_lists_to_rows: one row per list, options, row errors', () => {
  assert.deepEqual(csv.value_lists_to_rows([['a', 1], ['b,c', 2]]), ['a,1', '"b,c",2']);
  assert.deepEqual(csv.value_lists_to_rows([['a', 1], ['b', 2]], { delimiter: '|' }), ['a|1', 'b|2']);
  assert.deepEqual(csv.value_lists_to_rows({}), []);
  assert.throws(() => csv.value_lists_to_rows('x'), { message: 'aip.csv.value_lists_to_rows - value_lists must be a table (list of lists)' });
  assert.throws(() => csv.value_lists_to_rows([['a'], 'b']), { message: 'Row 2: aip.csv.value_lists_to_rows - values must be a table (list)' });
});

test('csv-support: normalizeCsvOptions, csvHeaders, stringifyCsvRows, keysToLabels, csvRowSpans', () => {
  const o = normalizeCsvOptions({ delimiter: '\t', trim_fields: 'yes', header_labels: { id: 'ID', bad: 3 } }, { has_header: false });
  assert.deepEqual(o, {
    delimiter: '\t',
    quote: '"',
    escape: '"',
    trim_fields: false,
    has_header: false,
    skip_empty_lines: true,
    skip_header_row: false,
    header_labels: { id: 'ID' },
  });
  assert.equal(normalizeCsvOptions({}).has_header, true);
  assert.deepEqual(csvHeaders('# c\n ID , name \n1,2', normalizeCsvOptions({ comment: '#', trim_fields: true, header_labels: { id: 'ID' } })), ['id', 'name']);
  assert.deepEqual(csvHeaders(''), []);
  assert.equal(stringifyCsvRows([['id', 'note'], [1, null], [2, ['x']]], normalizeCsvOptions({})), 'id,note\n1,\n2,"[""x""]"\n');
  assert.deepEqual(keysToLabels(['id', 'name'], { id: 'ID' }), ['ID', 'name']);
  assert.deepEqual(csvRowSpans('a,b\r\n\nc,"d\ne"\nlast'), [[0, 3], [5, 5], [6, 13], [14, 18]]);
  assert.deepEqual(csvRowSpans('x,"a""b"\n'), [[0, 8]]);
  assert.deepEqual(parseCsv('a;b', normalizeCsvOptions({ delimiter: ';', has_header: false })).rows, [['a', 'b']]);
});

test('through Lua: parse with options table and values_to_row with nil stop', async () => {
  const r = await lua(`local c = aip.csv.parse("name,age\\nJohn,30", nil)
     return { c._type, c.headers[1], c.rows[1][2], aip.csv.values_to_row({ "a", 123, true, nil }), aip.csv.values_to_row({ "x", null, 1.5 }) }`);
  assert.deepEqual(r, ['CsvContent', 'name', '30', 'a,123,true', 'x,,1.5']);
});
