/**
 * `aip.file.*` readers refuse what is not a regular file (a FIFO must not block,
 * `/dev/zero` must not be read) and files over the read cap, naming path, size and cap.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fnOf, luaIn } from './file-env';
import { pdfCatalog } from '../../../src/runtime/script/aip/pdf';
import { zipCatalog } from '../../../src/runtime/script/aip/zip';
import { withWs } from './helpers';
import { readFileChecked } from '../../../src/runtime/script/aip/file-read-guard';

const posixOnly = process.platform === 'win32' ? 'no FIFOs or /dev/zero on Windows' : false;

/** Each reader, as Lua source taking the path `P`. */
const READERS = [
  'aip.file.load(P)',
  'aip.file.load_json(P)',
  'aip.file.load_ndjson(P)',
  'aip.file.load_toml(P)',
  'aip.file.load_yaml(P)',
  'aip.file.load_md_sections(P)',
  'aip.file.load_csv(P)',
  'aip.file.hash_sha256(P)',
  'aip.file.line_spans(P)',
  'aip.file.read_span(P, 0, 4)',
];

test('a FIFO is refused without blocking, by every reader', { skip: posixOnly, timeout: 20_000 }, () =>
  withWs(async (ws) => {
    const fifo = join(ws.wks, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    for (const r of READERS) {
      await assert.rejects(
        luaIn(ws, `local P = "pipe.json"; return ${r}`),
        (err: Error) => /FIFO/.test(err.message) && err.message.includes(fifo),
        r,
      );
    }
  }),
);

test('/dev/zero and a directory are refused (not read)', { skip: posixOnly, timeout: 20_000 }, () =>
  withWs(async (ws) => {
    assert.ok(existsSync('/dev/zero'));
    await assert.rejects(luaIn(ws, 'return aip.file.load("/dev/zero")'), /\/dev\/zero' is a character device; only regular files/);
    await assert.rejects(luaIn(ws, 'return aip.file.hash_sha256("/dev/zero")'), /character device/);
    ws.write('d/x.txt', 'x');
    await assert.rejects(luaIn(ws, 'return aip.file.load("d")'), /is a directory/);
  }),
);

test('a file over the read cap is refused with path, size and cap; at the cap it reads', () =>
  withWs(async (ws) => {
    ws.env.fileReadMaxBytes = () => 10;
    const abs = ws.write('big.txt', '0123456789A');
    ws.write('ok.txt', '0123456789');
    for (const r of READERS.filter((x) => !x.includes('read_span'))) {
      await assert.rejects(
        luaIn(ws, `local P = "big.txt"; return ${r}`),
        (err: Error) => err.message.includes(`'${abs}' is too large to read: 11 bytes, over the cap of 10 bytes`),
        r,
      );
    }
    const rec = (await luaIn(ws, 'return aip.file.load("ok.txt")')) as { content: string };
    assert.equal(rec.content, '0123456789');
    await assert.rejects(luaIn(ws, 'return aip.file.read_span("big.txt", 0, 11)'), /over the file read cap of 10 bytes/);
    assert.equal(await luaIn(ws, 'return aip.file.read_span("big.txt", 1, 3)'), '12');
  }),
);

test('readFileChecked reads a regular file whole, and the default cap applies without a script env', () =>
  withWs(async (ws) => {
    const abs = ws.write('a.bin', new Uint8Array(200_000).fill(7));
    const buf = await readFileChecked(abs);
    assert.equal(buf.length, 200_000);
    assert.ok(buf.every((b) => b === 7));
    await assert.rejects(readFileChecked(abs, 199_999), /200000 bytes, over the cap of 199999 bytes/);
  }),
);

test('aip.zip and aip.pdf readers: a FIFO is refused without blocking; the cap applies', { skip: posixOnly, timeout: 20_000 }, () =>
  withWs(async (ws) => {
    execFileSync('mkfifo', [join(ws.wks, 'pipe.zip')]);
    execFileSync('mkfifo', [join(ws.wks, 'pipe.pdf')]);
    await assert.rejects(fnOf(zipCatalog, 'list', ws)('pipe.zip'), /FIFO/);
    await assert.rejects(fnOf(pdfCatalog, 'page_count', ws)('pipe.pdf'), /FIFO/);
    ws.env.fileReadMaxBytes = () => 4;
    ws.write('big.zip', 'PK0123');
    ws.write('big.pdf', '%PDF-1');
    await assert.rejects(fnOf(zipCatalog, 'list', ws)('big.zip'), /6 bytes, over the cap of 4 bytes/);
    await assert.rejects(fnOf(pdfCatalog, 'page_count', ws)('big.pdf'), /6 bytes, over the cap of 4 bytes/);
  }),
);
