import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitCatalog } from '../../../src/runtime/script/aip/git';
import { checkCatalogShape, fakeEnv, invoke, tempDir } from '../../fixtures/aip-io/call';

const hasGit = spawnSync('git', ['--version']).status === 0;

function git(cwd: string, ...args: string[]) {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
  assert.equal(r.status, 0, r.stderr);
}

test('catalog shape', () => {
  checkCatalogShape(gitCatalog, ['restore']);
});

test('restore: discards the working-tree change', { skip: !hasGit && 'git not installed' }, async () => {
  const wks = tempDir();
  git(wks, 'init', '-q');
  writeFileSync(join(wks, 'a.txt'), 'original\n');
  git(wks, 'add', 'a.txt');
  git(wks, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'init');
  writeFileSync(join(wks, 'a.txt'), 'changed\n');
  const out = await invoke(gitCatalog, 'restore', ['a.txt'], { env: fakeEnv(wks) });
  assert.equal(out, '');
  assert.equal(readFileSync(join(wks, 'a.txt'), 'utf8'), 'original\n');
});

test('restore: stderr output is an error', { skip: !hasGit && 'git not installed' }, async () => {
  const wks = tempDir();
  git(wks, 'init', '-q');
  const env = fakeEnv(wks);
  await assert.rejects(invoke(gitCatalog, 'restore', ['nope.txt'], { env }), (err: Error) => {
    assert.match(err.message, /^'git restore nope\.txt' failed\n\tCause: error: pathspec 'nope\.txt' did not match/);
    return true;
  });
  assert.match(env.logs[0], /^stderr: error: pathspec/);
});

test('restore: needs a workspace', async () => {
  await assert.rejects(invoke(gitCatalog, 'restore', ['a.txt'], { env: fakeEnv(undefined) }), {
    message: "aip.git.restore requires a aipack workspace setup. Do a 'aip init' in the project directory.",
  });
  await assert.rejects(invoke(gitCatalog, 'restore', [1]), { message: "aip.git.restore - expected <string> for parameter 'path' but got number" });
});
