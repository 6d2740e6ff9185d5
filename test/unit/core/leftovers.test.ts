/**
 * Leftovers of killed processes are cleaned at start: stale session dirs (owner pid gone)
 * and journaled `*.aip-tmp` files; a live process's files are never touched (issue 22).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import {
  cleanStaleSessions,
  cleanStaleTemps,
  claimSession,
  noteTempFile,
  setTempJournalDir,
  tempFileDone,
  UNOWNED_SESSION_MAX_AGE_MS,
} from '../../../src/runtime/leftovers';
import { sandbox } from '../../support/run-harness';
import { tempDir } from '../../support/temp-dir';

/** The pid of a process that has already exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '']);
  assert.equal(r.status, 0);
  return r.pid!;
}

const children: import('node:child_process').ChildProcess[] = [];
after(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

function liveChild() {
  const c = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(c);
  return c;
}

function owner(dir: string, o: object) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'owner.json'), JSON.stringify(o));
}

test('stale session dirs: only those of gone processes (and old unowned ones) are removed', () => {
  const aip = path.join(tempDir('aip-left-'), '.aipack');
  const sess = path.join(aip, '.session');
  const live = liveChild();
  const host = os.hostname();
  owner(path.join(sess, 'dead'), { pid: deadPid(), host });
  fs.writeFileSync(path.join(sess, 'dead', 'x.txt'), 'tmp data');
  owner(path.join(sess, 'live'), { pid: live.pid, host });
  owner(path.join(sess, 'other-host'), { pid: deadPid(), host: host + '-elsewhere' });
  owner(path.join(sess, 'garbled'), {});
  fs.writeFileSync(path.join(sess, 'garbled', 'owner.json'), '{not json');
  fs.mkdirSync(path.join(sess, 'unowned-new'));
  fs.mkdirSync(path.join(sess, 'unowned-old'));
  const old = new Date(Date.now() - UNOWNED_SESSION_MAX_AGE_MS - 60_000);
  fs.utimesSync(path.join(sess, 'unowned-old'), old, old);
  claimSession(aip, 'mine');
  assert.deepEqual(JSON.parse(fs.readFileSync(path.join(sess, 'mine', 'owner.json'), 'utf8')).pid, process.pid);

  const removed = cleanStaleSessions(aip, 'mine').sort();
  assert.deepEqual(removed, ['dead', 'unowned-old']);
  assert.deepEqual(fs.readdirSync(sess).sort(), ['garbled', 'live', 'mine', 'other-host', 'unowned-new']);
  assert.deepEqual(cleanStaleSessions(path.join(aip, 'none'), 'mine'), [], 'no .session dir: nothing to do');
});

test('a temp file left by a kill -9 mid-write is removed at the next start; a live writer keeps its temp', async () => {
  const root = tempDir('aip-left-');
  const journal = path.join(root, 'journal');
  setTempJournalDir(journal);
  const wks = path.join(root, 'ws');
  fs.mkdirSync(wks);
  const leftover = path.join(wks, '.notes.md.abc123.aip-tmp');
  // A child that journals and creates a temp file the way atomicWrite does, then hangs mid-write.
  const script = [
    `const { noteTempFile, setTempJournalDir } = require(${JSON.stringify(path.resolve('src/runtime/leftovers.ts'))});`,
    `setTempJournalDir(${JSON.stringify(journal)});`,
    `noteTempFile(${JSON.stringify(leftover)});`,
    `require('node:fs').writeFileSync(${JSON.stringify(leftover)}, '');`,
    `console.log('ready'); setInterval(() => {}, 1000);`,
  ].join('\n');
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => String(d).includes('ready') && resolve());
    child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
  });
  assert.ok(fs.existsSync(leftover));
  assert.deepEqual(cleanStaleTemps(), [], 'the writer is alive: its temp stays');
  assert.ok(fs.existsSync(leftover));
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;

  // Lines that are not our absolute temp names are never acted on.
  const keep = path.join(wks, 'keep.txt');
  fs.writeFileSync(keep, 'user data');
  fs.appendFileSync(path.join(journal, `${child.pid}.log`), `${keep}\nrelative.aip-tmp\n${path.join(wks, 'gone.aip-tmp')}\n`);
  assert.deepEqual(cleanStaleTemps(), [leftover]);
  assert.equal(fs.existsSync(leftover), false);
  assert.equal(fs.readFileSync(keep, 'utf8'), 'user data');
  assert.equal(fs.existsSync(journal), false, 'the dead journal is removed, and the empty journal dir with it');

  // Our own journal lives only while a write is in flight.
  noteTempFile(path.join(wks, '.x.aip-tmp'));
  assert.deepEqual(fs.readdirSync(journal), [`${process.pid}.log`]);
  assert.deepEqual(cleanStaleTemps(), [], 'our own journal is never cleaned');
  tempFileDone();
  assert.equal(fs.existsSync(journal), false, 'nothing is left once no write is in flight');
});

test('the first run of a runtime claims its session and removes a dead session dir', async () => {
  const sb = await sandbox();
  try {
    const sess = path.join(sb.wks, '.aipack/.session');
    owner(path.join(sess, 'stale-one'), { pid: deadPid(), host: os.hostname() });
    const liveDir = path.join(sess, 'live-one');
    owner(liveDir, { pid: liveChild().pid, host: os.hostname() });
    sb.write('agents/noop.aip', '# Before All\n```lua\nreturn nil\n```\n');
    const res = await sb.run('agents/noop.aip');
    assert.equal(res.endState, 'Ok', res.error?.message);
    const uid = sb.rt.session.uid;
    assert.deepEqual(fs.readdirSync(sess).sort(), ['live-one', uid].sort());
    assert.equal(JSON.parse(fs.readFileSync(path.join(sess, uid, 'owner.json'), 'utf8')).pid, process.pid);
  } finally {
    await sb.close();
  }
});
