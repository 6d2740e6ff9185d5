import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tomlCatalog, stringifyToml } from '../../../src/runtime/script/aip/toml';
import { LuaFloat } from '../../../src/runtime/script/catalog';
import { catalogFns, luaWith } from './helpers';

const FIXTURES = join(__dirname, '../../fixtures/aip-data');

const toml = catalogFns(tomlCatalog);
const lua = luaWith(tomlCatalog);

test('catalog: 2 entries with §8.19 signatures', () => {
  assert.deepEqual(tomlCatalog.entries.map((e) => e.signature), ['aip.toml.parse(s: string) -> table', 'aip.toml.stringify(t: table) -> string']);
  for (const e of tomlCatalog.entries) assert.match(e.doc, /Example: `/);
});

test('parse: fixture with tables, arrays of tables, integer vs float', () => {
  const text = readFileSync(join(FIXTURES, 'config.toml'), 'utf8');
  assert.deepEqual(toml.parse(text), {
    title: 'Example',
    year: 2024,
    ratio: new LuaFloat(1),
    owner: { name: 'John' },
    items: [{ id: 1 }, { id: 2 }],
  });
});

test('parse: dates as text, non-finite floats as null, 2.5 plain', () => {
  assert.deepEqual(toml.parse('d = 1979-05-27T07:32:00Z\nl = 1979-05-27\nn = nan\nf = 2.5'), {
    d: '1979-05-27T07:32:00Z',
    l: '1979-05-27',
    n: null,
    f: 2.5,
  });
});

test('parse: errors (invalid TOML, missing argument)', () => {
  assert.throws(() => toml.parse('invalid = [1, 2,,]'), /^Error: aip\.toml\.parse failed\. Invalid TOML document/);
  assert.throws(() => toml.parse(undefined), { message: "aip.toml.parse - expected <string> for parameter 's' but got nil" });
  assert.throws(() => toml.parse(12), { message: "aip.toml.parse - expected <string> for parameter 's' but got number" });
});

test('stringify: plain values first, sorted keys, [table] and [[array]] sections', () => {
  const out = toml.stringify({
    title: 'Example',
    owner: { name: 'John', email: 'john@example.com', sub: { x: 1 } },
    tags: ['alpha', 'beta'],
    items: [{ a: 1 }, { a: 2 }],
    ratio: new LuaFloat(1),
    'a key': 2.5,
  });
  assert.equal(
    out,
    [
      '"a key" = 2.5',
      'ratio = 1.0',
      'tags = ["alpha", "beta"]',
      'title = "Example"',
      '',
      '[[items]]',
      'a = 1',
      '',
      '[[items]]',
      'a = 2',
      '',
      '[owner]',
      'email = "john@example.com"',
      'name = "John"',
      '',
      '[owner.sub]',
      'x = 1',
      '',
    ].join('\n'),
  );
  // Round trip through the parser.
  assert.deepEqual(toml.parse(out as string), {
    'a key': 2.5,
    ratio: new LuaFloat(1),
    tags: ['alpha', 'beta'],
    title: 'Example',
    items: [{ a: 1 }, { a: 2 }],
    owner: { name: 'John', email: 'john@example.com', sub: { x: 1 } },
  });
});

test('stringify: null values left out, {} as [], inline tables in mixed lists, escapes', () => {
  assert.equal(toml.stringify({ a: null, b: {}, c: [1, { d: 'x' }], s: 'q"\n' }), 'b = []\nc = [1, { d = "x" }]\ns = "q\\"\\n"\n');
  assert.equal(toml.stringify({}), '');
});

test('stringify: errors', () => {
  assert.throws(() => toml.stringify('text'), {
    message: 'aip.toml.stringify fail to stringify. the top-level value must be a table with keys',
  });
  assert.throws(() => toml.stringify([1, 2]), /the top-level value must be a table with keys/);
  assert.throws(() => toml.stringify({ l: [1, null] }), { message: 'aip.toml.stringify fail to stringify. unsupported None value' });
  assert.throws(() => stringifyToml({ f: () => 1 }), /unsupported value type 'function'/);
});

test('through Lua: parse and stringify', async () => {
  const r = await lua(`local t = aip.toml.parse('title = "Example"\\nratio = 1.0\\n[owner]\\nname = "John"')
     return { t.title, t.owner.name, math.type(t.ratio), aip.toml.stringify({ title = "T", owner = { name = "J" } }) }`);
  assert.deepEqual(r, ['Example', 'John', 'float', 'title = "T"\n\n[owner]\nname = "J"\n']);
});
