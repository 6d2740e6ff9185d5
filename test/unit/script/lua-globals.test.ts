import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flowCatalog } from '../../../src/runtime/script/aip/flow';
import { luaCatalog } from '../../../src/runtime/script/aip/lua';
import { run, testCatalog } from './helpers';

test('null / Null / NULL and the §8.2 helpers', async () => {
  const r = await run(`return {
    null == Null and Null == NULL, type(null),
    is_null(nil), is_null(null), is_null(false), is_not_null(null), is_not_null(0),
    nil_if_null(null) == nil, nil_if_null(5),
    value_or(nil, null, 3, 4), value_or(nil, null), value_or(nil, null, false), value_or() == nil,
    is_table({}), is_table(null), is_table("x"),
    is_list({1}), is_list({}), is_list({a = 1}), is_list(null),
    is_object({}), is_object({a = 1}), is_object({1}), is_object("s"),
  }`);
  assert.deepEqual(r, [
    true, 'userdata',
    true, true, false, false, true,
    true, 5,
    3, null, false, true,
    true, false, false,
    true, false, false, false,
    true, true, false, false,
  ]);
});

test('aip, utils (alias) and aipack (compat alias of aip.flow)', async () => {
  const r = await run('return { utils == aip, aipack == aip.flow, aipack.skip("why"), type(aip.lua.dump) }', {
    catalogs: [luaCatalog, flowCatalog, testCatalog],
  });
  assert.deepEqual(r, [true, true, { _aipack_: { kind: 'Skip', data: { reason: 'why' } } }, 'function']);
  assert.equal(await run('return aipack'), undefined);
});

test('standard libraries of §8.1, without debug', async () => {
  const r = await run('return { type(string), type(table), type(math), type(utf8), type(os), type(io), type(coroutine), type(package), type(require), type(debug), package.loaded.debug == nil, _VERSION }');
  assert.deepEqual(r, ['table', 'table', 'table', 'table', 'table', 'table', 'table', 'table', 'function', 'nil', true, 'Lua 5.4']);
});

test('CTX is a global with RUN_FLOW_REDO_COUNT an integer', async () => {
  const ctx = { STAGE: 'Data', RUN_NUM: 3, TASK_NUM: 1, RUN_FLOW_REDO_COUNT: '0', AGENT_NAME: 'demo' };
  const r = await run('return { CTX.STAGE, math.type(CTX.RUN_NUM), math.type(CTX.RUN_FLOW_REDO_COUNT), CTX.RUN_FLOW_REDO_COUNT, rawget(_G, "CTX") ~= nil }', {
    globals: { CTX: ctx },
  });
  assert.deepEqual(r, ['Data', 'integer', 'integer', 0, true]);
});

test('stage variables are in the chunk scope, globals are copied in', async () => {
  const r = await run('x = 1; return { input.path, options.model, tostring(rawget(_G, "x")), x, tostring(rawget(_G, "input")) }', {
    globals: { input: { path: 'a.md' }, options: { model: 'm' } },
  });
  assert.deepEqual(r, ['a.md', 'm', 'nil', 1, 'nil']);
});

test('print joins with newlines, dumps tables, and formats floats as the original', async () => {
  const out: string[] = [];
  await run('print("a", 1, 2.5, 3.0, true, nil, null, { k = "v" })\nprint()', { onPrint: (t) => out.push(t) });
  assert.deepEqual(out, ['a\n1\n2.5\n3\ntrue\nnil\nNULL\n{\n  k = "v"\n}', '']);
});

test('warn is off until @on and then goes to the print sink', async () => {
  const out: string[] = [];
  await run('warn("hidden"); warn("@on"); warn("shown ", "twice"); warn("@off"); warn("no")', { onPrint: (t) => out.push(t) });
  assert.deepEqual(out, ['Lua warning: shown twice']);
});

test('os.exit is refused instead of ending the host process', async () => {
  const r = await run('return { pcall(os.exit, 1) }');
  assert.deepEqual(r, [false, 'os.exit is not available in an agent script (it would stop the host); return from the stage or use aip.flow.skip()']);
  const e = await (async () => { try { await run('\nos.exit(0)', { chunkName: 'main.aip' }); } catch (err) { return err as Error; } })();
  assert.equal(e?.message, 'main.aip:2: os.exit is not available in an agent script (it would stop the host); return from the stage or use aip.flow.skip()');
});

test('a JS exception from the print sink neither fails the script nor escapes the runtime (print is one-way from the worker)', async () => {
  const r = await run('print("x") return { pcall(print, "y") }', { onPrint: () => { throw new Error('sink down'); } });
  assert.deepEqual(r, [true]);
});
