import { test } from 'node:test';
import assert from 'node:assert/strict';
import { luaCatalog, dumpJsValue } from '../../../src/runtime/script/aip/lua';
import type { CallContext } from '../../../src/runtime/script/catalog';
import { run, runErr } from './helpers';

const call = (fnName: string) => ({ fnName, host: {} as never, signal: new AbortController().signal }) as CallContext;
const entry = (name: string) => luaCatalog.entries.find((e) => e.name === name)!;

test('catalog lists the 3 functions with signatures and docs', () => {
  assert.equal(luaCatalog.module, 'lua');
  assert.deepEqual(luaCatalog.entries.map((e) => e.name), ['dump', 'merge', 'merge_deep']);
  for (const e of luaCatalog.entries) {
    assert.ok(e.signature.startsWith(`aip.lua.${e.name}(`));
    assert.ok(e.doc.includes('Example:'));
  }
});

test('dump: scalars, strings quoted, null as NULL, functions, nested tables', async () => {
  assert.deepEqual(await run('return { aip.lua.dump("Hello"), aip.lua.dump(123.45), aip.lua.dump(3.0), aip.lua.dump(7), aip.lua.dump(nil), aip.lua.dump(null), aip.lua.dump(print), aip.lua.dump({}) }'), [
    '"Hello"', '123.45', '3', '7', 'nil', 'NULL', '<function <anonymous>>', '{}',
  ]);
  const nested = await run('return aip.lua.dump({ nested = { key1 = "value1" } })');
  assert.equal(nested, '{\n  nested = {\n    key1 = "value1"\n  }\n}');
  const list = await run('return aip.lua.dump({ "a", true })');
  assert.equal(list, '{\n  1 = "a",\n  2 = true\n}');
  assert.equal(await run('local t = {}; t.me = t; return aip.lua.dump(t)'), '{\n  me = <cycle>\n}');
});

test('merge: shallow, in place, several objects, nil/null ignored', async () => {
  const r = await run(`
    local base = { a = 1, b = { x = 1 } }
    local same = aip.lua.merge(base, { b = { y = 2 }, c = 3 }, nil, null, { a = 10 })
    return { same == base, base }`);
  assert.deepEqual(r, [true, { a: 10, b: { y: 2 }, c: 3 }]);
});

test('merge_deep: recursive where both sides are tables', async () => {
  const r = await run(`
    local base = { a = 1, b = { x = 10, y = 20 } }
    aip.lua.merge_deep(base, { b = { y = 22, z = 30 }, c = 3 }, { b = { w = { deep = true } } })
    return base`);
  assert.deepEqual(r, { a: 1, b: { x: 10, y: 22, z: 30, w: { deep: true } }, c: 3 });
});

test('merge errors: target required, non-table objects refused', async () => {
  assert.equal((await runErr('aip.lua.merge(nil, {})')).message, "eval.lua:1: aip.lua.merge - expected <table> for parameter 'target' but got nil");
  assert.equal((await runErr('aip.lua.merge_deep(null, {})')).message, "eval.lua:1: aip.lua.merge_deep - expected <table> for parameter 'target' but got null");
  assert.equal((await runErr('aip.lua.merge({}, "x")')).message, 'eval.lua:1: Cannot merge a non table type. Actual type: string');
});

test('JS impls mirror the Lua ones', () => {
  const t = { a: 1, b: { x: 1 } };
  assert.deepEqual(entry('merge').impl(call('aip.lua.merge'), t, { b: { y: 2 } }, null), { a: 1, b: { y: 2 } });
  const d = { a: 1, b: { x: 1 } };
  assert.deepEqual(entry('merge_deep').impl(call('aip.lua.merge_deep'), d, { b: { y: 2 } }, undefined), { a: 1, b: { x: 1, y: 2 } });
  assert.throws(() => entry('merge').impl(call('aip.lua.merge'), null, {}), { message: "aip.lua.merge - expected <table> for parameter 'target' but got null" });
  assert.equal(dumpJsValue({ k: [1, null] }), '{\n  k = {\n    1 = 1,\n    2 = NULL\n  }\n}');
  assert.equal(entry('dump').impl(call('aip.lua.dump'), 'x'), '"x"');
});
