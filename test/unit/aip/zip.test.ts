import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { zipCatalog } from '../../../src/runtime/script/aip/zip';
import { checkCatalogShape, fakeEnv, invoke, tempDir } from '../../fixtures/aip-io/call';

function makeTree(wks: string): void {
  mkdirSync(join(wks, 'site', 'nested'), { recursive: true });
  writeFileSync(join(wks, 'site', 'root.txt'), 'root file');
  writeFileSync(join(wks, 'site', 'nested', 'child.txt'), 'nested file');
  writeFileSync(join(wks, 'site', 'nested', 'child.md'), '# md');
}

test('catalog shape', () => {
  checkCatalogShape(zipCatalog, ['create', 'extract', 'read_text', 'list']);
});

test('create → list → read_text → extract round trip', async () => {
  const wks = tempDir();
  makeTree(wks);
  const env = fakeEnv(wks);
  const info = await invoke(zipCatalog, 'create', ['site'], { env });
  assert.equal(info.path, 'site.zip');
  assert.equal(info._type, 'FileInfo');
  assert.ok(info.size > 0);
  assert.deepEqual(env.locked, [join(wks, 'site.zip')]);

  const names = await invoke(zipCatalog, 'list', ['site.zip'], { env });
  assert.deepEqual(names, ['nested/', 'nested/child.md', 'nested/child.txt', 'root.txt']);
  assert.deepEqual(await invoke(zipCatalog, 'list', ['site.zip', { globs: ['nested/*.txt', 'root.txt'] }], { env }), ['nested/child.txt', 'root.txt']);

  assert.equal(await invoke(zipCatalog, 'read_text', ['site.zip', 'nested/child.txt'], { env }), 'nested file');
  assert.equal(await invoke(zipCatalog, 'read_text', ['site.zip', 'missing.txt'], { env }), undefined);

  const files = await invoke(zipCatalog, 'extract', ['site.zip'], { env });
  assert.deepEqual(files.map((f: { path: string }) => f.path), ['site/nested/child.md', 'site/nested/child.txt', 'site/root.txt']);
  const out = await invoke(zipCatalog, 'extract', ['site.zip', 'out', { globs: ['**/*.md'] }], { env });
  assert.deepEqual(out.map((f: { path: string }) => f.path), ['out/nested/child.md']);
  assert.equal(readFileSync(join(wks, 'out', 'nested', 'child.md'), 'utf8'), '# md');
  assert.ok(!existsSync(join(wks, 'out', 'root.txt')));
});

test('create: globs filter files; dest path; source errors', async () => {
  const wks = tempDir();
  makeTree(wks);
  const env = fakeEnv(wks);
  const info = await invoke(zipCatalog, 'create', ['site', 'dist/only-txt.zip', { globs: ['**/*.txt'] }], { env });
  assert.equal(info.path, 'dist/only-txt.zip');
  assert.deepEqual(await invoke(zipCatalog, 'list', ['dist/only-txt.zip'], { env }), ['nested/', 'nested/child.txt', 'root.txt']);
  await assert.rejects(invoke(zipCatalog, 'create', ['nope'], { env }), {
    message: `aip.zip.create failed. Fail to zip directory. Source directory does not exist: '${join(wks, 'nope')}'`,
  });
  await assert.rejects(invoke(zipCatalog, 'create', ['site/root.txt'], { env }), {
    message: `aip.zip.create failed. Fail to zip directory. Source path is not a directory: '${join(wks, 'site', 'root.txt')}'`,
  });
  await assert.rejects(invoke(zipCatalog, 'create', ['site', undefined, { globs: 'x' }], { env }), {
    message: 'Failed to parse zip options.\nCause: ZipOptions.globs must be an array of strings',
  });
});

test('write guard: create and extract outside the workspace are refused and write nothing', async () => {
  const wks = tempDir();
  makeTree(wks);
  const outside = tempDir('aip-io-outside-');
  const env = fakeEnv(wks);
  await assert.rejects(invoke(zipCatalog, 'create', ['site', join(outside, 'x.zip')], { env }), (err: Error) => {
    assert.match(err.message, /^aip\.zip\.create failed\. Save file protection - The path `\.\.\/.*x\.zip` does not belong to the workspace dir/);
    return true;
  });
  await invoke(zipCatalog, 'create', ['site'], { env });
  await assert.rejects(invoke(zipCatalog, 'extract', ['site.zip', outside], { env }), /^Error: aip\.zip\.extract failed\. Save file protection - /);
  assert.deepEqual(readdirSync(outside), []);
  // The base dir stays writable.
  mkdirSync(env.baseDir, { recursive: true });
  const inBase = await invoke(zipCatalog, 'create', ['site', join(env.baseDir, 'b.zip')], { env });
  assert.ok(existsSync(join(env.baseDir, 'b.zip')));
  assert.equal(inBase.name, 'b.zip');
});

test('extract: unsafe entries are refused before anything is written', async () => {
  const wks = tempDir();
  const env = fakeEnv(wks);
  writeFileSync(join(wks, 'evil.zip'), zipSync({ 'ok.txt': strToU8('fine'), '../escape.txt': strToU8('bad') }));
  await assert.rejects(invoke(zipCatalog, 'extract', ['evil.zip'], { env }), {
    message: "aip.zip.extract failed. Cannot unzip 'evil.zip'.\nCause: Unsafe zip entry with path traversal: '../escape.txt'",
  });
  assert.ok(!existsSync(join(wks, 'evil')));
  assert.ok(!existsSync(join(wks, '..', 'escape.txt')));
  writeFileSync(join(wks, 'abs.zip'), zipSync({ '/etc/x.txt': strToU8('bad') }));
  await assert.rejects(invoke(zipCatalog, 'extract', ['abs.zip'], { env }), /Unsafe zip entry with absolute path: '\/etc\/x\.txt'/);
});

test('read_text: non-UTF-8 entry and bad archive are errors; workspace needed to write', async () => {
  const wks = tempDir();
  const env = fakeEnv(wks);
  writeFileSync(join(wks, 'bin.zip'), zipSync({ 'b.bin': new Uint8Array([0xff, 0xfe, 0x00]) }));
  await assert.rejects(invoke(zipCatalog, 'read_text', ['bin.zip', 'b.bin'], { env }), {
    message: "aip.zip.read_text failed. Entry 'b.bin' of 'bin.zip' is not valid UTF-8",
  });
  writeFileSync(join(wks, 'bad.zip'), 'not a zip');
  await assert.rejects(invoke(zipCatalog, 'list', ['bad.zip'], { env }), /^Error: aip\.zip\.list failed\. Cannot read zip 'bad\.zip'\.\nCause: /);
  await assert.rejects(invoke(zipCatalog, 'create', ['x'], { env: fakeEnv(undefined) }), /^Error: aip\.zip\.create requires a aipack workspace setup\./);
});

test('create: a symlinked folder is listed, not entered (no cycle)', { skip: process.platform === 'win32' }, async () => {
  const wks = tempDir();
  makeTree(wks);
  symlinkSync(join(wks, 'site'), join(wks, 'site', 'loop'));
  const env = fakeEnv(wks);
  await invoke(zipCatalog, 'create', ['site'], { env });
  assert.deepEqual(await invoke(zipCatalog, 'list', ['site.zip'], { env }), ['loop/', 'nested/', 'nested/child.md', 'nested/child.txt', 'root.txt']);
});
