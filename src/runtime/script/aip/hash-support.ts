/**
 * Digests with the encodings aipack offers (§8.16): lowercase hex, standard base64 (padded),
 * URL-safe base64 without padding, and base58 (Bitcoin alphabet).
 */
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { blake3 } from '@noble/hashes/blake3.js';
import { base58, base64, base64urlnopad, hex } from '@scure/base';

export type HashAlgo = 'sha256' | 'sha512' | 'blake3';
/** `b58u` is base58 (the name is kept from the shared contract). */
export type HashEncoding = 'hex' | 'b64' | 'b64u' | 'b58u';

export function digest(algo: HashAlgo, data: Uint8Array): Uint8Array {
  switch (algo) {
    case 'sha256':
      return sha256(data);
    case 'sha512':
      return sha512(data);
    case 'blake3':
      return blake3(data);
  }
}

export function encodeBytes(bytes: Uint8Array, enc: HashEncoding): string {
  switch (enc) {
    case 'hex':
      return hex.encode(bytes);
    case 'b64':
      return base64.encode(bytes);
    case 'b64u':
      return base64urlnopad.encode(bytes);
    case 'b58u':
      return base58.encode(bytes);
  }
}

export function hashBytes(algo: HashAlgo, data: Uint8Array, enc: HashEncoding): string {
  return encodeBytes(digest(algo, data), enc);
}

/** Hash of a string's UTF-8 bytes. */
export function hashText(algo: HashAlgo, text: string, enc: HashEncoding): string {
  return hashBytes(algo, new TextEncoder().encode(text), enc);
}
