import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashCatalog } from '../../../src/runtime/script/aip/hash';
import { hashBytes } from '../../../src/runtime/script/aip/hash-support';
import type { CallContext, ModuleCatalog } from '../../../src/runtime/script/catalog';
import { evalLua } from '../../../src/runtime/script/lua-engine';
import { memHost } from '../../support/mem-host';

function fns(cat: ModuleCatalog): Record<string, (...args: unknown[]) => unknown> {
  const out: Record<string, (...args: unknown[]) => unknown> = {};
  for (const e of cat.entries) {
    const call: CallContext = { fnName: `aip.${cat.module}.${e.name}`, host: memHost(), signal: new AbortController().signal };
    out[e.name] = (...args) => e.impl(call, ...args);
  }
  return out;
}
const hash = fns(hashCatalog);

// Vectors for "hello world" from the original's tests.
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

test('catalog: the 12 functions of §8.19 with docs', () => {
  assert.deepEqual(
    hashCatalog.entries.map((e) => e.signature).sort(),
    Object.keys(EXPECTED).map((n) => `aip.hash.${n}(s: string) -> string`).sort(),
  );
  for (const e of hashCatalog.entries) assert.match(e.doc, /Example: `/);
});

test('every function: "hello world" vectors', () => {
  for (const [name, expected] of Object.entries(EXPECTED)) assert.equal(hash[name]('hello world'), expected, name);
});

test('UTF-8 bytes and empty input', () => {
  assert.equal(hash.sha256(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(hash.sha256('é'), hashBytes('sha256', new Uint8Array([0xc3, 0xa9]), 'hex'));
  assert.equal(hash.blake3(''), 'af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262');
});

test('nil → nil for every function; other types are errors', () => {
  for (const name of Object.keys(EXPECTED)) {
    assert.equal(hash[name](undefined), undefined, name);
    assert.throws(() => hash[name](12), { message: `aip.hash.${name} - accepted argument types are String or Nil, but was number` });
  }
  assert.throws(() => hash.sha256({}), { message: 'aip.hash.sha256 - accepted argument types are String or Nil, but was table' });
  assert.throws(() => hash.sha256(null), { message: 'aip.hash.sha256 - accepted argument types are String or Nil, but was null' });
});

test('through Lua', async () => {
  const r = await evalLua('return { aip.hash.sha256("hello world"), aip.hash.blake3_b64u("hello world"), aip.hash.sha512(nil) == nil }', {
    catalogs: [hashCatalog],
  });
  assert.deepEqual(r, [EXPECTED.sha256, EXPECTED.blake3_b64u, true]);
});
