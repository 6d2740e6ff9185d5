// aip.udiffx, aip.zip and aip.html through the real Lua engine: multi-returns, nil, tables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evalLua } from '../../../src/runtime/script/lua-engine';
import { udiffxCatalog } from '../../../src/runtime/script/aip/udiffx';
import { zipCatalog } from '../../../src/runtime/script/aip/zip';
import { htmlCatalog } from '../../../src/runtime/script/aip/html';
import { fakeEnv, tempDir } from '../../fixtures/aip-io/call';

test('Lua: apply_file_changes returns (status) or (status, rest) with extrude', async () => {
  const wks = tempDir();
  writeFileSync(join(wks, 'a.txt'), 'one\ntwo\n');
  const r = await evalLua(
    `
    local changes = "intro\\n[[[UDIFFX_FILE_CHANGES]]]\\n[[[FILE_PATCH file_path=\\"a.txt\\"]]]\\n@@\\n one\\n-two\\n+TWO\\n[[[/FILE_PATCH]]]\\n[[[/UDIFFX_FILE_CHANGES]]]\\nend"
    local n = select("#", aip.udiffx.apply_file_changes("nothing"))
    local status, rest = aip.udiffx.apply_file_changes(changes, nil, { extrude = "content" })
    local item = status.items[1]
    return { n, status.success, status.total_count, item.kind, item.file_path, item.error_msg == nil, rest,
             aip.udiffx.load_files_context("*.none") == nil, #aip.udiffx.file_changes_instruction() > 100 }`,
    { catalogs: [udiffxCatalog], call: { env: fakeEnv(wks) } },
  );
  assert.deepEqual(r, [1, true, 1, 'Patch', 'a.txt', true, 'intro\n\nend', true, true]);
  assert.equal(readFileSync(join(wks, 'a.txt'), 'utf8'), 'one\nTWO\n');
});

test('Lua: zip round trip and html select', async () => {
  const wks = tempDir();
  mkdirSync(join(wks, 'd'));
  writeFileSync(join(wks, 'd', 'x.txt'), 'X');
  const r = await evalLua(
    `
    local info = aip.zip.create("d")
    local names = aip.zip.list("d.zip")
    local els = aip.html.select("<p class='a'>Hi</p><p>Yo</p>", "p")
    return { info.path, info._type, names[1], aip.zip.read_text("d.zip", "x.txt"), aip.zip.read_text("d.zip", "nope") == nil,
             #els, els[1].attrs.class, els[2].attrs == nil, els[2].text, #aip.html.select("<p></p>", nil) }`,
    { catalogs: [zipCatalog, htmlCatalog], call: { env: fakeEnv(wks) } },
  );
  assert.deepEqual(r, ['d.zip', 'FileInfo', 'x.txt', 'X', true, 2, 'a', true, 'Yo', 0]);
});
