import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutChunk } from '../../../src/runtime/script/lua-prelude';
import { timeCatalog } from '../../../src/runtime/script/aip/time';
import { run, runErr } from './helpers';

test('<const> locals compile as in 5.4, and assigning one is a compile error at its line', async () => {
  assert.equal(await run('local a <const> = 2\nlocal b <const>, c = 3, 4\nlocal d <const> = 5 -- note\nreturn a + b + c + d'), 14);
  assert.equal(await run('local s = "x <const> y"\nreturn s'), 'x <const> y');
  const e = await runErr('local a <const> = 1\na = 2\n', { chunkName: 'main.aip', lineMap: [7, 8] });
  assert.equal(e.message, "main.aip:8: attempt to assign to const variable 'a'");
});

test('<close> locals run their __close on scope exit, on error too, in reverse order', async () => {
  const r = await run(`
    local log = {}
    local function closer(name) return setmetatable({}, { __close = function(_, err) log[#log + 1] = name .. (err and ":err" or "") end }) end
    do
      local a <close> = closer("a")
      local b <close> = closer("b")
    end
    pcall(function()
      local c <close> = closer("c")
      error("boom")
    end)
    return log`);
  assert.deepEqual(r, ['b', 'a', 'c:err']);
  const e = await runErr('local x <close> = 42\n', { chunkName: 'main.aip', lineMap: [3] });
  assert.match(e.message, /^main\.aip:3: variable 'x' got a non-closable value/);
});

test('64-bit integers: sums past 2^31, maxinteger, //, %, shifts on large values', async () => {
  const r = await run(`
    local s = 0
    for i = 1, 100000 do s = s + i * 1000 end
    return {
      s, math.type(s), 100000 * 100000, math.maxinteger, math.mininteger,
      tostring(math.maxinteger), math.maxinteger + 1 == math.mininteger,
      (2^53 | 0) + 1, 9007199254740993 // 2, -9007199254740993 % 10, 1 << 62, (1 << 63) >> 1, -1 >> 60, 5 // 0.0,
      string.format("%d", 6666633333), tostring(1e15), tostring(2^53), tostring(-0.0),
    }`);
  assert.deepEqual(r, [
    5000050000000, 'integer', 10000000000, 9223372036854775807n, -9223372036854775808n,
    '9223372036854775807', true,
    9007199254740993n, 4503599627370496, 7, 4611686018427387904n, 4611686018427387904n, 15, Infinity,
    '6666633333', '1e+15', '9.007199254741e+15', '-0.0',
  ]);
});

test('large integers cross both ways without rounding (BigInt beyond 2^53)', async () => {
  assert.equal(await run('return math.type(v) .. " " .. tostring(v + 1)', { globals: { v: 2n ** 60n } }), 'integer 1152921504606846977');
  assert.equal(await run('return v', { globals: { v: 9007199254740993n } }), 9007199254740993n);
  assert.equal(await run('return math.type(v)', { globals: { v: 2 ** 40 } }), 'integer');
  const e = await runErr('return v', { globals: { v: 2n ** 64n } });
  assert.match(e.message, /does not fit in a Lua integer/);
});

test('integer/float behaviour agents rely on matches 5.4', async () => {
  const r = await run(`return {
    tostring(math.sqrt(25)), tostring(10 / 2), tostring(3), 7 // 2, tostring(7.0 // 2),
    string.format('%d', 3.0), math.tointeger(3.0), math.tointeger(3.5) == nil, math.type(1), math.type(1.0),
    string.format('%.2f', 1/3), 3 % -2, "n=" .. 2.0,
  }`);
  assert.deepEqual(r, ['5.0', '5.0', '3', 3, '3.0', '3', 3, true, 'integer', 'float', '0.33', -1, 'n=2.0']);
});

test('utf8 library', async () => {
  const r = await run('local s = "héllo ✓"; local cps = {} for _, c in utf8.codes(s) do cps[#cps+1] = c end; return { utf8.len(s), utf8.char(233, 10003), #cps, utf8.codepoint(s, 2), utf8.offset(s, 3) }');
  assert.deepEqual(r, [7, 'é✓', 7, 233, 4]);
});

test('coroutine.close (5.4) on suspended and dead coroutines, error on a running one', async () => {
  const r = await run(`
    local co = coroutine.create(function() coroutine.yield(1) end)
    coroutine.resume(co)
    local a = coroutine.close(co)
    local ok, err = pcall(coroutine.close, coroutine.running())
    return { a, coroutine.status(co), ok, err }`);
  // Native 5.4: a closed coroutine is dead; the stage's own coroutine is running.
  assert.deepEqual(r, [true, 'dead', false, 'cannot close a running coroutine']);
});

test('table.move, string.rep with separator, goto, string.pack are present', async () => {
  const r = await run('local t = table.move({1,2,3}, 1, 3, 2, {}) local i = 0 ::top:: i = i + 1 if i < 3 then goto top end return { t[2], t[4], string.rep("a", 3, ","), i, #string.pack("i4", 1) }');
  assert.deepEqual(r, [1, 3, 'a,a,a', 3, 4]);
});

test('layoutChunk puts each code line on its .aip line', () => {
  assert.deepEqual(layoutChunk('a\nb\nc\n', [3, 4, 7]), { code: '\n\na\nb\n\n\nc\n', aligned: true });
  assert.deepEqual(layoutChunk('a\nb\n', [5, 2]), { code: 'a\nb\n', aligned: false });
  assert.deepEqual(layoutChunk('a\n', []), { code: 'a\n', aligned: false });
});

test('aip.time integers are Lua integers: string.format("%d", aip.time.now_utc_micro()) works', async () => {
  const r = (await run('local t = aip.time.now_utc_micro() return { string.format("%d", t), math.type(t), t // 1000000 > 1700000000 }', {
    catalogs: [timeCatalog],
  })) as [string, string, boolean];
  assert.match(r[0], /^\d{16}$/);
  assert.deepEqual(r.slice(1), ['integer', true]);
});
