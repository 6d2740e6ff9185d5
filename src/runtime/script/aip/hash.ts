/**
 * `aip.hash` (§8.16): SHA-256, SHA-512 and BLAKE3 of a string's UTF-8 bytes, as hex,
 * base64, URL-safe base64 (no padding) or base58.
 */
import type { CallContext, CatalogEntry, ModuleCatalog } from '../catalog';
import { luaTypeName } from '../catalog';
import { hashText, type HashAlgo, type HashEncoding } from './hash-support';

/**
 * A `string|nil` argument with the original's message: `<fn> - accepted argument types are
 * String or Nil, but was <type>`.
 */
export function stringOrNil(call: CallContext, v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string') return v;
  throw new Error(`${call.fnName} - accepted argument types are String or Nil, but was ${luaTypeName(v)}`);
}

const ALGO_LABEL: Record<HashAlgo, string> = { sha256: 'SHA-256', sha512: 'SHA-512', blake3: 'BLAKE3' };
const ENCODINGS: { suffix: string; enc: HashEncoding; label: string }[] = [
  { suffix: '', enc: 'hex', label: 'lowercase hex' },
  { suffix: '_b58', enc: 'b58u', label: 'base58 (Bitcoin alphabet)' },
  { suffix: '_b64', enc: 'b64', label: 'standard base64 (with `=` padding)' },
  { suffix: '_b64u', enc: 'b64u', label: 'URL-safe base64 without padding' },
];

function entry(algo: HashAlgo, suffix: string, enc: HashEncoding, label: string): CatalogEntry {
  const name = `${algo}${suffix}`;
  return {
    name,
    signature: `aip.hash.${name}(s: string) -> string`,
    doc: [
      `${ALGO_LABEL[algo]} digest of the UTF-8 bytes of \`s\`, encoded as ${label}.`,
      '',
      '- `s`: the text to hash; `nil` returns `nil`.',
      '',
      'Returns the encoded digest. Errors if `s` is neither a string nor `nil`.',
      '',
      `Example: \`local id = aip.hash.${name}(content)\``,
    ].join('\n'),
    impl: (call: CallContext, s: unknown) => {
      const text = stringOrNil(call, s);
      return text === undefined ? undefined : hashText(algo, text, enc);
    },
  };
}

const entries: CatalogEntry[] = (['sha256', 'sha512', 'blake3'] as HashAlgo[]).flatMap((algo) =>
  ENCODINGS.map((e) => entry(algo, e.suffix, e.enc, e.label)),
);

export const hashCatalog: ModuleCatalog = {
  module: 'hash',
  doc: 'Hashes of text: SHA-256, SHA-512 and BLAKE3, as hex, base64, URL-safe base64 (no padding) or base58.',
  entries,
};
