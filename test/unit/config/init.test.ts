import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfigCascade } from '../../../src/runtime/config/cascade';
import { parseConfigToml } from '../../../src/runtime/config/config-file';
import { DirContext } from '../../../src/runtime/dir-context/dir-context';
import { CONFIG_DEFAULT_TOML, CONFIG_USER_TOML, WORKSPACE_CONFIG_TOML, initBase, initWorkspace } from '../../../src/runtime/init';
import { EXTENSION_VERSION } from '../../../src/runtime/version';
import { coreDocFiles } from '../../../src/runtime/init/assets/core-doc';
import { tempDir } from '../../support/temp-dir';

function freshHome(): string {
  return tempDir('aip-fresh-home-');
}
const rel = (base: string, files: string[]) => files.map((f) => path.relative(base, f)).sort();
const read = (p: string) => fs.readFileSync(p, 'utf8');

const ALL_BASE_FILES = [
  ...Object.keys(coreDocFiles()),
  'config-default.toml',
  'config-user.toml',
  'pack/custom/my/sample/lua/my-utils.lua',
  'pack/custom/my/sample/main.aip',
  'pack/installed/demo/proof/lua/prompt_utils.lua',
  'pack/installed/demo/proof/lua/prompt_values.lua',
  'pack/installed/demo/proof/main.aip',
  'version.txt',
].sort();

test('embedded configs parse: default model + input_concurrency 2 + aliases; templates set nothing (§4.2, §5.9)', () => {
  const d = parseConfigToml(CONFIG_DEFAULT_TOML, 'config-default.toml');
  assert.equal(d.model, 'gpt-5.6-luna');
  assert.equal(d.input_concurrency, 2);
  assert.ok(Object.keys(d.model_aliases ?? {}).length >= 40);
  assert.equal(d.model_aliases?.glm, 'zai::glm-5.2');
  assert.equal(d.model_aliases?.['f-kimi'], 'fireworks::kimi-k3');
  assert.deepEqual(parseConfigToml(CONFIG_USER_TOML, 'u'), { model_aliases: {} });
  assert.deepEqual(parseConfigToml(WORKSPACE_CONFIG_TOML, 'w'), { model_aliases: {} });
});

test('initBase on a fresh HOME creates the base dir and every file; the cascade then loads', async () => {
  const home = freshHome();
  const base = path.join(home, '.aipack-base');
  const logs: string[] = [];
  const written = await initBase(base, { log: (m) => logs.push(m) });
  assert.deepEqual(rel(base, written), ALL_BASE_FILES);
  assert.equal(read(path.join(base, 'version.txt')).split('\n')[0], EXTENSION_VERSION);
  assert.equal(read(path.join(base, 'config-default.toml')), CONFIG_DEFAULT_TOML);
  assert.ok(logs[0].startsWith('=== Initializing ~/.aipack-base at'));

  const saved = process.env.AIPACK_BASE_DIR;
  delete process.env.AIPACK_BASE_DIR;
  try {
    const homeCtx = DirContext.fromOptions({ cwd: home, homeDir: home });
    assert.equal(homeCtx.baseDir, base);
    const merged = await loadConfigCascade(homeCtx);
    assert.equal(merged.model, 'gpt-5.6-luna');
    assert.equal(merged.input_concurrency, 2);
  } finally {
    if (saved !== undefined) process.env.AIPACK_BASE_DIR = saved;
  }
});

test('initBase again with the same version writes nothing', async () => {
  const base = path.join(freshHome(), '.aipack-base');
  await initBase(base);
  assert.deepEqual(await initBase(base), []);
});

test('initBase never overwrites config-user.toml, even on version change or force', async () => {
  const base = path.join(freshHome(), '.aipack-base');
  await initBase(base, { version: '0.0.1' });
  fs.writeFileSync(path.join(base, 'config-user.toml'), '[options]\nmodel = "mine"\n');
  const w1 = await initBase(base, { version: '0.0.2' });
  const w2 = await initBase(base, { version: '0.0.2', force: true });
  assert.equal(read(path.join(base, 'config-user.toml')), '[options]\nmodel = "mine"\n');
  assert.ok(!w1.concat(w2).some((f) => f.endsWith('config-user.toml')));
});

test('initBase: config-default.toml is rewritten on version change and on force, recreated when missing', async () => {
  const base = path.join(freshHome(), '.aipack-base');
  const def = path.join(base, 'config-default.toml');
  await initBase(base, { version: '1.0.0' });
  fs.writeFileSync(def, '# edited\n');
  await initBase(base, { version: '1.0.0' });
  assert.equal(read(def), '# edited\n', 'same version: left alone');
  await initBase(base, { version: '1.0.1' });
  assert.equal(read(def), CONFIG_DEFAULT_TOML);
  assert.equal(read(path.join(base, 'version.txt')).split('\n')[0], '1.0.1');
  fs.writeFileSync(def, '# edited\n');
  await initBase(base, { version: '1.0.1', force: true });
  assert.equal(read(def), CONFIG_DEFAULT_TOML);
  fs.rmSync(def);
  assert.deepEqual(rel(base, await initBase(base, { version: '1.0.1' })), ['config-default.toml']);
});

test('initBase: built-in installed packs are replaced only when their content differs (on refresh)', async () => {
  const base = path.join(freshHome(), '.aipack-base');
  const proof = path.join(base, 'pack/installed/demo/proof');
  await initBase(base, { version: '1.0.0' });
  // In sync → untouched on refresh.
  const w = await initBase(base, { version: '1.0.1' });
  assert.ok(!w.some((f) => f.startsWith(proof)));
  // An edited file and an extra file → the whole pack is replaced.
  fs.writeFileSync(path.join(proof, 'main.aip'), '# edited\n');
  fs.writeFileSync(path.join(proof, 'extra.txt'), 'x');
  const removed: string[] = [];
  const w2 = await initBase(base, {
    version: '1.0.2',
    removeDir: async (p) => {
      removed.push(p);
      fs.rmSync(p, { recursive: true });
    },
  });
  assert.deepEqual(removed, [proof]);
  assert.ok(w2.includes(path.join(proof, 'main.aip')));
  assert.equal(fs.existsSync(path.join(proof, 'extra.txt')), false);
  assert.notEqual(read(path.join(proof, 'main.aip')), '# edited\n');
});

test('initBase: sample custom pack created when missing, overwritten only on refresh (§5.9)', async () => {
  const base = path.join(freshHome(), '.aipack-base');
  const sample = path.join(base, 'pack/custom/my/sample/main.aip');
  await initBase(base, { version: '1.0.0' });
  fs.writeFileSync(sample, '# mine\n');
  await initBase(base, { version: '1.0.0' });
  assert.equal(read(sample), '# mine\n');
  fs.rmSync(path.join(base, 'pack/custom/my/sample/lua/my-utils.lua'));
  assert.deepEqual(rel(base, await initBase(base, { version: '1.0.0' })), ['pack/custom/my/sample/lua/my-utils.lua']);
  await initBase(base, { version: '1.0.0', force: true });
  assert.notEqual(read(sample), '# mine\n');
});

test('initBase: legacy folders removed and legacy config.toml renamed on refresh (§4.1, §5.9)', async () => {
  const base = path.join(freshHome(), '.aipack-base');
  for (const d of ['doc', 'pack/installed/core/ask-aipack', 'pack/installed/demo/craft']) {
    fs.mkdirSync(path.join(base, d), { recursive: true });
    fs.writeFileSync(path.join(base, d, 'f.md'), 'old');
  }
  fs.writeFileSync(path.join(base, 'config.toml'), '[options]\nmodel = "legacy"\n');
  await initBase(base);
  for (const d of ['doc', 'pack/installed/core/ask-aipack', 'pack/installed/demo/craft']) {
    assert.equal(fs.existsSync(path.join(base, d)), false, d);
  }
  assert.equal(fs.existsSync(path.join(base, 'config.toml')), false);
  assert.equal(read(path.join(base, 'config-deprecated.toml')), '[options]\nmodel = "legacy"\n');
});

test('initWorkspace: creates .aipack/config.toml once, never overwrites it', async () => {
  const wks = freshHome();
  const cfg = path.join(wks, '.aipack/config.toml');
  assert.deepEqual(await initWorkspace(wks), [cfg]);
  assert.equal(read(cfg), WORKSPACE_CONFIG_TOML);
  assert.deepEqual(fs.readdirSync(path.join(wks, '.aipack')), ['config.toml'], 'pack/support/.session appear on demand');
  fs.writeFileSync(cfg, '[options]\nmodel = "wks"\n');
  assert.deepEqual(await initWorkspace(wks), []);
  assert.equal(read(cfg), '[options]\nmodel = "wks"\n');
});

test('initWorkspace: a missing directory or a file is a clear error', async () => {
  const parent = freshHome();
  const missing = path.join(parent, 'nope');
  await assert.rejects(initWorkspace(missing), { message: `Cannot initialize workspace: directory '${missing}' does not exist` });
  const file = path.join(parent, 'f.txt');
  fs.writeFileSync(file, '');
  await assert.rejects(initWorkspace(file), { message: `Cannot initialize workspace: '${file}' is not a directory` });
});
