import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LuaFloat } from '../../../src/runtime/script/catalog';
import { plainValue, stageValueToJson } from '../../../src/runtime/script/lua-values';
import { calls, run, runErr } from './helpers';

test('integers stay integers and floats stay floats, both ways', async () => {
  const r = await run('return { i = 1, f = 1.0, h = 1.5, sq = math.sqrt(25), div = 10 / 2, idiv = 7 // 2 }');
  assert.deepEqual(r, { i: 1, f: new LuaFloat(1), h: 1.5, sq: new LuaFloat(5), div: new LuaFloat(5), idiv: 3 });
  // JSON `1` → integer, `1.5` and a LuaFloat → float.
  const types = await run('return { math.type(v.a), math.type(v.b), math.type(v.c), tostring(v.c) }', {
    globals: { v: { a: 1, b: 1.5, c: new LuaFloat(2) } },
  });
  assert.deepEqual(types, ['integer', 'float', 'float', '2.0']);
});

test('a stage result round-trips through JSON keeping 1.0 a float', async () => {
  const first = await run('return { n = 3.0, list = { 1, 2.5 } }');
  // Lua's key order is its hash order (seeded per state, as in aipack): compare in a fixed order.
  const r = first as { n: unknown; list: unknown };
  assert.equal(stageValueToJson({ n: r.n, list: r.list }), '{"n":3.0,"list":[1,2.5]}');
  const back = await run('return math.type(prev.n) .. " " .. tostring(prev.n)', { globals: { prev: first } });
  assert.equal(back, 'float 3.0');
  assert.deepEqual(plainValue(first), { n: 3, list: [1, 2.5] });
});

test('integral numbers cross as 64-bit integers; a stage result beyond 2^53 is a BigInt, written exactly in JSON', async () => {
  assert.equal(await run('return math.type(v)', { globals: { v: 2 ** 40 } }), 'integer');
  assert.equal(await run('return v + 1', { globals: { v: 2 ** 40 } }), 2 ** 40 + 1);
  const big = await run('return { n = math.maxinteger, f = 2^40 }');
  assert.deepEqual(big, { n: 9223372036854775807n, f: new LuaFloat(2 ** 40) });
  const b = big as { n: unknown; f: unknown };
  assert.equal(stageValueToJson({ n: b.n, f: b.f }), '{"n":9223372036854775807,"f":1099511627776.0}');
});

test('array holes: [undefined] is a table with #t == 0 (JS undefined is Lua nil); null is the sentinel', async () => {
  assert.deepEqual(await run('return { #a, a[1] == nil, #b, b[2] == nil, b[3], #c, c[1] == null }', { globals: { a: [undefined], b: [1, undefined, 3], c: [null] } }), [0, true, 3, true, 3, 1, true]);
});

test('top-level null is nil, nested nulls are the sentinel and keep array positions', async () => {
  const r = await run('return { v == nil, arr[2] == null, #arr, is_null(arr[2]), obj.x == null }', {
    globals: { v: null, arr: [1, null, 3], obj: { x: null } },
  });
  assert.deepEqual(r, [true, true, 3, true, true]);
  assert.deepEqual(await run('return { 1, null, 3 }'), [1, null, 3]);
  assert.equal(await run('return null'), null);
  assert.equal(await run('return nil'), undefined);
  assert.equal(await run(''), undefined);
});

test('tables: 1..n keys are arrays, anything else (including {}) an object', async () => {
  assert.deepEqual(await run('return {}'), {});
  assert.deepEqual(await run('return { [1] = "a", [2] = "b" }'), ['a', 'b']);
  assert.deepEqual(await run('return { [1] = "a", [3] = "c" }'), { 1: 'a', 3: 'c' });
  assert.deepEqual(await run('return { "a", x = 1 }'), { 1: 'a', x: 1 });
  assert.deepEqual(await run('return { [0] = "z", "a" }'), { 0: 'z', 1: 'a' });
  assert.deepEqual(await run('return { a = { b = { c = { true, false } } } }'), { a: { b: { c: [true, false] } } });
});

test('catalog arguments: nil → undefined, null → null, {} → object, integral floats → LuaFloat', async () => {
  calls.length = 0;
  await run('aip.test.args(nil, null, {}, {1, 2}, 2.0, "s", true, 2.5, {x = 1.0})');
  assert.deepEqual(calls[0], [undefined, null, {}, [1, 2], new LuaFloat(2), 's', true, 2.5, { x: new LuaFloat(1) }]);
});

test('catalog returns: arrays, LuaFloat, multi values, nested null', async () => {
  assert.deepEqual(await run('return { aip.test.echo({ 1, null, { a = "x" } }) }'), [[1, null, { a: 'x' }]]);
  assert.equal(await run('return math.type(aip.test.float(2))'), 'float');
  assert.equal(await run('return math.type(aip.test.echo(2))'), 'integer');
  assert.deepEqual(await run('local a, b = aip.test.pair(); return { a, b }'), ['a', 2]);
  assert.equal(await run('return aip.test.name()'), 'aip.test.name');
  assert.deepEqual(await run('return { aip.test.VERSION, aip.test.LIMIT }'), ['1.2', 3]);
});

test('strings are UTF-8 both ways; invalid bytes become U+FFFD', async () => {
  assert.equal(await run('return s .. "!"', { globals: { s: 'héllo ✓' } }), 'héllo ✓!');
  assert.equal(await run('return #s', { globals: { s: 'é' } }), 2);
  assert.equal(await run('return "a\\xff\\xfeb"'), 'a\uFFFD\uFFFDb');
});

test('a function or a cycle in a stage result is a clear error', async () => {
  const e1 = await runErr('return { f = function() end }');
  assert.equal(e1.message, 'Data script returned a value that cannot be used: cannot convert a function value to JSON');
  assert.equal(e1.stage, 'Data');
  const e2 = await runErr('local t = {}; t.me = t; return t');
  assert.equal(e2.message, 'Data script returned a value that cannot be used: cannot convert a table that contains itself (cycle)');
  const e3 = await runErr('return coroutine.create(function() end)');
  assert.equal(e3.message, 'Data script returned a value that cannot be used: cannot convert a thread value to JSON');
});

test('a cyclic value returned by a host function is a Lua error, catchable', async () => {
  const r = await run('local ok, e = pcall(function() return aip.test.cyclic() end); return { ok, e }');
  assert.deepEqual(r, [false, 'eval.lua:1: aip.test.cyclic - cannot pass a cyclic structure to Lua']);
});

test('deeply nested values cross both ways', async () => {
  let v: unknown = 'leaf';
  for (let i = 0; i < 90; i++) v = { c: [v] };
  const r = await run('return v', { globals: { v } });
  assert.deepEqual(r, v);
  const e = await runErr('local t = {} for i = 1, 300 do t = { t } end return t');
  assert.equal(e.message, 'Data script returned a value that cannot be used: cannot convert a table nested deeper than 200 levels');
});
