import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutChunk, rewriteLocalAttribs } from '../../../src/runtime/script/lua-prelude';
import { run, runErr } from './helpers';

test('<const> locals are accepted (5.4 syntax on the 5.3 engine)', async () => {
  assert.equal(await run('local a <const> = 2\nlocal b <const>, c = 3, 4\nlocal d<const>=5 -- note\nreturn a + b + c + d'), 14);
  // A `<const>` inside a string is left alone.
  assert.equal(await run('local s = "x <const> y"\nreturn s'), 'x <const> y');
});

test('<close> locals are a clear error at their .aip line', async () => {
  const e = await runErr('local a = 1\nlocal f <close> = io.stdout\n', { chunkName: 'main.aip', lineMap: [7, 8] });
  assert.equal(e.message, "main.aip:8: local attribute '<close>' (Lua 5.4) is not supported by this engine (Lua 5.3): close the value explicitly");
  assert.equal((e.location as { line: number }).line, 8);
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
  // In 5.3 the main coroutine is the stage itself: it is running.
  assert.deepEqual(r, [true, 'suspended', false, 'cannot close a running coroutine']);
});

test('table.move, string.rep with separator, goto, string.pack are present', async () => {
  const r = await run('local t = table.move({1,2,3}, 1, 3, 2, {}) local i = 0 ::top:: i = i + 1 if i < 3 then goto top end return { t[2], t[4], string.rep("a", 3, ","), i, #string.pack("i4", 1) }');
  assert.deepEqual(r, [1, 3, 'a,a,a', 3, 4]);
});

test('rewriteLocalAttribs keeps the line count and only touches local name lists', () => {
  const src = 'local a <const> = 1\nprint("<const>")\nlocal x <const>, y <const> = 1, 2\n';
  const out = rewriteLocalAttribs(src);
  assert.ok('code' in out);
  assert.equal(out.code, 'local a = 1\nprint("<const>")\nlocal x, y = 1, 2\n');
});

test('layoutChunk puts each code line on its .aip line', () => {
  assert.deepEqual(layoutChunk('a\nb\nc\n', [3, 4, 7]), { code: '\n\na\nb\n\n\nc\n', aligned: true });
  assert.deepEqual(layoutChunk('a\nb\n', [5, 2]), { code: 'a\nb\n', aligned: false });
  assert.deepEqual(layoutChunk('a\n', []), { code: 'a\n', aligned: false });
});
