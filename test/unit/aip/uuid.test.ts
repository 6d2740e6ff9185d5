import { test } from 'node:test';
import assert from 'node:assert/strict';
import { v1, v1ToV6, v7, validate, version, parse as parseUuid } from 'uuid';
import { base58, base64, base64urlnopad } from '@scure/base';
import { uuidCatalog, uuidEpochMs } from '../../../src/runtime/script/aip/uuid';
import { catalogFns, luaWith } from './helpers';

const uuid = catalogFns(uuidCatalog);
const lua = luaWith(uuidCatalog);
const versionOfBytes = (b: Uint8Array): number => b[6] >> 4;
const variantOk = (b: Uint8Array): boolean => (b[8] & 0xc0) === 0x80;

test('catalog: the 10 functions of §8.19 with docs', () => {
  assert.deepEqual(uuidCatalog.entries.map((e) => e.signature), [
    'aip.uuid.new() -> string (v4)',
    'aip.uuid.new_v4() -> string',
    'aip.uuid.new_v7() -> string',
    'aip.uuid.new_v4_b64() -> string',
    'aip.uuid.new_v4_b64u() -> string',
    'aip.uuid.new_v4_b58() -> string',
    'aip.uuid.new_v7_b64() -> string',
    'aip.uuid.new_v7_b64u() -> string',
    'aip.uuid.new_v7_b58() -> string',
    'aip.uuid.to_time_epoch_ms(s: string|nil) -> integer|nil',
  ]);
  for (const e of uuidCatalog.entries) assert.match(e.doc, /Example: `/);
});

test('new / new_v4 / new_v7: canonical lowercase text, right version, unique', () => {
  for (const [name, ver] of [['new', 4], ['new_v4', 4], ['new_v7', 7]] as const) {
    const a = uuid[name]() as string;
    assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.ok(validate(a));
    assert.equal(version(a), ver, name);
    assert.notEqual(uuid[name](), a);
  }
});

test('encoded variants decode to 16 bytes of the right version', () => {
  const cases: [string, number, (s: string) => Uint8Array, RegExp][] = [
    ['new_v4_b64', 4, (s) => base64.decode(s), /^[A-Za-z0-9+/]{22}==$/],
    ['new_v4_b64u', 4, (s) => base64urlnopad.decode(s), /^[A-Za-z0-9_-]{22}$/],
    ['new_v4_b58', 4, (s) => base58.decode(s), /^[1-9A-HJ-NP-Za-km-z]{20,23}$/],
    ['new_v7_b64', 7, (s) => base64.decode(s), /^[A-Za-z0-9+/]{22}==$/],
    ['new_v7_b64u', 7, (s) => base64urlnopad.decode(s), /^[A-Za-z0-9_-]{22}$/],
    ['new_v7_b58', 7, (s) => base58.decode(s), /^[1-9A-HJ-NP-Za-km-z]{20,23}$/],
  ];
  for (const [name, ver, decode, shape] of cases) {
    const s = uuid[name]() as string;
    assert.match(s, shape, name);
    const bytes = decode(s);
    assert.equal(bytes.length, 16, name);
    assert.equal(versionOfBytes(bytes), ver, name);
    assert.ok(variantOk(bytes), name);
  }
});

test('to_time_epoch_ms: v7, v1 and v6 timestamps; accepted text forms', () => {
  const ms = 1_700_000_123_456;
  const id7 = v7({ msecs: ms });
  assert.equal(uuid.to_time_epoch_ms(id7), ms);
  const id1 = v1({ msecs: ms, nsecs: 0 });
  assert.equal(uuid.to_time_epoch_ms(id1), ms);
  assert.equal(uuid.to_time_epoch_ms(v1ToV6(id1)), ms);
  assert.equal(uuid.to_time_epoch_ms(id7.toUpperCase()), ms);
  assert.equal(uuid.to_time_epoch_ms(id7.replace(/-/g, '')), ms);
  assert.equal(uuid.to_time_epoch_ms(`{${id7}}`), ms);
  assert.equal(uuid.to_time_epoch_ms(`urn:uuid:${id7}`), ms);
  assert.deepEqual(parseUuid(id7).length, 16);
  const before = Date.now();
  const fresh = uuidEpochMs(uuid.new_v7() as string)!;
  assert.ok(fresh >= before && fresh <= Date.now());
});

test('to_time_epoch_ms: nil, invalid text and v4 give nil; non-strings are errors', () => {
  assert.equal(uuid.to_time_epoch_ms(undefined), undefined);
  assert.equal(uuid.to_time_epoch_ms('not-a-valid-uuid'), undefined);
  assert.equal(uuid.to_time_epoch_ms(uuid.new_v4()), undefined);
  assert.equal(uuid.to_time_epoch_ms('00000000-0000-0000-0000-000000000000'), undefined);
  assert.throws(() => uuid.to_time_epoch_ms(5), { message: 'aip.uuid.to_time_epoch_ms - accepted argument types are String or Nil, but was number' });
});

test('through Lua: integer result', async () => {
  const id = v7({ msecs: 1_700_000_000_000 });
  const r = await lua(`local ms = aip.uuid.to_time_epoch_ms("${id}"); return { ms, #aip.uuid.new(), aip.uuid.to_time_epoch_ms(nil) == nil }`);
  assert.deepEqual(r, [1_700_000_000_000, 36, true]);
});
