import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfigCascade, loadConfigLayers } from '../../../src/runtime/config/cascade';
import { resolveModel } from '../../../src/runtime/config/options';
import { DirContext } from '../../../src/runtime/dir-context/dir-context';
import { AipError } from '../../../src/runtime/errors';
import { tempDir } from '../../support/temp-dir';

const FIX = path.resolve(__dirname, '../../fixtures');
const BASE = path.join(FIX, 'packs/base-01');
const SANDBOX = path.join(FIX, 'workspaces/sandbox-01');

function tmp(prefix: string): string {
  return tempDir(prefix);
}
function ctx(baseDir: string, workspaceDir?: string): DirContext {
  const home = tmp('aip-home-');
  return DirContext.fromOptions({ cwd: workspaceDir ?? home, homeDir: home, baseDir, workspaceDir });
}

test('cascade: default → user → workspace, later non-null scalar wins, aliases merge per key (§4.1)', async () => {
  const c = ctx(BASE, SANDBOX);
  const layers = await loadConfigLayers(c);
  assert.deepEqual(layers.map((l) => [l.kind, l.path]), [
    ['BaseDefault', path.join(BASE, 'config-default.toml')],
    ['BaseUser', path.join(BASE, 'config-user.toml')],
    ['Workspace', path.join(SANDBOX, '.aipack/config.toml')],
  ]);
  assert.deepEqual(await loadConfigCascade(c), {
    model: 'wks-model', // workspace over user over default
    temperature: 0.3, // only the workspace sets it
    input_concurrency: 2, // only the default sets it: kept
    model_aliases: {
      flash: 'wks-flash', // default value overridden by the workspace
      mini: 'user-mini', // default value overridden by the user file
      'wks-alias': 'wks-target',
    },
  });
});

test('cascade: user and workspace files are optional', async () => {
  const base = tmp('aip-base-');
  fs.writeFileSync(path.join(base, 'config-default.toml'), '[options]\nmodel = "only-default"\n');
  assert.deepEqual(await loadConfigCascade(ctx(base)), { model: 'only-default' });
  const wks = tmp('aip-wks-');
  fs.mkdirSync(path.join(wks, '.aipack'));
  assert.deepEqual(await loadConfigCascade(ctx(base, wks)), { model: 'only-default' }, '.aipack/ without config.toml');
  fs.writeFileSync(path.join(wks, '.aipack/config.toml'), '[options]\ninput_concurrency = 8\n');
  assert.deepEqual(await loadConfigCascade(ctx(base, wks)), { model: 'only-default', input_concurrency: 8 });
});

test('cascade: no default model is hard-coded — it comes from the config files (§4.3, ⚠ §12.5 #13)', async () => {
  const base = tmp('aip-base-');
  fs.writeFileSync(path.join(base, 'config-default.toml'), '[options]\n');
  const merged = await loadConfigCascade(ctx(base));
  assert.equal(merged.model, undefined);
  assert.equal(merged.input_concurrency, undefined, 'the code fallback (1) is applied where concurrency is used, not here');
});

test('cascade: config-default.toml is required; the error names the file and the fix', async () => {
  const base = tmp('aip-base-');
  await assert.rejects(loadConfigCascade(ctx(base)), (err: unknown) => {
    assert.ok(err instanceof AipError);
    assert.equal(
      err.message,
      `Config invalid (config path: ${path.join(base, 'config-default.toml')})\n  reason: file not found. Run 'aip init-base' to create the base configuration.`,
    );
    return true;
  });
});

test('cascade: the legacy base config.toml is ignored (§4.1)', async () => {
  const base = tmp('aip-base-');
  fs.writeFileSync(path.join(base, 'config-default.toml'), '[options]\nmodel = "d"\n');
  fs.writeFileSync(path.join(base, 'config.toml'), '[options]\nmodel = "legacy"\n');
  assert.deepEqual(await loadConfigCascade(ctx(base)), { model: 'd' });
});

test('cascade: an error in any layer names that file', async () => {
  const base = tmp('aip-base-');
  fs.writeFileSync(path.join(base, 'config-default.toml'), '[options]\nmodel = "d"\n');
  fs.writeFileSync(path.join(base, 'config-user.toml'), '[default-options]\nmodel = "u"\n');
  await assert.rejects(loadConfigCascade(ctx(base)), {
    message: `Config invalid (config path: ${path.join(base, 'config-user.toml')})\n  reason: Config [default-options] is invalid. Use [options] (with _ and not -)`,
  });
  fs.writeFileSync(path.join(base, 'config-user.toml'), '');
  const wks = tmp('aip-wks-');
  fs.mkdirSync(path.join(wks, '.aipack'));
  fs.writeFileSync(path.join(wks, '.aipack/config.toml'), '[options]\ntemperature = "warm"\n');
  await assert.rejects(loadConfigCascade(ctx(base, wks)), {
    message: `Config invalid (config path: ${path.join(wks, '.aipack/config.toml')})\n  reason: [options]: option 'temperature' must be a number, got string "warm" (line 2)`,
  });
});

test('cascade: a reasoning suffix is kept through an alias from any layer (§4.4)', async () => {
  const merged = await loadConfigCascade(ctx(BASE, SANDBOX));
  assert.equal(resolveModel('flash-high', merged.model_aliases), 'wks-flash-high');
  assert.equal(resolveModel('mini-low', merged.model_aliases), 'user-mini-low');
  assert.equal(resolveModel('mini-none', merged.model_aliases), 'user-mini-none');
  assert.equal(resolveModel('unknown-low', merged.model_aliases), 'unknown-low');
});
