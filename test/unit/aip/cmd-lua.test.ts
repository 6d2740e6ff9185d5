// aip.cmd / aip.editor through the real Lua engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evalLua } from '../../../src/runtime/script/lua-engine';
import { cmdCatalog } from '../../../src/runtime/script/aip/cmd';
import { editorCatalog } from '../../../src/runtime/script/aip/editor';
import { fakeEnv, fakeHost, tempDir } from '../../fixtures/aip-io/call';

const unix = process.platform !== 'win32';

test('Lua: aip.cmd.exec returns stdout/stderr/exit; start failure is a Lua error', { skip: !unix }, async () => {
  const node = JSON.stringify(process.execPath);
  const r = await evalLua(
    `
    local res = aip.cmd.exec(${node}, {"-e", "console.log('hi'); console.error('warn'); process.exit(2)"})
    local ok, err = pcall(aip.cmd.exec, "no-such-cmd-aip")
    return { res.stdout, res.stderr, res.exit, math.type(res.exit), ok, tostring(err):find("Fail to execute: no-such-cmd-aip", 1, true) ~= nil }`,
    { catalogs: [cmdCatalog] },
  );
  assert.deepEqual(r, ['hi\n', 'warn\n', 2, 'integer', false, true]);
});

test('Lua: aip.editor.open_file returns {editor} or nil', async () => {
  const wks = tempDir();
  writeFileSync(join(wks, 'a.md'), '# a');
  const r = await evalLua(
    `
    local res = aip.editor.open_file("a.md")
    local ok, err = pcall(aip.editor.open_file, "missing.md")
    return { res.editor, ok, tostring(err):find("File does not exist: missing.md", 1, true) ~= nil }`,
    { catalogs: [editorCatalog], call: { env: fakeEnv(wks), host: fakeHost('vscode') } },
  );
  assert.deepEqual(r, ['vscode', false, true]);
});
