import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, runErr } from './helpers';

test('async host calls in a row read as synchronous code', async () => {
  assert.equal(await run('local a = aip.test.later(1); local b = aip.test.later(2); return a + b + aip.test.add(3, 4)'), 10);
});

test('async call inside pcall, xpcall, pairs loop body and __index', async () => {
  assert.deepEqual(await run('return { pcall(aip.test.later, "p") }'), [true, 'p']);
  assert.deepEqual(await run('return { pcall(function() return aip.test.later("q") end) }'), [true, 'q']);
  assert.deepEqual(await run('return { xpcall(function() return aip.test.later("x") end, debug and debug.traceback or tostring) }'), [true, 'x']);
  assert.equal(await run('local s = 0; for _, v in ipairs({1, 2, 3}) do s = s + aip.test.later(v) end; return s'), 6);
  assert.equal(await run('local t = setmetatable({}, { __index = function(_, k) return aip.test.later(k .. "!") end }); return t.hi'), 'hi!');
});

test('a rejection is a Lua error at the caller line, catchable by pcall with its message', async () => {
  const r = await run('local ok, err = pcall(function()\n  return aip.test.reject("File not found: missing.txt")\nend)\nreturn { ok, err }', {
    chunkName: 'agent.aip',
  });
  assert.deepEqual(r, [false, 'agent.aip:2: File not found: missing.txt']);
  const e = await runErr('\naip.test.reject("nope")', { chunkName: 'agent.aip' });
  assert.equal(e.message, 'agent.aip:2: nope');
  assert.equal(e.name, 'LuaScriptError');
});

test('a sync throw is a Lua error with the message', async () => {
  assert.deepEqual(await run('return { pcall(function() aip.test.throw("bad") end) }'), [false, 'eval.lua:1: bad']);
});

test('async call inside the script\'s own coroutines (wrap and resume)', async () => {
  const r = await run(`
    local gen = coroutine.wrap(function(a)
      local v = aip.test.later(a)
      coroutine.yield(v * 2)
      return aip.test.later(7)
    end)
    local co = coroutine.create(function() return aip.test.later("in co") end)
    local ok, v = coroutine.resume(co)
    return { gen(4), gen(), ok, v, coroutine.status(co) }`);
  assert.deepEqual(r, [8, 7, true, 'in co', 'dead']);
});

test('async host functions work inside table.sort, gsub callbacks and __tostring (synchronous host calls)', async () => {
  // Lua 5.4 cannot yield across these C boundaries; the worker blocks on the host instead.
  const sort = await run('local t = {3, 1, 2}; table.sort(t, function(a, b) return aip.test.later(a) < b end); return t');
  assert.deepEqual(sort, [1, 2, 3]);
  const gsub = await run('return (string.gsub("abc", "%w", function(c) return aip.test.later(c):upper() end))');
  assert.equal(gsub, 'ABC');
  const str = await run('local t = setmetatable({}, { __tostring = function() return "T" .. aip.test.later("s") end }); return tostring(t)');
  assert.equal(str, 'Ts');
  // A rejection inside such a callback is an ordinary Lua error, catchable.
  const rej = await run('return { pcall(table.sort, {3, 1, 2}, function(a, b) aip.test.reject("no") return a < b end) }');
  assert.deepEqual(rej, [false, 'eval.lua:1: no']);
});

test('wrong argument types give the catalog message with the line', async () => {
  const e = await runErr('local x = 1\nreturn aip.test.load(42)', { chunkName: 'main.aip', lineMap: [20, 21] });
  assert.equal(e.message, "main.aip:21: aip.test.load - expected <string> for parameter 'path' but got number");
  assert.deepEqual(e.location, { file: undefined, line: 21 });
  assert.equal(e.stage, 'Data');
  assert.equal(e.sourceLine, 'return aip.test.load(42)');
});

test('an argument that cannot cross (function, cycle) names the function and the argument', async () => {
  const e = await runErr('aip.test.echo("a", { f = print })');
  assert.equal(e.message, 'eval.lua:1: aip.test.echo - argument #2: cannot convert a function value to JSON');
  const e2 = await runErr('local t = {}; t.t = t; aip.test.echo(t)');
  assert.equal(e2.message, 'eval.lua:1: aip.test.echo - argument #1: cannot convert a table that contains itself (cycle)');
});

