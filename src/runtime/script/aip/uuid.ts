/**
 * `aip.uuid` (§8.16): new v4 (random) and v7 (time-ordered) UUIDs, as canonical text or
 * their 16 bytes encoded (base64, URL-safe base64 without padding, base58), and the
 * timestamp of a v1/v6/v7 UUID.
 */
import { v4 as uuidV4, v7 as uuidV7 } from 'uuid';
import type { CallContext, CatalogEntry, ModuleCatalog } from '../catalog';
import { encodeBytes, type HashEncoding } from './hash-support';
import { stringOrNil } from './hash';

function newBytes(version: 4 | 7): Uint8Array {
  const bytes = new Uint8Array(16);
  if (version === 4) uuidV4(undefined, bytes);
  else uuidV7(undefined, bytes);
  return bytes;
}

/** 100 ns ticks between the Gregorian epoch (1582-10-15) and the Unix epoch. */
const GREGORIAN_OFFSET = 0x01b21dd213814000n;

/**
 * Unix epoch milliseconds of a UUID's timestamp, or undefined when the text is not a UUID
 * or its version has no timestamp. Accepts hyphenated, simple (32 hex), `{braced}` and
 * `urn:uuid:` forms, as the original's parser does.
 */
export function uuidEpochMs(text: string): number | undefined {
  let s = text;
  if (/^urn:uuid:/i.test(s)) s = s.slice(9);
  else if (s.startsWith('{') && s.endsWith('}')) s = s.slice(1, -1);
  let hexText: string;
  if (/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(s)) hexText = s.replace(/-/g, '');
  else if (/^[0-9a-fA-F]{32}$/.test(s)) hexText = s;
  else return undefined;
  const b = BigInt(`0x${hexText}`);
  const version = Number((b >> 76n) & 0xfn);
  if (version === 7) return Number(b >> 80n);
  let ticks: bigint;
  if (version === 1) {
    const timeLow = (b >> 96n) & 0xffffffffn;
    const timeMid = (b >> 80n) & 0xffffn;
    const timeHi = (b >> 64n) & 0x0fffn;
    ticks = (timeHi << 48n) | (timeMid << 32n) | timeLow;
  } else if (version === 6) {
    const high = (b >> 96n) & 0xffffffffn;
    const mid = (b >> 80n) & 0xffffn;
    const low = (b >> 64n) & 0x0fffn;
    ticks = (high << 28n) | (mid << 12n) | low;
  } else {
    return undefined;
  }
  const unixTicks = ticks - GREGORIAN_OFFSET;
  const secs = unixTicks / 10_000_000n;
  const nanos = (unixTicks % 10_000_000n) * 100n;
  return Number(secs * 1000n + nanos / 1_000_000n);
}

const ENCODED: { suffix: string; enc: HashEncoding; label: string }[] = [
  { suffix: '_b64', enc: 'b64', label: 'standard base64 (24 characters with `==` padding)' },
  { suffix: '_b64u', enc: 'b64u', label: 'URL-safe base64 without padding (22 characters)' },
  { suffix: '_b58', enc: 'b58u', label: 'base58 (about 22 characters)' },
];

function encodedEntry(version: 4 | 7, suffix: string, enc: HashEncoding, label: string): CatalogEntry {
  const name = `new_v${version}${suffix}`;
  return {
    name,
    signature: `aip.uuid.${name}() -> string`,
    doc: [
      `New UUID v${version} (${version === 4 ? 'random' : 'time-ordered'}), its 16 bytes encoded as ${label}.`,
      '',
      'Compact ids for file names, keys and URLs.',
      '',
      `Example: \`local id = aip.uuid.${name}()\``,
    ].join('\n'),
    impl: () => encodeBytes(newBytes(version), enc),
  };
}

const canonicalDoc = (what: string, name: string): string =>
  [what, '', 'Returns the canonical lowercase hyphenated form (`xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`).', '', `Example: \`local id = aip.uuid.${name}()\``].join('\n');

const entries: CatalogEntry[] = [
  {
    name: 'new',
    signature: 'aip.uuid.new() -> string (v4)',
    doc: canonicalDoc('New random UUID (version 4). Same as `aip.uuid.new_v4()`.', 'new'),
    impl: () => uuidV4(),
  },
  {
    name: 'new_v4',
    signature: 'aip.uuid.new_v4() -> string',
    doc: canonicalDoc('New random UUID (version 4).', 'new_v4'),
    impl: () => uuidV4(),
  },
  {
    name: 'new_v7',
    signature: 'aip.uuid.new_v7() -> string',
    doc: canonicalDoc('New time-ordered UUID (version 7): sorts by creation time (ms).', 'new_v7'),
    impl: () => uuidV7(),
  },
  ...ENCODED.map((e) => encodedEntry(4, e.suffix, e.enc, e.label)),
  ...ENCODED.map((e) => encodedEntry(7, e.suffix, e.enc, e.label)),
  {
    name: 'to_time_epoch_ms',
    signature: 'aip.uuid.to_time_epoch_ms(s: string|nil) -> integer|nil',
    doc: [
      'Creation time of a time-based UUID (v1, v6, v7) in milliseconds since the Unix epoch.',
      '',
      '- `s`: the UUID text (hyphenated, 32 hex digits, `{braced}` or `urn:uuid:`); `nil` returns `nil`.',
      '',
      'Returns the epoch milliseconds, or `nil` if `s` is not a UUID or its version has no time (e.g. v4).',
      'Errors if `s` is neither a string nor `nil`.',
      '',
      'Example: `local ms = aip.uuid.to_time_epoch_ms(aip.uuid.new_v7())`',
    ].join('\n'),
    impl: (call: CallContext, s: unknown) => {
      const text = stringOrNil(call, s);
      return text === undefined ? undefined : uuidEpochMs(text);
    },
  },
];

export const uuidCatalog: ModuleCatalog = {
  module: 'uuid',
  doc: 'UUIDs: new v4 (random) and v7 (time-ordered) ids, as text or compact base64/base58, and the time inside v1/v6/v7 ids.',
  entries,
};
