/**
 * The new requests over LSP: references, rename (and its refusal of a
 * non-name), code actions from a diagnostic's fix, semantic tokens, a pack
 * module opened as a document, and diagnostics refreshed when a required
 * module changes on disk.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from './lsp-client';

let client: LspTestClient;
let dir: string;

before(async () => {
  client = await LspTestClient.start();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aip-lsp-proto-'));
  fs.mkdirSync(path.join(dir, 'lua'));
  // The folder is a pack: its lua/ modules are agent modules.
  fs.writeFileSync(path.join(dir, 'pack.toml'), '[pack]\nnamespace = "t"\nname = "p"\nversion = "0.1.0"\n');
});
after(async () => {
  await client.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const AGENT = '# Data\n```lua\nlocal count = 1\ncount = count + 1\nreturn aip.file.laod(tostring(count))\n```\n';

test('references and rename of a local', async () => {
  const file = path.join(dir, 'refs.aip');
  await client.open(file, AGENT);
  const refs = await client.request<{ range: { start: { line: number; character: number } } }[]>('textDocument/references', file, { line: 3, character: 1 }, { context: { includeDeclaration: true } });
  assert.deepEqual(refs.map((r) => `${r.range.start.line}:${r.range.start.character}`), ['2:6', '3:0', '3:8', '4:30']);
  const edit = await client.request<{ changes: Record<string, { newText: string }[]> }>('textDocument/rename', file, { line: 2, character: 7 }, { newName: 'total' });
  const edits = edit.changes[pathToFileURL(file).href];
  assert.deepEqual(edits.map((e) => e.newText), ['total', 'total', 'total', 'total']);
  await assert.rejects(client.request('textDocument/rename', file, { line: 2, character: 7 }, { newName: 'end' }), /not a Lua name/);
});

test('a did-you-mean diagnostic comes with its quick fix', async () => {
  const file = path.join(dir, 'fix.aip');
  const pub = await client.open(file, AGENT);
  const diag = pub.diagnostics.find((d) => d.code === 'unknown-aip-function');
  assert.ok(diag);
  const actions = await client.request<{ title: string; edit: { changes: Record<string, { newText: string }[]> } }[]>('textDocument/codeAction', file, undefined, {
    range: diag.range,
    context: { diagnostics: [diag] },
  });
  assert.deepEqual(actions.map((a) => [a.title, a.edit.changes[pathToFileURL(file).href][0].newText]), [["Change to 'aip.file.load'", 'load']]);
});

test('semantic tokens are served', async () => {
  const file = path.join(dir, 'tokens.aip');
  await client.open(file, AGENT);
  const res = await client.request<{ data: number[] }>('textDocument/semanticTokens/full', file);
  // aip, file (laod is unknown: no token).
  assert.deepEqual(res.data, [4, 7, 3, 0, 1, 0, 4, 4, 0, 1]);
});

test('a pack module is served as a document, and agents see its changes on disk', async () => {
  const mod = path.join(dir, 'lua', 'util.lua');
  fs.writeFileSync(mod, 'local M = {}\nreturn M\n');
  const agent = path.join(dir, 'uses.aip');
  const first = await client.open(agent, '# Data\n```lua\nrequire("util")\nreturn UTIL_READY\n```\n');
  assert.deepEqual(first.diagnostics.map((d) => d.code), ['undefined-global']);
  fs.writeFileSync(mod, 'local M = {}\nUTIL_READY = true\nfunction M.go() return aip.text.trimm("x") end\nreturn M\n');
  const again = client.nextDiagnostics(pathToFileURL(agent).href);
  await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(mod).href, type: 2 }] });
  assert.deepEqual((await again).diagnostics, []);
  const modPub = await client.open(mod);
  assert.deepEqual(modPub.diagnostics.map((d) => [d.range.start.line, d.code]), [[2, 'unknown-aip-function']]);
  const symbols = await client.request<{ name: string }[]>('textDocument/documentSymbol', mod);
  assert.deepEqual(symbols.map((s) => s.name), ['M.go']);
  const items = await client.request<{ label: string }[]>('textDocument/completion', mod, { line: 3, character: 7 });
  assert.ok(items.some((i) => i.label === 'M') && items.some((i) => i.label === 'aip'), items.map((i) => i.label).join(' '));
});

test('Lua outside an agent folder gets no diagnostics', async () => {
  const other = path.join(dir, 'nvim', 'lua');
  fs.mkdirSync(other, { recursive: true });
  const file = path.join(other, 'init.lua');
  const pub = await client.open(file, 'vim.opt.number = true\nlocal x = = 1\nreturn aip.text.trimm(x)\n');
  assert.deepEqual(pub.diagnostics, []);
});

test('signature help in a module document, across lines', async () => {
  const mod = path.join(dir, 'lua', 'sig.lua');
  fs.writeFileSync(mod, 'return aip.path.join("a",\n  "b")\n');
  await client.open(mod);
  const help = await client.request<{ signatures: { label: string }[]; activeParameter: number }>('textDocument/signatureHelp', mod, { line: 1, character: 4 });
  assert.match(help.signatures[0].label, /^aip\.path\.join\(/);
  assert.equal(help.activeParameter, 1);
});
