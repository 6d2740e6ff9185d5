import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { fileCatalog } from '../../../src/runtime/script/aip/file';
import { hashBytes } from '../../../src/runtime/script/aip/hash-support';
import { luaIn } from './file-env';
import { withWs } from './helpers';

test('line_spans: byte ranges, CRLF excluded, last line without newline, multibyte', () =>
  withWs(async (ws) => {
    ws.write('l.txt', 'ab\r\nçé\n\nlast');
    assert.deepEqual(await luaIn(ws, 'return aip.file.line_spans("l.txt")'), [
      [0, 2],
      [4, 8],
      [9, 9],
      [10, 14],
    ]);
    assert.deepEqual(
      await luaIn(ws, 'local out = {} for _, s in ipairs(aip.file.line_spans("l.txt")) do out[#out + 1] = aip.file.read_span("l.txt", s[1], s[2]) end return out'),
      ['ab', 'çé', '', 'last'],
    );
    ws.write('empty.txt', '');
    assert.deepEqual(await luaIn(ws, 'return aip.file.line_spans("empty.txt")'), {});
  }));

test('csv_row_spans: records with quoted newlines, byte offsets', () =>
  withWs(async (ws) => {
    const csv = 'name,comment\r\nÀnn,"multi\nline ""q"""\nBob,x\n';
    ws.write('d.csv', csv);
    const rows = (await luaIn(
      ws,
      'local out = {} for _, s in ipairs(aip.file.csv_row_spans("d.csv")) do out[#out + 1] = aip.file.read_span("d.csv", s[1], s[2]) end return out',
    )) as string[];
    assert.deepEqual(rows, ['name,comment', 'Ànn,"multi\nline ""q"""', 'Bob,x']);
    const spans = (await luaIn(ws, 'return aip.file.csv_row_spans("d.csv")')) as number[][];
    assert.deepEqual(spans[0], [0, 12]);
    assert.equal(spans[2][1], Buffer.byteLength(csv) - 1);
  }));

test('read_span: argument checks and range errors', () =>
  withWs(async (ws) => {
    ws.write('s.txt', 'hello');
    assert.equal(await luaIn(ws, 'return aip.file.read_span("s.txt", 1, 4)'), 'ell');
    assert.equal(await luaIn(ws, 'return aip.file.read_span("s.txt", 2, 2)'), '');
    await assert.rejects(luaIn(ws, 'return aip.file.read_span("s.txt", -1, 2)'), /read_span expects non-negative start\/end offsets/);
    await assert.rejects(luaIn(ws, 'return aip.file.read_span("s.txt", 3, 2)'), /read_span expects end >= start/);
    await assert.rejects(luaIn(ws, 'return aip.file.read_span("s.txt", 2, 99)'), /span exceeds file size/);
    await assert.rejects(luaIn(ws, 'return aip.file.read_span("s.txt", 1.5, 2)'), /aip\.file\.read_span - expected <integer> for parameter 'start'/);
    ws.write('u.txt', 'é');
    await assert.rejects(luaIn(ws, 'return aip.file.read_span("u.txt", 0, 1)'), /not valid UTF-8/);
  }));

test('hash_*: 12 functions over the file bytes', () =>
  withWs(async (ws) => {
    const data = Buffer.from('hello\n\u00e9');
    ws.write('h.bin', data);
    const sha256 = createHash('sha256').update(data).digest();
    const sha512 = createHash('sha512').update(data).digest();
    assert.equal(await luaIn(ws, 'return aip.file.hash_sha256("h.bin")'), sha256.toString('hex'));
    assert.equal(await luaIn(ws, 'return aip.file.hash_sha256_b64("h.bin")'), sha256.toString('base64'));
    assert.equal(await luaIn(ws, 'return aip.file.hash_sha256_b64u("h.bin")'), sha256.toString('base64url'));
    assert.equal(await luaIn(ws, 'return aip.file.hash_sha512("h.bin")'), sha512.toString('hex'));
    assert.equal(await luaIn(ws, 'return aip.file.hash_sha512_b64u("h.bin")'), sha512.toString('base64url'));
    for (const algo of ['sha256', 'sha512', 'blake3'] as const) {
      for (const [suffix, enc] of [['', 'hex'], ['_b64', 'b64'], ['_b64u', 'b64u'], ['_b58u', 'b58u']] as const) {
        assert.equal(await luaIn(ws, `return aip.file.hash_${algo}${suffix}("h.bin")`), hashBytes(algo, data, enc), `${algo}${suffix}`);
      }
    }
    ws.write('hello.txt', 'hello');
    assert.equal(
      await luaIn(ws, 'return aip.file.hash_sha256("hello.txt")'),
      '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
    );
    await assert.rejects(
      luaIn(ws, 'return aip.file.hash_blake3("missing.bin")'),
      /aip\.file\.hash_blake3 - Failed to hash file 'missing\.bin'\.\nCause: /,
    );
  }));

test('catalog: 50 functions with the §8.19 names, each with signature and doc', () => {
  const names = fileCatalog.entries.map((e) => e.name);
  assert.equal(names.length, 50);
  assert.equal(new Set(names).size, 50);
  const expected = [
    'load', 'save', 'copy', 'move', 'append', 'delete', 'ensure_exists', 'ensure_dir', 'exists', 'info', 'list', 'list_load',
    'first', 'stats', 'load_json', 'load_toml', 'load_yaml', 'load_ndjson', 'append_json_line', 'append_json_lines',
    'load_md_sections', 'load_md_split_first', 'load_csv_headers', 'load_csv', 'save_as_csv', 'save_records_as_csv',
    'append_csv_rows', 'append_csv_row', 'save_html_to_md', 'save_html_to_slim', 'load_html_as_slim', 'load_html_as_md',
    'save_docx_to_md', 'load_docx_as_md', 'save_changes', 'line_spans', 'csv_row_spans', 'read_span',
    'hash_sha256', 'hash_sha256_b64', 'hash_sha256_b64u', 'hash_sha256_b58u', 'hash_sha512', 'hash_sha512_b64',
    'hash_sha512_b64u', 'hash_sha512_b58u', 'hash_blake3', 'hash_blake3_b64', 'hash_blake3_b64u', 'hash_blake3_b58u',
  ];
  assert.deepEqual([...names].sort(), [...expected].sort());
  for (const e of fileCatalog.entries) {
    assert.ok(e.signature.startsWith(`aip.file.${e.name}(`), e.name);
    assert.match(e.doc, /Example: `/, e.name);
  }
});
