import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { yamlCatalog } from '../../../src/runtime/script/aip/yaml';
import { LuaFloat } from '../../../src/runtime/script/catalog';
import { catalogFns, luaWith } from './helpers';

const FIXTURES = join(__dirname, '../../fixtures/aip-data');

const yaml = catalogFns(yamlCatalog);
const lua = luaWith(yamlCatalog);

test('catalog: 3 entries with §8.19 signatures', () => {
  assert.deepEqual(yamlCatalog.entries.map((e) => e.signature), [
    'aip.yaml.parse(s: string|nil) -> any[]|nil',
    'aip.yaml.stringify(v: any) -> string',
    'aip.yaml.stringify_multi_docs(docs: any[]) -> string',
  ]);
  for (const e of yamlCatalog.entries) assert.match(e.doc, /Example: `/);
});

test('parse: multi-document fixture; YAML 1.2 booleans; floats stay floats; nested null', () => {
  const text = readFileSync(join(FIXTURES, 'docs.yaml'), 'utf8');
  assert.deepEqual(yaml.parse(text), [
    { name: 'Doc1', version: new LuaFloat(1), count: 3, flags: ['yes', 'no', true], empty: null },
    { name: 'Doc2', list: ['a', 'b'] },
  ]);
});

test('parse: single doc is still a list; hex ints; .inf → null; null doc → nil slot; empty → []', () => {
  assert.deepEqual(yaml.parse('a: 1'), [{ a: 1 }]);
  assert.deepEqual(yaml.parse('h: 0xE\ne: 1e3\ni: .inf\nf: 2.5'), [{ h: 14, e: new LuaFloat(1000), i: null, f: 2.5 }]);
  assert.deepEqual(yaml.parse('null'), [undefined]);
  assert.deepEqual(yaml.parse(''), []);
  assert.deepEqual(yaml.parse('a: &x [1, 2]\nb: *x'), [{ a: [1, 2], b: [1, 2] }]);
});

test('parse: nil → nil; errors', () => {
  assert.equal(yaml.parse(undefined), undefined);
  assert.equal(yaml.parse(null), undefined);
  assert.throws(() => yaml.parse('a: [1,\n b: c: d'), /^Error: aip\.yaml\.parse failed\. /);
  assert.throws(() => yaml.parse({}), { message: "aip.yaml.parse - expected <string> for parameter 's' but got table" });
});

test('stringify: sorted keys, list items under their key, quoting, block strings, floats', () => {
  assert.equal(yaml.stringify({ name: 'John', age: 30 }), 'age: 30\nname: John\n');
  assert.equal(
    yaml.stringify({ tags: ['a', 'b'], n: null, s: '123', m: 'line1\nline2', f: new LuaFloat(2), e: {}, long: 'x'.repeat(100) }),
    `e: []\nf: 2.0\nlong: ${'x'.repeat(100)}\nm: |-\n  line1\n  line2\nn: null\ns: '123'\ntags:\n- a\n- b\n`,
  );
  assert.equal(yaml.stringify('hello'), 'hello\n');
  assert.equal(yaml.stringify(undefined), 'null\n');
});

test('stringify: errors', () => {
  assert.throws(() => yaml.stringify({ f: () => 1 }), /^Error: aip\.yaml\.stringify fail to stringify\. Cannot serialize Lua value to JSON/);
  assert.throws(() => yaml.stringify([NaN]), /non-finite/);
});

test('stringify_multi_docs: documents joined by ---; list required', () => {
  assert.equal(yaml.stringify_multi_docs([{ name: 'D1' }, { name: 'D2' }]), 'name: D1\n---\nname: D2\n');
  assert.equal(yaml.stringify_multi_docs({}), '');
  for (const bad of [{ a: 1 }, 'x', undefined]) {
    assert.throws(() => yaml.stringify_multi_docs(bad), { message: 'aip.yaml.stringify_multi_docs failed. Content must be a list of tables.' });
  }
  assert.throws(() => yaml.stringify_multi_docs([{ a: 1 }, { f: () => 1 }]), /Cannot stringify multi-doc yaml at index 1/);
});

test('through Lua: parse docs and round trip', async () => {
  const r = await lua(`local docs = aip.yaml.parse("name: Doc1\\n---\\nname: Doc2\\nv: 1.0")
     return { #docs, docs[1].name, docs[2].name, math.type(docs[2].v), aip.yaml.stringify_multi_docs({ {name = "D1"}, {name = "D2"} }) }`);
  assert.deepEqual(r, [2, 'Doc1', 'Doc2', 'float', 'name: D1\n---\nname: D2\n']);
});
