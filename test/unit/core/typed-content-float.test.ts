import assert from 'node:assert/strict';
import { test } from 'node:test';
import { typedContentFromValue } from '../../../src/runtime/model/typed-content';
import { LuaFloat } from '../../../src/runtime/script/catalog';

test('a LuaFloat in a stored value is written as its number, not as {"value": n}', () => {
  const tc = typedContentFromValue({ ratio: new LuaFloat(3), list: [new LuaFloat(1.5)] });
  assert.equal(tc.typ, 'Json');
  assert.deepEqual(JSON.parse(tc.content!), { ratio: 3, list: [1.5] });
});
