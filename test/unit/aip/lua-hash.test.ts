// aip.hash.* through Lua: every function on the "hello world" vectors of the original's tests,
// nil → nil, and the argument error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HELLO_WORLD_HASHES } from './helpers';
import { luaAll, pcallErr } from './lua-all-env';

const EXPECTED = HELLO_WORLD_HASHES;

test('every aip.hash function through Lua on "hello world"', async () => {
  const names = Object.keys(EXPECTED);
  const r = (await luaAll(`
    local out = {}
    for _, n in ipairs({ ${names.map((n) => JSON.stringify(n)).join(', ')} }) do
      out[#out + 1] = { aip.hash[n]("hello world"), aip.hash[n](nil) == nil }
    end
    return out`)) as [string, boolean][];
  names.forEach((n, i) => assert.deepEqual(r[i], [EXPECTED[n], true], n));
});

test('non-string arguments are Lua errors naming the function', async () => {
  for (const n of Object.keys(EXPECTED)) {
    assert.equal(await pcallErr(`aip.hash.${n}(12)`), `aip.hash.${n} - accepted argument types are String or Nil, but was number`);
  }
  assert.equal(await pcallErr('aip.hash.blake3({})'), 'aip.hash.blake3 - accepted argument types are String or Nil, but was table');
});
