import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run, runErr } from './helpers';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aip-lua-require-'));
const agentDir = path.join(root, 'agent');
const packDir = path.join(root, 'pack');
function write(rel: string, text: string) {
  const p = path.join(root, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
}
write('agent/lua/helper.lua', `
local M = {}
function M.fetch(v)
  local ok, res = pcall(function() return aip.test.later(v) end)
  return ok, res
end
function M.fail(msg)
  local ok, err = pcall(aip.test.reject, msg)
  return err
end
function M.scope() return { type(aip), type(CTX), CTX and CTX.STAGE, null ~= nil, type(input) } end
M.loaded_with = aip.test.later("loader async")
return M
`);
write('agent/lua/both.lua', 'return "agent"');
write('pack/lua/both.lua', 'return "pack"');
write('pack/lua/shared/init.lua', 'return { name = "shared/init" }');
write('agent/lua/broken.lua', 'local x = = 1');
write('agent/lua/boom.lua', 'local M = {}\nfunction M.go()\n  error("inside module")\nend\nreturn M');
after(() => fs.rmSync(root, { recursive: true, force: true }));

const roots = [agentDir, packDir];

test('async host call inside pcall inside a required module, and in the module loader', async () => {
  const r = await run('local h = require("helper"); local ok, v = h.fetch("deep"); return { ok, v, h.loaded_with, h.fail("gone") }', {
    requireRoots: roots,
  });
  assert.deepEqual(r, [true, 'deep', 'loader async', 'gone']);
});

test('required modules see aip, CTX and null but not the stage variables', async () => {
  const r = await run('return require("helper").scope()', { requireRoots: roots, globals: { CTX: { STAGE: 'Data' }, input: 'x' } });
  assert.deepEqual(r, ['table', 'table', 'Data', true, 'nil']);
});

test('agent dir comes before the pack dir; init.lua is found', async () => {
  assert.deepEqual(await run('return { require("both"), require("shared").name }', { requireRoots: roots }), ['agent', 'shared/init']);
  assert.equal(await run('return require("both")', { requireRoots: [packDir] }), 'pack');
});

test('a missing module lists the paths tried', async () => {
  const e = await runErr('local m = require("nothere")', { requireRoots: roots, chunkName: 'main.aip' });
  const msg = e.message;
  assert.ok(msg.startsWith("main.aip:1: module 'nothere' not found:"), msg);
  for (const p of [
    `${agentDir}/lua/nothere.lua`,
    `${agentDir}/lua/nothere/init.lua`,
    `${packDir}/lua/nothere.lua`,
    `${packDir}/lua/nothere/init.lua`,
  ]) {
    assert.ok(msg.includes(`no file '${p}'`), `missing ${p} in ${msg}`);
  }
  assert.ok(msg.indexOf(agentDir) < msg.indexOf(packDir));
  assert.equal(e.location && (e.location as { line: number }).line, 1);
});

test('errors in a module name the module file, with the stage line in the location', async () => {
  const e = await runErr('\nlocal m = require("broken")', { requireRoots: roots, chunkName: 'main.aip' });
  assert.match(e.message, /broken\.lua:1: .*near '='/);
  const e2 = await runErr('local m = require("boom")\nm.go()', { requireRoots: roots, chunkName: 'main.aip' });
  // Lua shortens a long chunk name to `...<its end>` (LUA_IDSIZE), as aipack's Lua does: a long temp path shows so.
  const m = /^(.*):3: inside module$/.exec(e2.message);
  assert.ok(m, e2.message);
  assert.ok(`${agentDir}/lua/boom.lua`.endsWith(m[1].replace(/^\.\.\./, '')), e2.message);
  assert.ok(m[1].endsWith('/lua/boom.lua'), e2.message);
  assert.equal((e2.location as { line: number }).line, 2);
});

test('modules are loaded fresh for every stage', async () => {
  const code = 'local h = require("helper"); h.count = (h.count or 0) + 1; return h.count';
  assert.equal(await run(code, { requireRoots: roots }), 1);
  assert.equal(await run(code, { requireRoots: roots }), 1);
});
