/**
 * The pack commands of `aip` run in-process (`main(argv, io)`): HOME, the trash and the
 * pack repository are temp dirs and a local server.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { parseArgs } from '../../../src/cli/args';
import type { CliIo } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';
import { GITIGNORE_TEMPLATE } from '../../../src/runtime/pack/gitignore';
import { packFiles, repoFiles, staticServer, tempRoot, writeTree } from '../../support/pack-fixtures';

let root: ReturnType<typeof tempRoot>;
before(() => {
  root = tempRoot('aip-cli-pack-');
});
after(() => root.cleanup());

interface Run {
  code: number;
  out: string;
  err: string;
  asked: string[];
}

let n = 0;
function setup(): { home: string; wks: string; env: NodeJS.ProcessEnv } {
  const dir = path.join(root.dir, `c${n++}`);
  const home = path.join(dir, 'home');
  const wks = path.join(dir, 'wks');
  fs.mkdirSync(home, { recursive: true });
  fs.mkdirSync(wks, { recursive: true });
  return { home, wks, env: { HOME: home, XDG_DATA_HOME: path.join(dir, 'xdg'), AIPACK_REPO_URL: 'http://127.0.0.1:9' } };
}

async function aip(argv: string[], s: { wks: string; env: NodeJS.ProcessEnv }, opts: { answer?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  const r: Run = { code: -1, out: '', err: '', asked: [] };
  const io: CliIo = {
    cwd: s.wks,
    env: { ...s.env, ...(opts.env ?? {}) },
    stdout: { write: (t: string) => ((r.out += t), true) },
    stderr: { write: (t: string) => ((r.err += t), true) },
    tty: false,
    onSigint: () => {},
    offSigint: () => {},
  };
  if (opts.answer !== undefined) {
    io.ask = async (q: string) => {
      r.asked.push(q);
      return opts.answer as string;
    };
  }
  r.code = await main(argv, io);
  return r;
}

test('arguments of the pack commands', () => {
  assert.deepEqual(parseArgs(['pack', 'dir', '-o', 'out']), { cmd: 'pack', dir: 'dir', outDir: 'out' });
  assert.deepEqual(parseArgs(['install', '--force', 'pro@coder']), { cmd: 'install', source: 'pro@coder', force: true });
  assert.deepEqual(parseArgs(['unpack', 'pro@coder']), { cmd: 'unpack', ref: 'pro@coder', force: false });
  assert.deepEqual(parseArgs(['create-gitignore', '--force']), { cmd: 'create-gitignore', force: true });
  assert.throws(() => parseArgs(['install']), /needs a pack source/);
  assert.throws(() => parseArgs(['install', 'a@b', 'c@d']), /takes one argument/);
  assert.throws(() => parseArgs(['pack']), /needs the pack directory/);
  assert.throws(() => parseArgs(['pack', 'd', '--zip']), /Unknown option '--zip'/);
});

test('aip pack then aip install the archive, then again (up to date)', async () => {
  const s = setup();
  writeTree(path.join(s.wks, 'mypack'), packFiles('me', 'tool', '0.1.0'));
  const p = await aip(['pack', 'mypack', '-o', 'dist'], s);
  assert.equal(p.code, 0, p.err);
  assert.match(p.out, /Packed me@tool 0\.1\.0 \(3 files\) into '.*dist\/me@tool-v0\.1\.0\.aipack'/);
  const i = await aip(['install', 'dist/me@tool-v0.1.0.aipack'], s);
  assert.equal(i.code, 0, i.err);
  assert.match(i.out, /==== Installed me@tool[\s\S]*Version: 0\.1\.0[\s\S]*Installed at: .*pack\/installed\/me\/tool[\s\S]*aip run me@tool/);
  const again = await aip(['install', 'dist/me@tool-v0.1.0.aipack'], s);
  assert.equal(again.code, 0);
  assert.match(again.out, /already installed \(up to date\)[\s\S]*--force/);
  const bad = await aip(['install', 'dist/none.aipack'], s);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /^aip: No such file/);
});

test('aip unpack: from the installed copy into .aipack/pack/custom, --force to replace, workspace required', async () => {
  const s = setup();
  writeTree(path.join(s.wks, 'src'), packFiles('me', 'edit', '1.0.0'));
  assert.equal((await aip(['pack', 'src', '-o', 'dist'], s)).code, 0);
  assert.equal((await aip(['install', 'dist/me@edit-v1.0.0.aipack'], s)).code, 0);
  const noWks = await aip(['unpack', 'me@edit'], s);
  assert.equal(noWks.code, 1);
  assert.match(noWks.err, /No workspace here.*aip init/);
  assert.equal((await aip(['init'], s)).code, 0);
  const u = await aip(['unpack', 'me@edit'], s);
  assert.equal(u.code, 0, u.err);
  const dest = path.join(s.wks, '.aipack/pack/custom/me/edit');
  assert.match(u.out, /From: the installed copy[\s\S]*Unpacked to: .*\.aipack\/pack\/custom\/me\/edit/);
  assert.equal(fs.existsSync(path.join(dest, 'main.aip')), true);
  fs.writeFileSync(path.join(dest, 'main.aip'), 'edited');
  const twice = await aip(['unpack', 'me@edit'], s);
  assert.equal(twice.code, 1);
  assert.match(twice.err, /already exists\. Use --force/);
  assert.equal(fs.readFileSync(path.join(dest, 'main.aip'), 'utf8'), 'edited');
  assert.equal((await aip(['unpack', 'me@edit', '--force'], s)).code, 0);
  assert.notEqual(fs.readFileSync(path.join(dest, 'main.aip'), 'utf8'), 'edited');
  const sub = await aip(['unpack', 'me@edit/sub'], s);
  assert.match(sub.err, /not a pack identity/);
});

test('aip unpack takes the repository copy when it is newer than the installed one', async () => {
  const s = setup();
  writeTree(path.join(s.wks, 'v1'), packFiles('me', 'fresh', '1.0.0'));
  writeTree(path.join(s.wks, 'v2'), packFiles('me', 'fresh', '1.1.0'));
  await aip(['pack', 'v1', '-o', 'dist'], s);
  await aip(['pack', 'v2', '-o', 'dist'], s);
  await aip(['install', 'dist/me@fresh-v1.0.0.aipack'], s);
  await aip(['init'], s);
  const server = await staticServer(repoFiles('me', 'fresh', '1.1.0', fs.readFileSync(path.join(s.wks, 'dist/me@fresh-v1.1.0.aipack'))));
  try {
    const u = await aip(['unpack', 'me@fresh'], s, { env: { AIPACK_REPO_URL: server.url } });
    assert.equal(u.code, 0, u.err);
    assert.match(u.out, /Unpacked me@fresh 1\.1\.0[\s\S]*From: the pack repository/);
  } finally {
    await server.close();
  }
});

test('aip create-gitignore: created, then kept, then overwritten with --force', async () => {
  const s = setup();
  const file = path.join(s.wks, '.gitignore');
  assert.match((await aip(['create-gitignore'], s)).out, /Created/);
  assert.equal(fs.readFileSync(file, 'utf8'), GITIGNORE_TEMPLATE);
  fs.writeFileSync(file, 'mine\n');
  assert.match((await aip(['create-gitignore'], s)).out, /already exists; left as is/);
  assert.equal(fs.readFileSync(file, 'utf8'), 'mine\n');
  assert.match((await aip(['create-gitignore', '--force'], s)).out, /Overwrote/);
  assert.equal(fs.readFileSync(file, 'utf8'), GITIGNORE_TEMPLATE);
});

test('aip run of a pack that is not installed: names aip install without a terminal, offers it on one', async () => {
  const s = setup();
  const noTty = await aip(['run', 'me@later'], s);
  assert.equal(noTty.code, 1);
  assert.match(noTty.err, /The pack me@later is not installed[\s\S]*aip install me@later/);
  assert.deepEqual(noTty.asked, []);

  const no = await aip(['run', 'me@later'], s, { answer: 'n' });
  assert.equal(no.code, 1);
  assert.equal(no.asked.length, 1);
  assert.match(no.asked[0], /Install it now from the pack repository\? \[y\/N\]/);

  writeTree(path.join(s.wks, 'src'), packFiles('me', 'later', '0.5.0'));
  await aip(['pack', 'src', '-o', 'dist'], s);
  const server = await staticServer(repoFiles('me', 'later', '0.5.0', fs.readFileSync(path.join(s.wks, 'dist/me@later-v0.5.0.aipack'))));
  try {
    const yes = await aip(['run', 'me@later'], s, { answer: 'y', env: { AIPACK_REPO_URL: server.url } });
    assert.equal(yes.code, 0, yes.err + yes.out);
    assert.match(yes.out, /==== Installed me@later[\s\S]*✓ Ok/);
  } finally {
    await server.close();
  }
});
