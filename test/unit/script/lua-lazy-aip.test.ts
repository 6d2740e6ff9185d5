// `aip` modules are built on first access: identity, aliases, iteration and misses must not show it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flowCatalog } from '../../../src/runtime/script/aip/flow';
import { luaCatalog } from '../../../src/runtime/script/aip/lua';
import { run, testCatalog } from './helpers';

const catalogs = [luaCatalog, flowCatalog, testCatalog];

test('a module table keeps its identity across accesses and through utils', async () => {
  const r = await run('local a = aip.test; return { a == aip.test, utils.test == a, rawget(aip, "test") == a, aip.test.add(2, 3) }', { catalogs });
  assert.deepEqual(r, [true, true, true, 5]);
});

test('pairs(aip) lists every module, built or not', async () => {
  const r = await run('local _ = aip.lua; local names = {} for k, v in pairs(aip) do names[#names + 1] = k .. ":" .. type(v) end table.sort(names) return names', { catalogs });
  assert.deepEqual(r, ['flow:table', 'lua:table', 'test:table']);
});

test('unknown modules are nil; scripts can add their own fields to aip', async () => {
  const r = await run('aip.mine = { x = 1 }; return { aip.nope == nil, aip[1] == nil, aip.mine.x, aip.test.VERSION }', { catalogs });
  assert.deepEqual(r, [true, true, 1, '1.2']);
});

test('a module is built per state: a change in one stage is not seen by the next', async () => {
  await run('aip.test.echo = nil; aip.test.extra = 1', { catalogs });
  assert.deepEqual(await run('return { type(aip.test.echo), aip.test.extra == nil }', { catalogs }), ['function', true]);
});
