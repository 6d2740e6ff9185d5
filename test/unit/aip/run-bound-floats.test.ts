import assert from 'node:assert/strict';
import { test } from 'node:test';
import { agentCatalog, toPinMarker } from '../../../src/runtime/script/aip/run-bound';
import { LuaFloat } from '../../../src/runtime/script/catalog';

const call = { fnName: 'aip.agent.extract_options', host: {} as never, signal: new AbortController().signal };

test('a Lua float is a number, not a table, for extract_options and pin content', () => {
  const extract = agentCatalog.entries.find((e) => e.name === 'extract_options')!;
  assert.deepEqual(extract.impl(call, new LuaFloat(1)), [undefined]);
  assert.deepEqual(extract.impl(call, { model: 'm', other: 1 }), [{ model: 'm' }]);
  assert.throws(() => toPinMarker('aip.run.pin', new LuaFloat(1)), /expected a string or a table/);
});
