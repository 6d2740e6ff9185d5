/**
 * Agent files must be UTF-8: a file in another encoding would otherwise be read with
 * replacement characters and its mangled text sent in the prompt. The error gives the
 * byte offset where the valid text ends, and its line and column, so the byte can be found.
 */

/** Keep a BOM as U+FEFF, as reading with `'utf8'` did. */
const strict = () => new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export class InvalidUtf8Error extends Error {
  constructor(
    readonly filePath: string,
    /** Bytes of valid UTF-8 before the first invalid (or truncated) sequence. */
    readonly offset: number,
    readonly line: number,
    readonly column: number,
    byte: number | undefined,
  ) {
    const what = byte === undefined ? 'a truncated character at the end of the file' : `invalid byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    super(
      `Agent file '${filePath}' is not valid UTF-8: ${what} at byte offset ${offset} (line ${line}, column ${column}). ` +
        'Save the file as UTF-8.',
    );
    this.name = 'InvalidUtf8Error';
  }
}

/** Decode `bytes` as strict UTF-8, or throw an InvalidUtf8Error locating the first bad sequence. */
export function decodeAgentText(bytes: Uint8Array, filePath: string): string {
  try {
    return strict().decode(bytes);
  } catch {
    const offset = validUpTo(bytes);
    const before = strict().decode(bytes.subarray(0, offset));
    const nl = before.lastIndexOf('\n');
    const line = before.split('\n').length;
    const column = [...before.slice(nl + 1)].length + 1;
    throw new InvalidUtf8Error(filePath, offset, line, column, offset < bytes.length && !truncatedTail(bytes, offset) ? bytes[offset] : undefined);
  }
}

/**
 * Length of the longest valid prefix. The decoder in stream mode accepts a prefix that
 * ends inside a character and throws once a byte cannot continue it, so the first
 * failing prefix length is found by bisection; the decoded text of the prefix before it
 * gives the count of whole valid bytes.
 */
function validUpTo(bytes: Uint8Array): number {
  const okAsStream = (n: number): boolean => {
    try {
      strict().decode(bytes.subarray(0, n), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let lo = 0; // okAsStream(lo) holds
  let hi = bytes.length; // first failing length is <= hi, or none
  if (okAsStream(hi)) lo = hi;
  else {
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (okAsStream(mid)) lo = mid;
      else hi = mid;
    }
  }
  return Buffer.byteLength(strict().decode(bytes.subarray(0, lo), { stream: true }), 'utf8');
}

/** True when everything from `offset` is the beginning of one character cut by the end of the file. */
function truncatedTail(bytes: Uint8Array, offset: number): boolean {
  try {
    strict().decode(bytes.subarray(offset), { stream: true });
    return true;
  } catch {
    return false;
  }
}
