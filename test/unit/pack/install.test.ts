/**
 * `aip pack` + `aip install` from every source kind (§11.1), the semver rules, the
 * provenance table, and bad archives that must be refused without touching the
 * previous install.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { parse as parseToml } from 'smol-toml';
import { installPack, type PackInstallEnv } from '../../../src/runtime/pack/installer';
import { packDir } from '../../../src/runtime/pack/packer';
import { listArchive } from '../../../src/runtime/pack/archive';
import { enc, gitRepo, packFiles, packToml, repoFiles, staticServer, tempRoot, testTrash, writeTree, writeZip } from '../../support/pack-fixtures';

let root: ReturnType<typeof tempRoot>;
before(() => {
  root = tempRoot('aip-pack-');
});
after(() => root.cleanup());

let n = 0;
/** A fresh base dir and trash per test. */
function env(extra: Partial<PackInstallEnv> = {}): PackInstallEnv & { trashed: string[]; dir: string } {
  const dir = path.join(root.dir, `case-${n++}`);
  fs.mkdirSync(dir, { recursive: true });
  const t = testTrash(dir);
  return { baseDir: path.join(dir, 'base'), cwd: dir, repoUrl: 'http://127.0.0.1:9', trash: t.trash, trashed: t.got, dir, ...extra };
}

async function makeArchive(where: string, ns: string, name: string, version: string, files: Record<string, string> = {}): Promise<string> {
  const src = writeTree(path.join(where, `src-${ns}-${name}-${version}`), { ...packFiles(ns, name, version), ...files });
  return (await packDir(src, path.join(where, 'dist'))).file;
}

function installedDir(e: { baseDir: string }, ns: string, name: string): string {
  return path.join(e.baseDir, 'pack', 'installed', ns, name);
}

function installedToml(e: { baseDir: string }, ns: string, name: string): Record<string, Record<string, string>> {
  return parseToml(fs.readFileSync(path.join(installedDir(e, ns, name), 'pack.toml'), 'utf8')) as Record<string, Record<string, string>>;
}

test('aip pack: validated pack.toml, archive named ns@name-vX.aipack, default excludes left out', async () => {
  const src = writeTree(path.join(root.dir, 'packme'), {
    ...packFiles('demo', 'tool', '1.2.0'),
    '.git/config': 'x',
    'node_modules/m/index.js': 'x',
    'docs/.DS_Store': 'x',
    'docs/guide.md': '# guide',
  });
  const res = await packDir(src, path.join(root.dir, 'out'));
  assert.equal(path.basename(res.file), 'demo@tool-v1.2.0.aipack');
  const names = (await listArchive(res.file)).map((e) => e.name).sort();
  assert.deepEqual(names, ['docs/guide.md', 'lua/util.lua', 'main.aip', 'pack.toml']);
});

test('aip pack refuses a folder without pack.toml, a bad version and a bad namespace', async () => {
  const none = writeTree(path.join(root.dir, 'nopack'), { 'main.aip': 'x' });
  await assert.rejects(packDir(none, root.dir), /No pack.toml in .*namespace, name and version/);
  const badVersion = writeTree(path.join(root.dir, 'badver'), { 'pack.toml': packToml('a', 'b', '1.0') });
  await assert.rejects(packDir(badVersion, root.dir), /Invalid version format/);
  const badNs = writeTree(path.join(root.dir, 'badns'), { 'pack.toml': packToml('9a', 'b', '1.0.0') });
  await assert.rejects(packDir(badNs, root.dir), /namespace '9a' is not valid/);
});

test('install a local .aipack: files in place, [installed] provenance written, other pack.toml text kept', async () => {
  const e = env();
  const file = await makeArchive(e.dir, 'demo', 'tool', '1.0.0');
  const res = await installPack(file, e);
  assert.equal(res.status, 'installed');
  assert.equal(res.dir, installedDir(e, 'demo', 'tool'));
  assert.equal(fs.readFileSync(path.join(res.dir, 'lua/util.lua'), 'utf8'), 'return { v = 1 }\n');
  const text = fs.readFileSync(path.join(res.dir, 'pack.toml'), 'utf8');
  assert.ok(text.startsWith('# a test pack\n[pack]'), text);
  const toml = installedToml(e, 'demo', 'tool');
  assert.equal(toml.installed.source, file);
  assert.match(toml.installed.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
  assert.equal(toml.installed.commit, undefined);
  // Nothing left in the staging area.
  assert.deepEqual(fs.readdirSync(path.join(e.baseDir, 'pack', '.download')), []);
});

test('semver rules: same version is up to date, older is refused, newer replaces (old to trash), --force overrides', async () => {
  const e = env();
  const v1 = await makeArchive(e.dir, 'demo', 'tool', '1.0.0');
  const v2 = await makeArchive(e.dir, 'demo', 'tool', '1.10.0');
  await installPack(v2, e);
  const again = await installPack(v2, e);
  assert.equal(again.status, 'up-to-date');
  assert.equal(e.trashed.length, 0);
  await assert.rejects(installPack(v1, e), /1\.10\.0 is installed, which is newer than 1\.0\.0[\s\S]*--force/);
  assert.equal(installedToml(e, 'demo', 'tool').pack.version, '1.10.0');
  const forced = await installPack(v1, e, { force: true });
  assert.equal(forced.status, 'installed');
  assert.equal(forced.previousVersion, '1.10.0');
  assert.equal(installedToml(e, 'demo', 'tool').pack.version, '1.0.0');
  assert.deepEqual(e.trashed, [installedDir(e, 'demo', 'tool')]);
  // A newer one replaces without --force; a file only in the old install does not survive.
  fs.writeFileSync(path.join(installedDir(e, 'demo', 'tool'), 'leftover.txt'), 'old');
  const v3 = await makeArchive(e.dir, 'demo', 'tool', '2.0.0-beta.1');
  assert.equal((await installPack(v3, e)).status, 'installed');
  assert.equal(fs.existsSync(path.join(installedDir(e, 'demo', 'tool'), 'leftover.txt')), false);
});

test('a pre-release without a trailing number cannot be installed', async () => {
  const e = env();
  const file = await makeArchive(e.dir, 'demo', 'pre', '1.0.0-beta');
  await assert.rejects(installPack(file, e), /pre-release version must end with a dot and a number/);
  assert.equal(fs.existsSync(installedDir(e, 'demo', 'pre')), false);
});

/** Each bad archive is refused with its reason and leaves the installed 1.0.0 exactly as it was. */
test('bad archives are refused and the previous install is untouched', async () => {
  const e = env({ limits: { maxTotalBytes: 64 * 1024, maxEntries: 100 } });
  await installPack(await makeArchive(e.dir, 'demo', 'tool', '1.0.0'), e);
  const before = fs.readFileSync(path.join(installedDir(e, 'demo', 'tool'), 'pack.toml'), 'utf8');
  const good = (v: string) => ({ 'pack.toml': enc(packToml('demo', 'tool', v)), 'main.aip': enc('x') });
  const cases: [string, () => string, RegExp][] = [
    ['not a zip', () => (fs.writeFileSync(path.join(e.dir, 'text.aipack'), 'just text'), path.join(e.dir, 'text.aipack')), /not a zip archive/],
    ['no pack.toml', () => writeZip(path.join(e.dir, 'nopack.aipack'), { 'main.aip': enc('x') }), /no pack.toml at its root/],
    ['dot-dot entry', () => writeZip(path.join(e.dir, 'dotdot.aipack'), { ...good('2.0.0'), '../evil.txt': enc('x') }), /invalid relative path|escapes/],
    ['absolute entry', () => writeZip(path.join(e.dir, 'abs.aipack'), { ...good('2.0.0'), '/tmp/evil.txt': enc('x') }), /absolute path/],
    [
      'symlink entry',
      () => writeZip(path.join(e.dir, 'link.aipack'), { ...good('2.0.0'), link: [enc('/etc/passwd'), { os: 3, attrs: (0o120777 << 16) >>> 0 }] }),
      /symbolic link/,
    ],
    ['zip bomb', () => writeZip(path.join(e.dir, 'bomb.aipack'), { ...good('2.0.0'), 'zeros.bin': new Uint8Array(1024 * 1024) }), /size limit/],
  ];
  for (const [label, make, rx] of cases) {
    await assert.rejects(installPack(make(), e), rx, label);
    assert.equal(fs.readFileSync(path.join(installedDir(e, 'demo', 'tool'), 'pack.toml'), 'utf8'), before, label);
    assert.equal(fs.existsSync(path.join(e.dir, 'evil.txt')) || fs.existsSync(path.join(e.baseDir, 'pack', 'installed', 'demo', 'evil.txt')), false, label);
  }
  assert.deepEqual(e.trashed, [], 'nothing was trashed');
  assert.deepEqual(fs.readdirSync(path.join(e.baseDir, 'pack', '.download')), []);
  // A bomb is refused even though it is tiny on disk.
  assert.ok(fs.statSync(path.join(e.dir, 'bomb.aipack')).size < 16 * 1024);
});

test('a local path that is missing, a folder or not .aipack is a clear error', async () => {
  const e = env();
  await assert.rejects(installPack('nowhere/x.aipack', e), /No such file: '.*nowhere\/x\.aipack'/);
  await assert.rejects(installPack(e.dir, e), /is not a file: give a \.aipack archive/);
  fs.writeFileSync(path.join(e.dir, 'p.zip'), 'x');
  await assert.rejects(installPack('p.zip', e), /is not a \.aipack file/);
});

test('ns@name from a pack repository (latest.toml protocol) and an http archive link', async () => {
  const e = env();
  const file = await makeArchive(e.dir, 'demo', 'remote', '0.3.1');
  const server = await staticServer(repoFiles('demo', 'remote', '0.3.1', fs.readFileSync(file)));
  try {
    const res = await installPack('demo@remote', { ...e, repoUrl: server.url });
    assert.equal(res.status, 'installed');
    assert.equal(res.version, '0.3.1');
    assert.deepEqual(server.hits, ['/pack/demo/remote/stable/latest.toml', '/pack/demo/remote/stable/demo@remote-v0.3.1.aipack']);
    assert.equal(installedToml(e, 'demo', 'remote').installed.source, server.url);
    // The same archive by direct link: same version, so up to date.
    const link = `${server.url}/pack/demo/remote/stable/demo@remote-v0.3.1.aipack`;
    assert.equal((await installPack(link, e)).status, 'up-to-date');
    const forced = await installPack(link, e, { force: true });
    assert.equal(forced.status, 'installed');
    assert.equal(installedToml(e, 'demo', 'remote').installed.source, link);
    // A pack the repository does not have.
    await assert.rejects(installPack('demo@absent', { ...e, repoUrl: server.url }), /demo@absent was not found in the pack repository/);
    await assert.rejects(installPack(`${server.url}/nothing.aipack`, e), /HTTP 404/);
  } finally {
    await server.close();
  }
});

test('a repository archive holding another pack than the one asked for is refused', async () => {
  const e = env();
  const other = await makeArchive(e.dir, 'demo', 'other', '1.0.0');
  const server = await staticServer(repoFiles('demo', 'asked', '1.0.0', fs.readFileSync(other)));
  try {
    await assert.rejects(installPack('demo@asked', { ...e, repoUrl: server.url }), /holds the pack demo@other/);
    assert.equal(fs.existsSync(installedDir(e, 'demo', 'other')), false);
  } finally {
    await server.close();
  }
});

test('git source with #sub/dir: cloned with the system git, .git left out, commit recorded', async () => {
  const e = env();
  const files: Record<string, string> = {};
  for (const [rel, c] of Object.entries(packFiles('gitns', 'gp', '0.2.0'))) files[`packs/gp/${rel}`] = c;
  files['README.md'] = 'not a pack';
  const repo = gitRepo(e.dir, 'packs', files);
  const res = await installPack(`${repo.url}#packs/gp`, e);
  assert.equal(res.status, 'installed');
  assert.equal(res.commit, repo.commit);
  const dir = installedDir(e, 'gitns', 'gp');
  assert.equal(fs.existsSync(path.join(dir, 'main.aip')), true);
  assert.equal(fs.existsSync(path.join(dir, '.git')), false);
  assert.equal(fs.existsSync(path.join(dir, 'README.md')), false);
  const toml = installedToml(e, 'gitns', 'gp');
  assert.equal(toml.installed.source, `${repo.url}#packs/gp`);
  assert.equal(toml.installed.commit, repo.commit);
  // Without the selector the repo root has no pack.toml.
  await assert.rejects(installPack(repo.url, e), /No pack.toml in '\.' .*#sub\/dir/);
  await assert.rejects(installPack(`${repo.url}#packs/missing`, e), /has no directory 'packs\/missing'/);
  await assert.rejects(installPack(`${repo.url}#../x`, e), /'\.\.' is not allowed/);
  await assert.rejects(installPack(`file://${e.dir}/nope.git`, e), /git clone failed/);
});

/** Rewrites the uncompressed size of every entry named `name` (local and central headers) to `size`. */
function lieAboutSize(zip: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(zip);
  const nameBuf = Buffer.from(name);
  for (let i = 0; i + 46 < out.length; i++) {
    const sig = out.readUInt32LE(i);
    if (sig === 0x04034b50 && out.subarray(i + 30, i + 30 + out.readUInt16LE(i + 26)).equals(nameBuf)) out.writeUInt32LE(size, i + 22);
    if (sig === 0x02014b50 && out.subarray(i + 46, i + 46 + out.readUInt16LE(i + 28)).equals(nameBuf)) out.writeUInt32LE(size, i + 24);
  }
  return out;
}

test('an entry that inflates past the size its header declares is refused (a lying zip bomb)', async () => {
  const e = env({ limits: { maxTotalBytes: 64 * 1024, maxEntries: 100 } });
  await installPack(await makeArchive(e.dir, 'demo', 'tool', '1.0.0'), e);
  const honest = path.join(e.dir, 'honest.aipack');
  writeZip(honest, { 'pack.toml': enc(packToml('demo', 'tool', '2.0.0')), 'zeros.bin': new Uint8Array(512 * 1024) });
  const liar = path.join(e.dir, 'liar.aipack');
  fs.writeFileSync(liar, lieAboutSize(fs.readFileSync(honest), 'zeros.bin', 10));
  await assert.rejects(installPack(liar, e), /Invalid .aipack archive .*too many bytes in the stream/);
  assert.equal(installedToml(e, 'demo', 'tool').pack.version, '1.0.0');
  assert.deepEqual(e.trashed, []);
});
