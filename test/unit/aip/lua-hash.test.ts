// aip.hash.* through Lua: every function on the "hello world" vectors of the original's tests,
// nil → nil, and the argument error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { luaAll, pcallErr } from './lua-all-env';

const EXPECTED: Record<string, string> = {
  sha256: 'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9',
  sha256_b58: 'DULfJyE3WQqNxy3ymuhAChyNR3yufT88pmqvAazKFMG4',
  sha256_b64: 'uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=',
  sha256_b64u: 'uU0nuZNNPgilLlLX2n2r-sSE7-N6U4DukIj3rOLvzek',
  sha512: '309ecc489c12d6eb4cc40f50c902f2b4d0ed77ee511a7c7a9bcd3ca86d4cd86f989dd35bc5ff499670da34255b45b0cfd830e81f605dcf7dc5542e93ae9cd76f',
  sha512_b58: 'yP4cqy7jmaRDzC2bmcGNZkuQb3VdftMk6YH7ynQ2Qw4zktKsyA9fk52xghNQNAdkpF9iFmFkKh2bNVG4kDWhsok',
  sha512_b64: 'MJ7MSJwS1utMxA9QyQLytNDtd+5RGnx6m808qG1M2G+YndNbxf9JlnDaNCVbRbDP2DDoH2Bdz33FVC6TrpzXbw==',
  sha512_b64u: 'MJ7MSJwS1utMxA9QyQLytNDtd-5RGnx6m808qG1M2G-YndNbxf9JlnDaNCVbRbDP2DDoH2Bdz33FVC6TrpzXbw',
  blake3: 'd74981efa70a0c880b8d8c1985d075dbcbf679b99a5f9914e5aaf96b831a9e24',
  blake3_b58: 'FVPfbg9bK7mj7jnaSRXhuVcVakkXcjMPgSwxmauUofYf',
  blake3_b64: '10mB76cKDIgLjYwZhdB128v2ebmaX5kU5ar5a4ManiQ=',
  blake3_b64u: '10mB76cKDIgLjYwZhdB128v2ebmaX5kU5ar5a4ManiQ',
};

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
