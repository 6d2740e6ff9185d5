import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonCatalog } from '../../../src/runtime/script/aip/json';
import { parseJsonLenient, stringifyJson, sequenceValues } from '../../../src/runtime/script/aip/json-value';
import { LuaFloat } from '../../../src/runtime/script/catalog';
import { catalogFns, luaWith } from './helpers';

const FIXTURES = join(__dirname, '../../fixtures/aip-data');

const json = catalogFns(jsonCatalog);
const lua = luaWith(jsonCatalog);

test('catalog: 5 entries with §8.19 signatures and docs', () => {
  assert.deepEqual(jsonCatalog.entries.map((e) => e.signature), [
    'aip.json.parse(s: string|nil) -> any',
    'aip.json.parse_ndjson(s: string|nil) -> any[]|nil',
    'aip.json.stringify(v: any) -> string',
    'aip.json.stringify_pretty(v: any) -> string',
    'aip.json.stringify_to_line(v: any) -> string',
  ]);
  for (const e of jsonCatalog.entries) assert.match(e.doc, /Example: `/);
});

test('parse: plain JSON, nested null → null, float literals stay floats', () => {
  assert.deepEqual(json.parse('{"name": "John", "age": 30, "x": null, "l": [1, null]}'), { name: 'John', age: 30, x: null, l: [1, null] });
  assert.deepEqual(json.parse('[1.0, 2.5, 1e3, -0.0, 7]'), [new LuaFloat(1), 2.5, new LuaFloat(1000), new LuaFloat(-0), 7]);
  assert.equal(json.parse('"text"'), 'text');
  assert.equal(json.parse('true'), true);
});

test('parse: JSONC fixture (comments, unquoted and single-quoted keys, trailing commas)', () => {
  const text = readFileSync(join(FIXTURES, 'settings.jsonc'), 'utf8');
  assert.deepEqual(json.parse(text), {
    name: 'demo',
    version: new LuaFloat(1),
    tags: ['a', 'b'],
    nested: { n: null, list: [1, 2.5, null] },
  });
  assert.deepEqual(json.parse('{"a": 1 "b": 2}'), { a: 1, b: 2 }, 'missing commas are accepted');
  assert.deepEqual(json.parse('{"h": 0x1F, "p": +3}'), { h: 31, p: 3 });
});

test('parse: nil/null → nil, empty or top-level null → nil, numbers as text', () => {
  assert.equal(json.parse(undefined), undefined);
  assert.equal(json.parse(null), undefined);
  assert.equal(json.parse(''), undefined);
  assert.equal(json.parse('  // only a comment\n'), undefined);
  assert.equal(json.parse('null'), undefined);
  assert.equal(json.parse(42), 42);
});

test('parse: errors', () => {
  assert.throws(() => json.parse('{"a": }'), (e: Error) => {
    assert.match(e.message, /^aip\.json\.parse failed\. Fail to parse json\.\nCause: Unexpected token '}' on line 1 column 7\nJson Content:\n\{"a": \}$/);
    return true;
  });
  const long = `{"a": ${'1'.repeat(400)}`;
  assert.throws(() => json.parse(long), (e: Error) => e.message.endsWith(`${long.slice(0, 300)}...`));
  assert.throws(() => json.parse({}), { message: "aip.json.parse - expected <string> for parameter 'content' but got table" });
  assert.throws(() => json.parse('[1, 2'), /Unterminated array/);
  assert.throws(() => json.parse('1 2'), /Unexpected token '2'/);
  assert.throws(() => json.parse('{"a": 1,, "b": 2}'), /Unexpected token ','/);
  assert.throws(() => json.parse('[1,,2]'), /Unexpected token ','/);
  assert.throws(() => json.parse("{'a: 1}"), /Unterminated string/);
});

test('parse_ndjson: one value per line, blank lines skipped, strict JSON', () => {
  assert.deepEqual(json.parse_ndjson('{"name": "John", "age": 30}\n\n{"name": "Jane", "age": 25}\r\n'), [
    { name: 'John', age: 30 },
    { name: 'Jane', age: 25 },
  ]);
  assert.deepEqual(json.parse_ndjson('null\n1.0'), [null, new LuaFloat(1)]);
  assert.deepEqual(json.parse_ndjson(''), []);
  assert.equal(json.parse_ndjson(undefined), undefined);
  assert.throws(() => json.parse_ndjson('{"a": 1}\n{a: 2}'), {
    message: "aip.json.parse_ndjson failed. Invalid JSON on line 2: Expected a property name but found 'a' on line 1 column 2",
  });
  assert.throws(() => json.parse_ndjson('[1,]'), /Trailing comma in array/);
  assert.throws(() => json.parse_ndjson('// c'), /Unexpected token '\/'/);
});

test('stringify: compact, sorted keys, {} → [], nil/null → null, floats keep .0', () => {
  assert.equal(json.stringify({ name: 'John', age: 30, a: null }), '{"a":null,"age":30,"name":"John"}');
  assert.equal(json.stringify({}), '[]');
  assert.equal(json.stringify([1, { b: [] }, 'x"y']), '[1,{"b":[]},"x\\"y"]');
  assert.equal(json.stringify(new LuaFloat(5)), '5.0');
  assert.equal(json.stringify([2.5, 1e21, new LuaFloat(1e21)]), '[2.5,1000000000000000000000,1e21]');
  assert.equal(json.stringify(undefined), 'null');
  assert.equal(json.stringify('é\n'), '"é\\n"');
  assert.equal(json.stringify_to_line({ b: 1, a: 2 }), '{"a":2,"b":1}');
});

test('stringify_pretty: 2-space indentation', () => {
  assert.equal(json.stringify_pretty({ name: 'John', list: [1, {}], o: { x: true } }), '{\n  "list": [\n    1,\n    []\n  ],\n  "name": "John",\n  "o": {\n    "x": true\n  }\n}');
  assert.equal(json.stringify_pretty([]), '[]');
});

test('stringify: errors on functions and non-finite numbers', () => {
  assert.throws(() => json.stringify({ f: () => 1 }), {
    message: 'aip.json.stringify fail to stringify. Cannot serialize Lua value to JSON: unsupported type (Function)',
  });
  assert.throws(() => json.stringify_pretty([NaN]), {
    message: 'aip.json.stringify_pretty fail to stringify. Cannot convert non-finite Lua number to JSON (NaN or Infinity)',
  });
});

test('json-value: lenient parse options and helpers', () => {
  assert.deepEqual(parseJsonLenient('[1.0]', { floats: false }), [1]);
  assert.throws(() => parseJsonLenient("{'a': 1}", { strict: true }), /Expected a property name/);
  assert.equal(stringifyJson({ z: 1, a: [true, false] }, false), '{"a":[true,false],"z":1}');
  assert.deepEqual(sequenceValues({ '1': 'a', '2': 'b', '4': 'd' }), ['a', 'b']);
  assert.deepEqual(sequenceValues(['a', undefined, 'c']), ['a']);
});

test('through Lua: nested null is the null sentinel, 1.0 stays a float, round trip', async () => {
  const r = await lua(`local v = aip.json.parse('{"a": null, "f": 1.0, "i": 2, "l": [1, 2]}')
     return { is_null_sentinel = (v.a == null), ftype = math.type(v.f), itype = math.type(v.i), n = #v.l,
              back = aip.json.stringify(v.l), top = aip.json.parse("null") == nil }`);
  assert.deepEqual(r, { is_null_sentinel: true, ftype: 'float', itype: 'integer', n: 2, back: '[1,2]', top: true });
});

test('through Lua: errors are catchable with pcall', async () => {
  const r = await lua('local ok, err = pcall(aip.json.parse, "{bad"); return { ok, err }');
  assert.equal((r as unknown[])[0], false);
  assert.match(String((r as unknown[])[1]), /aip\.json\.parse failed\. Fail to parse json\./);
});
