import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DirContext, findWorkspaceDir } from '../../../src/runtime/dir-context/dir-context';
import { BASE, SANDBOX, SANDBOX_AIPACK, sandboxCtx, tmpDir } from './helpers';

test('fromOptions: base dir is <home>/.aipack-base by default (§5.1)', () => {
  const saved = process.env.AIPACK_BASE_DIR;
  delete process.env.AIPACK_BASE_DIR;
  try {
    const home = tmpDir('aip-home-');
    const ctx = DirContext.fromOptions({ cwd: home, homeDir: home });
    assert.equal(ctx.baseDir, path.join(home, '.aipack-base'));
    assert.equal(ctx.homeDir, home);
  } finally {
    if (saved !== undefined) process.env.AIPACK_BASE_DIR = saved;
  }
});

test('fromOptions: AIPACK_BASE_DIR env overrides the base dir; an explicit baseDir wins over it', () => {
  const saved = process.env.AIPACK_BASE_DIR;
  const envBase = tmpDir('aip-envbase-');
  process.env.AIPACK_BASE_DIR = envBase;
  try {
    const home = tmpDir('aip-home-');
    assert.equal(DirContext.fromOptions({ cwd: home, homeDir: home }).baseDir, envBase);
    assert.equal(DirContext.fromOptions({ cwd: home, homeDir: home, baseDir: BASE }).baseDir, BASE);
    assert.equal(DirContext.fromOptions({ cwd: home, homeDir: home, baseDir: '~/b' }).baseDir, path.join(home, 'b'));
  } finally {
    if (saved === undefined) delete process.env.AIPACK_BASE_DIR;
    else process.env.AIPACK_BASE_DIR = saved;
  }
});

test('fromOptions: a missing home dir is an error when the base dir depends on it (§5.1)', () => {
  const saved = process.env.AIPACK_BASE_DIR;
  delete process.env.AIPACK_BASE_DIR;
  try {
    const home = path.join(tmpDir(), 'no-such-home');
    assert.throws(() => DirContext.fromOptions({ cwd: '/', homeDir: home }), {
      message: `Home dir '${home}' does not exist`,
    });
  } finally {
    if (saved !== undefined) process.env.AIPACK_BASE_DIR = saved;
  }
});

test('workspace discovery: nearest ancestor with .aipack/ (list/install), none → no workspace (§5.2)', () => {
  const deep = path.join(SANDBOX, 'sub-dir', 'agents');
  assert.equal(findWorkspaceDir(deep), SANDBOX);
  const ctx = DirContext.fromOptions({ cwd: deep, baseDir: BASE, homeDir: tmpDir() });
  assert.equal(ctx.workspaceDir, SANDBOX);
  assert.equal(ctx.aipackWksDir, SANDBOX_AIPACK);

  const lonely = tmpDir('aip-nowks-');
  assert.equal(findWorkspaceDir(lonely), undefined);
  const none = DirContext.fromOptions({ cwd: lonely, baseDir: BASE, homeDir: lonely });
  assert.equal(none.workspaceDir, undefined);
  assert.equal(none.aipackWksDir, undefined);

  // `aip list` etc.: no .aipack/ anywhere → cwd is the workspace root.
  const listCtx = DirContext.fromOptions({ cwd: lonely, baseDir: BASE, homeDir: lonely, workspaceDiscovery: 'nearest-or-cwd' });
  assert.equal(listCtx.workspaceDir, lonely);
  const listCtx2 = DirContext.fromOptions({ cwd: deep, baseDir: BASE, homeDir: lonely, workspaceDiscovery: 'nearest-or-cwd' });
  assert.equal(listCtx2.workspaceDir, SANDBOX);
});

test('workspace discovery for runs: the cwd itself, an ancestor .aipack/ is NOT adopted (§5.2)', () => {
  const deep = path.join(SANDBOX, 'sub-dir');
  const ctx = DirContext.fromOptions({ cwd: deep, baseDir: BASE, homeDir: tmpDir(), workspaceDiscovery: 'cwd' });
  assert.equal(ctx.workspaceDir, deep);
  assert.equal(ctx.aipackWksDir, path.join(deep, '.aipack'));
});

test('explicit workspaceDir (VS Code folder root) wins over discovery', () => {
  const dir = tmpDir('aip-folder-');
  const ctx = DirContext.fromOptions({ cwd: path.join(SANDBOX, 'sub-dir'), baseDir: BASE, homeDir: dir, workspaceDir: dir });
  assert.equal(ctx.workspaceDir, dir);
});

test('sessionTmpDir: <wks>/.aipack/.session/<uid>/tmp; undefined without workspace (§5.1, ⚠ §12.5 #5)', () => {
  const ctx = sandboxCtx();
  assert.equal(ctx.sessionTmpDir('abc'), path.join(SANDBOX_AIPACK, '.session', 'abc', 'tmp'));
  assert.equal(ctx.sessionTmpDir(), path.join(SANDBOX_AIPACK, '.session', 'sess-1', 'tmp'));
  const lonely = tmpDir();
  assert.equal(DirContext.fromOptions({ cwd: lonely, baseDir: BASE, homeDir: lonely }).sessionTmpDir('abc'), undefined);
});

test('sessionUid: a fresh uuid v7 when not given', () => {
  const lonely = tmpDir();
  const a = DirContext.fromOptions({ cwd: lonely, baseDir: BASE, homeDir: lonely });
  const b = DirContext.fromOptions({ cwd: lonely, baseDir: BASE, homeDir: lonely });
  assert.match(a.sessionUid, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.notEqual(a.sessionUid, b.sessionUid);
});

test('packRepos: workspace custom, base custom, base installed — existing ones only (§5.3)', () => {
  const ctx = sandboxCtx();
  assert.deepEqual(ctx.packRepos(), [
    { kind: 'WorkspaceCustom', dir: path.join(SANDBOX_AIPACK, 'pack/custom') },
    { kind: 'BaseCustom', dir: path.join(BASE, 'pack/custom') },
    { kind: 'BaseInstalled', dir: path.join(BASE, 'pack/installed') },
  ]);
  const emptyBase = tmpDir('aip-base-');
  const lonely = tmpDir();
  const bare = DirContext.fromOptions({ cwd: lonely, baseDir: emptyBase, homeDir: lonely });
  assert.deepEqual(bare.packRepos(), []);
  assert.deepEqual(bare.packRepos({ includeMissing: true }).map((r) => r.kind), ['BaseCustom', 'BaseInstalled']);
  fs.mkdirSync(path.join(emptyBase, 'pack/installed'), { recursive: true });
  assert.deepEqual(bare.packRepos(), [{ kind: 'BaseInstalled', dir: path.join(emptyBase, 'pack/installed') }]);
});

test('configPaths: default always; user and workspace only when the files exist (§4.1)', () => {
  assert.deepEqual(sandboxCtx().configPaths(), {
    baseDefault: path.join(BASE, 'config-default.toml'),
    baseUser: path.join(BASE, 'config-user.toml'),
    workspace: path.join(SANDBOX_AIPACK, 'config.toml'),
  });
  const base = tmpDir('aip-base-');
  const lonely = tmpDir();
  assert.deepEqual(DirContext.fromOptions({ cwd: lonely, baseDir: base, homeDir: lonely }).configPaths(), {
    baseDefault: path.join(base, 'config-default.toml'),
    baseUser: undefined,
    workspace: undefined,
  });
});

test('toDisplayPath: paths under home are shown as ~/… (§5.7 display rule)', () => {
  const ctx = sandboxCtx();
  assert.equal(ctx.toDisplayPath(path.join(ctx.homeDir, 'a/b.txt')), '~/a/b.txt');
  assert.equal(ctx.toDisplayPath(ctx.homeDir), '~');
  assert.equal(ctx.toDisplayPath(ctx.homeDir + 'x/y'), ctx.homeDir + 'x/y');
  assert.equal(ctx.toDisplayPath('/elsewhere/x'), '/elsewhere/x');
  assert.equal(ctx.toDisplayPath('rel/x'), 'rel/x');
});
