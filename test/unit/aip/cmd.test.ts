import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cmdCatalog } from '../../../src/runtime/script/aip/cmd';
import { checkCatalogShape, fakeEnv, invoke, tempDir } from '../../fixtures/aip-io/call';

const node = process.execPath;
const unix = process.platform !== 'win32';

test('catalog shape', () => {
  checkCatalogShape(cmdCatalog, ['exec']);
});

test('exec: argv list, stdout, stderr, exit code', { skip: !unix }, async () => {
  const res = await invoke(cmdCatalog, 'exec', [node, ['-e', 'process.stdout.write(JSON.stringify(process.argv.slice(1))); process.stderr.write("warn"); process.exit(3)', 'a b', 'c']]);
  assert.deepEqual(JSON.parse(res.stdout), ['a b', 'c']);
  assert.equal(res.stderr, 'warn');
  assert.equal(res.exit, 3);
});

test('exec: a string argument is one argument (no shell splitting)', { skip: !unix }, async () => {
  const res = await invoke(cmdCatalog, 'exec', [node, '--version']);
  assert.equal(res.stdout.trim(), process.version);
  const echo = await invoke(cmdCatalog, 'exec', ['echo', 'hello   world $HOME']);
  assert.equal(echo.stdout, 'hello   world $HOME\n');
  assert.equal(echo.exit, 0);
});

test('exec: cwd relative to the workspace, absolute, and empty', { skip: !unix }, async () => {
  const wks = tempDir();
  mkdirSync(join(wks, 'sub'));
  const env = fakeEnv(wks);
  const script = ['-e', 'process.stdout.write(process.cwd())'];
  assert.equal((await invoke(cmdCatalog, 'exec', [node, script, { cwd: 'sub' }], { env })).stdout, join(wks, 'sub'));
  assert.equal((await invoke(cmdCatalog, 'exec', [node, script, { cwd: wks }], { env })).stdout, wks);
  assert.equal((await invoke(cmdCatalog, 'exec', [node, script, { cwd: '  ' }], { env })).stdout, process.cwd());
  assert.equal((await invoke(cmdCatalog, 'exec', [node, script, {}], { env })).stdout, process.cwd());
});

test('exec: killed by a signal gives exit -1', { skip: !unix }, async () => {
  const res = await invoke(cmdCatalog, 'exec', [node, ['-e', 'process.kill(process.pid, "SIGKILL")']]);
  assert.equal(res.exit, -1);
});

test('exec: failure to start', { skip: !unix }, async () => {
  await assert.rejects(invoke(cmdCatalog, 'exec', ['nonexistentcommand-aip', ['x', 'y']]), {
    message: 'Fail to execute: nonexistentcommand-aip x y\nCause:\nspawn nonexistentcommand-aip ENOENT',
  });
  const wks = tempDir();
  const env = fakeEnv(wks);
  await assert.rejects(invoke(cmdCatalog, 'exec', ['echo', 'hello', { cwd: 'missing-dir' }], { env }), {
    message: `Fail to execute: echo hello\nWorking directory: ${join(wks, 'missing-dir')}\nCause:\nNo such directory: ${join(wks, 'missing-dir')}`,
  });
});

test('exec: argument errors', async () => {
  await assert.rejects(invoke(cmdCatalog, 'exec', [undefined]), { message: "aip.cmd.exec - expected <string> for parameter 'cmd' but got nil" });
  await assert.rejects(invoke(cmdCatalog, 'exec', ['echo', 3]), {
    message: "aip.cmd.exec - expected <string | string[]> for parameter 'args' but got number",
  });
  await assert.rejects(invoke(cmdCatalog, 'exec', ['echo', [], 'x']), {
    message: "aip.cmd.exec - expected <table> for parameter 'options' but got string",
  });
});

test('exec: cancel kills the child process', { skip: !unix }, async () => {
  const dir = tempDir();
  const pidFile = join(dir, 'pid');
  const ac = new AbortController();
  const script = `require("fs").writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setTimeout(() => {}, 30000)`;
  const p = invoke(cmdCatalog, 'exec', [node, ['-e', script]], { signal: ac.signal });
  while (!existsSync(pidFile) || readFileSync(pidFile, 'utf8') === '') await new Promise((r) => setTimeout(r, 10));
  ac.abort();
  await assert.rejects(p, { message: `Command cancelled: ${node} -e ${script}` });
  const pid = Number(readFileSync(pidFile, 'utf8'));
  assert.throws(() => process.kill(pid, 0), { code: 'ESRCH' });
  const pre = new AbortController();
  pre.abort();
  await assert.rejects(invoke(cmdCatalog, 'exec', ['echo', 'x'], { signal: pre.signal }), { message: 'Command cancelled: echo x' });
});
