import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { editorCatalog } from '../../../src/runtime/script/aip/editor';
import { checkCatalogShape, fakeEnv, fakeHost, invoke, tempDir } from '../../fixtures/aip-io/call';

test('catalog shape', () => {
  checkCatalogShape(editorCatalog, ['open_file']);
});

test('open_file: resolves the path and asks the host', async () => {
  const wks = tempDir();
  writeFileSync(join(wks, 'README.md'), '# hi\n');
  const host = fakeHost('code');
  const res = await invoke(editorCatalog, 'open_file', ['README.md'], { env: fakeEnv(wks), host });
  assert.deepEqual(res, { editor: 'code' });
  assert.deepEqual(host.opened, [join(wks, 'README.md')]);
});

test('open_file: nil when the host has no editor or fails', async () => {
  const wks = tempDir();
  writeFileSync(join(wks, 'a.txt'), 'x');
  assert.equal(await invoke(editorCatalog, 'open_file', ['a.txt'], { env: fakeEnv(wks), host: fakeHost(undefined) }), undefined);
  assert.equal(await invoke(editorCatalog, 'open_file', ['a.txt'], { env: fakeEnv(wks), host: fakeHost(new Error('boom')) }), undefined);
});

test('open_file: missing file or a directory is an error', async () => {
  const wks = tempDir();
  const host = fakeHost('code');
  await assert.rejects(invoke(editorCatalog, 'open_file', ['non_existent_file.txt'], { env: fakeEnv(wks), host }), {
    message: 'File does not exist: non_existent_file.txt',
  });
  await assert.rejects(invoke(editorCatalog, 'open_file', ['.'], { env: fakeEnv(wks), host }), { message: 'File does not exist: .' });
  assert.deepEqual(host.opened, []);
});
