// aip.cmd.exec through the Lua engine: cwd resolution and cancelling the run kills the child.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isCancelledError } from '../../../src/runtime/script/lua-engine';
import { luaAll } from './lua-all-env';
import { makeWorkspace } from './file-env';
import { processAlive as alive } from '../../support/process-alive';

const unix = process.platform !== 'win32';
const node = JSON.stringify(process.execPath);

test('cmd.exec: cwd is workspace-relative; args list is argv as given', { skip: !unix }, async () => {
  const ws = makeWorkspace();
  try {
    ws.write('sub/marker.txt', 'm');
    const r = (await luaAll(
      `local res = aip.cmd.exec(${node}, { "-e", "process.stdout.write(process.cwd() + '|' + require('fs').existsSync('marker.txt'))" }, { cwd = "sub" })
       return { res.stdout, res.exit, res.stderr }`,
      ws,
    )) as [string, number, string];
    assert.deepEqual(r, [`${join(ws.wks, 'sub')}|true`, 0, '']);
    const bad = (await luaAll(`local ok, e = pcall(aip.cmd.exec, ${node}, { 1 }) return tostring(e)`, ws)) as string;
    assert.equal(bad, "aip.cmd.exec - expected <string | string[]> for parameter 'args' but got table");
  } finally {
    ws.cleanup();
  }
});

test('cmd.exec: cancelling the run stops the script and kills the child process', { skip: !unix }, async () => {
  const ws = makeWorkspace();
  try {
    const pidFile = join(ws.wks, 'pid.txt');
    const ctrl = new AbortController();
    const script = `require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setTimeout(() => {}, 60000)`;
    const started = Date.now();
    const pending = luaAll(`aip.cmd.exec(${node}, { "-e", ${JSON.stringify(script)} }) return "finished"`, ws, { signal: ctrl.signal });
    // Wait for the child to be up, then cancel.
    while (!existsSync(pidFile) && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 20));
    const pid = Number(readFileSync(pidFile, 'utf8'));
    assert.ok(alive(pid));
    ctrl.abort();
    await assert.rejects(pending, (e: unknown) => isCancelledError(e));
    const deadline = Date.now() + 5000;
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(alive(pid), false);
    assert.ok(Date.now() - started < 20_000);
  } finally {
    ws.cleanup();
  }
});
