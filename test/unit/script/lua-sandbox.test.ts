// The script worker is the sandbox: a runaway C pattern is ended by terminating its worker
// (the host's loop stays alive, the next stage gets a fresh worker), a memory bomb ends its
// task with a clear error, reusing workers is invisible to scripts, and the value codec holds
// under large strings and tables (the load that broke wasmoon's convenience layer).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CancelledError } from '../../../src/runtime/script/lua-engine';
import { luaPool, luaWorkerCount, setLuaWorkerCount } from '../../../src/runtime/script/lua-pool';
import { run, runErr } from './helpers';

test('a runaway pattern (no hook fires inside the C matcher) is cancelled within 1 s, the host loop alive', async () => {
  await run('return 1'); // worker up
  const ac = new AbortController();
  let ticks = 0;
  const iv = setInterval(() => ticks++, 10);
  let cancelAt = 0;
  setTimeout(() => {
    cancelAt = performance.now();
    ac.abort();
  }, 100);
  const e = await runErr('return string.find(("a"):rep(3000), ".-.-.-.-.-b")', { call: { signal: ac.signal } });
  const after = performance.now() - cancelAt;
  clearInterval(iv);
  assert.ok(e instanceof CancelledError, String(e));
  assert.ok(after < 1000, `ended ${after.toFixed(0)} ms after the cancel`);
  assert.ok(ticks >= 3, `host timers ran ${ticks} times meanwhile`);
  // The pool replaced the terminated worker.
  assert.equal(await run('return 40 + 2'), 42);
});

test('a memory bomb ends its task with a clear error; the next stage runs normally', async () => {
  const e = await runErr('local t = {} for i = 1, 1e9 do t[i] = ("x"):rep(1024 * 1024) .. i end', { memoryMaxMb: 64, stage: 'Output' });
  assert.match(e.message, /^Output script ran out of memory: its Lua state reached the limit of 64 MB/);
  assert.equal(e.stage, 'Output');
  // pcall cannot hide it for long either: the script can catch "not enough memory" and go on, within the cap.
  assert.deepEqual(await run('local ok, err = pcall(function() return ("x"):rep(200 * 1024 * 1024) end) return { ok, err }', { memoryMaxMb: 64 }), [false, 'not enough memory']);
  assert.equal(await run('return #("y"):rep(1000)'), 1000);
});

test('state reuse is invisible: globals, package.loaded, the string metatable, math.randomseed, _ENV', async () => {
  const dirty = `
    leaked = 1
    string.leaked = function() return "x" end
    getmetatable("").__index = { upper = function() return "hacked" end }
    package.loaded.mymod = { v = 1 }
    math.randomseed(42)
    setmetatable(_G, { __index = function() return "meta" end })
    table.insert = nil
    aip.lua.extra = 1
    return 1`;
  const clean = `
    return {
      leaked == nil, string.leaked == nil, ("a"):upper(), package.loaded.mymod == nil,
      getmetatable(_G) == nil, type(table.insert), aip.lua.extra == nil, rawget(_G, "nope") == nil,
    }`;
  const expected = [true, true, 'A', true, true, 'function', true, true];
  // Many rounds, several in flight at once: whatever worker and state a stage gets.
  for (let round = 0; round < 3; round++) {
    const results = await Promise.all([run(dirty), run(clean), run(dirty), run(clean)]);
    assert.deepEqual(results[1], expected);
    assert.deepEqual(results[3], expected);
  }
  assert.deepEqual(await run(clean), expected);
  // math.randomseed(42) in one stage does not make the next stage's sequence that of seed 42.
  const seeded = await run('math.randomseed(42) return { math.random(1, 1e9), math.random(1, 1e9) }');
  const again = await run('math.randomseed(42) return { math.random(1, 1e9), math.random(1, 1e9) }');
  assert.deepEqual(seeded, again); // the seed itself works
  const unseeded = await Promise.all([1, 2, 3].map(() => run('return math.random(1, 1e9)')));
  assert.ok(unseeded.some((v) => v !== (seeded as number[])[0]), 'a fresh state is not left on seed 42');
});

test('soak: large strings and tables both ways, bytes exact, many stages', async () => {
  const big = 'é'.repeat(500_000) + '\u0000end'; // 1 MB of UTF-8 with a NUL
  const records = Array.from({ length: 10_000 }, (_, i) => ({ path: `src/f${i}.rs`, n: i, tags: ['a', null], f: i + 0.5 }));
  for (let i = 0; i < 12; i++) {
    const r = (await run(
      `local out = {}
       for i, rec in ipairs(records) do out[i] = { path = rec.path:upper(), n = rec.n * 2, null_kept = rec.tags[2] == null } end
       return { len = #big, back = big, made = string.rep("y", 1048576), out = out }`,
      { globals: { big, records } },
    )) as { len: number; back: string; made: string; out: { path: string; n: number; null_kept: boolean }[] };
    assert.equal(r.len, 1_000_004);
    assert.equal(r.back, big);
    assert.equal(r.made.length, 1048576);
    assert.equal(r.out.length, 10_000);
    assert.deepEqual(r.out[9_999], { path: 'SRC/F9999.RS', n: 19_998, null_kept: true });
  }
  // Bytes that are not UTF-8 cross from Lua as U+FFFD, never as lone surrogates.
  assert.equal(await run('return "a\\xff\\xfeb"'), 'a\uFFFD\uFFFDb');
});

test('pool: nested host calls do not deadlock even with one worker (a blocked worker does not count)', async () => {
  // aip.test.later is answered by the runtime thread while the worker waits; many stages at once.
  const all = await Promise.all(Array.from({ length: 8 }, (_, i) => run(`return aip.test.later(${i}, 5) + 1`)));
  assert.deepEqual(all, [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.ok(luaPool().size >= 1);
});

test('pool size: AIPACK_LUA_WORKERS wins, then the setting, then the cores; never below 1', () => {
  const saved = process.env.AIPACK_LUA_WORKERS;
  try {
    delete process.env.AIPACK_LUA_WORKERS;
    setLuaWorkerCount(3);
    assert.equal(luaWorkerCount(), 3);
    setLuaWorkerCount(0);
    assert.ok(luaWorkerCount() >= 1);
    process.env.AIPACK_LUA_WORKERS = '2';
    setLuaWorkerCount(5);
    assert.equal(luaWorkerCount(), 2);
    process.env.AIPACK_LUA_WORKERS = 'zero';
    setLuaWorkerCount(undefined);
    assert.ok(luaWorkerCount() >= 1);
  } finally {
    if (saved === undefined) delete process.env.AIPACK_LUA_WORKERS;
    else process.env.AIPACK_LUA_WORKERS = saved;
    setLuaWorkerCount(undefined);
  }
});
