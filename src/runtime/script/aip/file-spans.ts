/**
 * `aip.file.line_spans`, `csv_row_spans`, `read_span` (§8.5): byte ranges of lines or
 * CSV records in a file, and reading one range back as text.
 */
import { promises as fsp } from 'node:fs';
import type { CallContext, CatalogEntry } from '../catalog';
import { argInteger, argString } from '../catalog';
import { errorMessage } from '../../errors';
import { resolveUserPath } from './file-common';
import { csvRowSpans } from './csv-support';
import { openChecked, readCapOf, readFileChecked } from './file-read-guard';

/** `[start, end)` byte ranges of each line; `\n` splits, a `\r` before it is left out. */
export function lineSpans(bytes: Uint8Array): [number, number][] {
  const spans: [number, number][] = [];
  let lineStart = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 0x0a) continue;
    const end = i > lineStart && bytes[i - 1] === 0x0d ? i - 1 : i;
    spans.push([lineStart, end]);
    lineStart = i + 1;
  }
  if (lineStart < bytes.length) spans.push([lineStart, bytes.length]);
  return spans;
}

/** Map UTF-16 offsets of `text` to UTF-8 byte offsets. */
export function utf16ToByteOffsets(text: string, spans: [number, number][]): [number, number][] {
  if (!/[^\x00-\x7f]/.test(text)) return spans;
  const byteAt = new Map<number, number>();
  const wanted = new Set(spans.flat());
  let bytes = 0;
  for (let i = 0; i <= text.length; i++) {
    if (wanted.has(i)) byteAt.set(i, bytes);
    if (i === text.length) break;
    const cp = text.codePointAt(i)!;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (cp >= 0x10000) i++;
  }
  return spans.map(([s, e]) => [byteAt.get(s) ?? s, byteAt.get(e) ?? e]);
}

async function readBytes(call: CallContext, path: string): Promise<Uint8Array> {
  const abs = resolveUserPath(call, path);
  try {
    return await readFileChecked(abs, readCapOf(call));
  } catch (err) {
    throw new Error(`${call.fnName} - Cannot read file '${path}'.\nCause: ${errorMessage(err)}`);
  }
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

export const fileSpansEntries: CatalogEntry[] = [
  {
    name: 'line_spans',
    signature: 'aip.file.line_spans(path: string) -> [start, end][]',
    doc: [
      'Byte ranges `{start, end}` (end exclusive, line break excluded) of each line of a file.',
      'Pair with `aip.file.read_span` to read lines of large files without loading them whole.',
      '',
      'Example: `local spans = aip.file.line_spans("big.log"); print(#spans .. " lines")`',
    ].join('\n'),
    impl: async (call: CallContext, path: unknown) => lineSpans(await readBytes(call, argString(call, path, 'path'))),
  },
  {
    name: 'csv_row_spans',
    signature: 'aip.file.csv_row_spans(path: string) -> [start, end][]',
    doc: [
      'Byte ranges `{start, end}` of each CSV record (header included). Newlines inside quoted fields stay',
      'in their record; `""` is an escaped quote.',
      '',
      'Example: `local rows = aip.file.csv_row_spans("data.csv"); local header = aip.file.read_span("data.csv", rows[1][1], rows[1][2])`',
    ].join('\n'),
    impl: async (call: CallContext, path: unknown) => {
      const p = argString(call, path, 'path');
      let text: string;
      try {
        text = utf8Strict.decode(await readBytes(call, p));
      } catch (err) {
        if (err instanceof TypeError) throw new Error(`${call.fnName} - File '${p}' is not valid UTF-8`);
        throw err;
      }
      return utf16ToByteOffsets(text, csvRowSpans(text));
    },
  },
  {
    name: 'read_span',
    signature: 'aip.file.read_span(path: string, start: integer, end: integer) -> string',
    doc: [
      'Read bytes `[start, end)` of a file as UTF-8 text (offsets as returned by `line_spans` / `csv_row_spans`).',
      '',
      'Errors for negative offsets, `end < start`, a range past the end of the file, or a range that is not valid UTF-8.',
      '',
      'Example: `local line = aip.file.read_span("big.log", span[1], span[2])`',
    ].join('\n'),
    impl: async (call: CallContext, path: unknown, start: unknown, end: unknown) => {
      const p = argString(call, path, 'path');
      const s = argInteger(call, start, 'start');
      const e = argInteger(call, end, 'end');
      if (s < 0 || e < 0) throw new Error('read_span expects non-negative start/end offsets');
      if (e < s) throw new Error('read_span expects end >= start');
      const abs = resolveUserPath(call, p);
      if (e - s > readCapOf(call)) throw new Error(`read_span - span of ${e - s} bytes is over the file read cap of ${readCapOf(call)} bytes`);
      const fh = await openChecked(abs, Number.MAX_SAFE_INTEGER);
      try {
        const buf = Buffer.alloc(e - s);
        let filled = 0;
        while (filled < buf.length) {
          const { bytesRead } = await fh.read(buf, filled, buf.length - filled, s + filled);
          if (bytesRead === 0) throw new Error(`read_span - span exceeds file size (hit EOF) in '${p}'`);
          filled += bytesRead;
        }
        try {
          return utf8Strict.decode(buf);
        } catch {
          throw new Error(`read_span - span [${s}, ${e}) of '${p}' is not valid UTF-8`);
        }
      } finally {
        await fh.close();
      }
    },
  },
];
