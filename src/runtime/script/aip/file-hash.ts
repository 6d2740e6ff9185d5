/**
 * `aip.file.hash_*` (§8.5): sha256 / sha512 / blake3 of a file's bytes, in hex, base64,
 * base64url (no padding) or base58.
 */
import { promises as fsp } from 'node:fs';
import type { CallContext, CatalogEntry } from '../catalog';
import { argString } from '../catalog';
import { errorMessage } from '../../errors';
import { resolveUserPath } from './file-common';
import { hashBytes, type HashAlgo, type HashEncoding } from './hash-support';
import { readCapOf, readFileChecked } from './file-read-guard';

const ENCODINGS: { suffix: string; enc: HashEncoding; label: string }[] = [
  { suffix: '', enc: 'hex', label: 'hex string' },
  { suffix: '_b64', enc: 'b64', label: 'base64 string' },
  { suffix: '_b64u', enc: 'b64u', label: 'base64url (no pad) string' },
  { suffix: '_b58u', enc: 'b58u', label: 'base58 string' },
];
const ALGOS: HashAlgo[] = ['sha256', 'sha512', 'blake3'];

function hashEntry(algo: HashAlgo, suffix: string, enc: HashEncoding, label: string): CatalogEntry {
  const name = `hash_${algo}${suffix}`;
  return {
    name,
    // §8.19 spells out "(no pad)" on the sha256 line only.
    signature: `aip.file.${name}(path: string) -> ${algo === 'sha256' ? label : label.replace(' (no pad)', '')}`,
    doc: [
      `${algo.toUpperCase()} hash of the file's bytes, encoded as ${label}.`,
      '',
      'Errors if the file cannot be read.',
      '',
      `Example: \`local h = aip.file.${name}("dist/app.js")\``,
    ].join('\n'),
    impl: async (call: CallContext, path: unknown) => {
      const p = argString(call, path, 'path');
      const abs = resolveUserPath(call, p);
      let data: Uint8Array;
      try {
        data = await readFileChecked(abs, readCapOf(call));
      } catch (err) {
        throw new Error(`${call.fnName} - Failed to hash file '${p}'.\nCause: ${errorMessage(err)}`);
      }
      return hashBytes(algo, data, enc);
    },
  };
}

export const fileHashEntries: CatalogEntry[] = ALGOS.flatMap((algo) =>
  ENCODINGS.map(({ suffix, enc, label }) => hashEntry(algo, suffix, enc, label)),
);
