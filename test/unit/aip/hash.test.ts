import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashCatalog } from '../../../src/runtime/script/aip/hash';
import { hashBytes } from '../../../src/runtime/script/aip/hash-support';
import { catalogFns, HELLO_WORLD_HASHES, luaWith } from './helpers';

const hash = catalogFns(hashCatalog);
const lua = luaWith(hashCatalog);

const EXPECTED = HELLO_WORLD_HASHES;

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
  const r = await lua('return { aip.hash.sha256("hello world"), aip.hash.blake3_b64u("hello world"), aip.hash.sha512(nil) == nil }');
  assert.deepEqual(r, [EXPECTED.sha256, EXPECTED.blake3_b64u, true]);
});
