import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DirContext } from '../../src/runtime/dir-context/dir-context';
import { AipError } from '../../src/runtime/errors';
import { initBase, initWorkspace } from '../../src/runtime/init';
import { loadAgent, loadAgentFromText } from '../../src/runtime/load-agent';
import { tempDir } from '../support/temp-dir';

const FIX = path.resolve(__dirname, '../fixtures');
const BASE = path.join(FIX, 'packs/base-01');
const SANDBOX = path.join(FIX, 'workspaces/sandbox-01');
const AGENTS = path.join(SANDBOX, 'sub-dir/agents');

function tmp(prefix: string): string {
  return tempDir(prefix);
}
function sandbox(): DirContext {
  return DirContext.fromOptions({ cwd: path.join(SANDBOX, 'sub-dir'), homeDir: tmp('aip-home-'), baseDir: BASE, workspaceDir: SANDBOX });
}

test('loadAgent: local agent — cascade under # Options, alias + reasoning suffix resolved (§4.1, §4.4)', async () => {
  const agent = await loadAgent(sandbox(), 'agents/local-agent');
  assert.equal(agent.name, 'agents/local-agent');
  assert.deepEqual(agent.agentRef, { kind: 'LocalPath', path: 'agents/local-agent' });
  assert.equal(agent.filePath, path.join(AGENTS, 'local-agent.aip'));
  assert.equal(agent.model, 'flash-low');
  assert.equal(agent.modelResolved, 'wks-flash-low', 'workspace alias + kept suffix');
  assert.equal(agent.options.temperature, 0.9, '# Options over the workspace config');
  assert.equal(agent.options.input_concurrency, 2, 'from config-default.toml');
  assert.deepEqual(agent.requireRoots, [AGENTS]);
  assert.equal(agent.promptParts[0].content, '\nLocal agent\n');
});

test('loadAgent: run overrides (sub-agent options) sit above # Options (§4.1 layer 5)', async () => {
  const agent = await loadAgent(sandbox(), 'agents/local-agent', { model: 'mini', temperature: 0.1, model_aliases: { mini: 'override-mini' } });
  assert.equal(agent.model, 'mini');
  assert.equal(agent.modelResolved, 'override-mini');
  assert.equal(agent.options.temperature, 0.1);
  assert.equal(agent.options.model_aliases?.flash, 'wks-flash', 'other aliases kept');
});

test('loadAgent: pack agent gets the pack ref, the config model and both require roots (§1.6, §5.6)', async () => {
  const agent = await loadAgent(sandbox(), 'ns_a@pack_a_1/sub/agent');
  const packDir = path.join(SANDBOX, '.aipack/pack/custom/ns_a/pack_a_1');
  assert.equal(agent.model, 'wks-model');
  assert.equal(agent.modelResolved, 'wks-model');
  assert.deepEqual(agent.agentRef, { kind: 'PackRef', namespace: 'ns_a', name: 'pack_a_1', subPath: 'sub/agent', packDir, repoKind: 'WorkspaceCustom' });
  assert.deepEqual(agent.requireRoots, [path.join(packDir, 'sub'), packDir]);
});

test('loadAgent: relative name from a sub-agent resolves against the caller dir (baseDir)', async () => {
  const agent = await loadAgent(sandbox(), 'local-agent.aip', undefined, { baseDir: AGENTS });
  assert.equal(agent.filePath, path.join(AGENTS, 'local-agent.aip'));
});

test('loadAgent: no model after all merges → "Model is missing for agent path: …"', async () => {
  const base = tmp('aip-base-');
  fs.writeFileSync(path.join(base, 'config-default.toml'), '[options]\ninput_concurrency = 2\n');
  const ctx = DirContext.fromOptions({ cwd: base, homeDir: base, baseDir: base });
  const file = path.join(base, 'no-model.aip');
  await assert.rejects(loadAgentFromText({ dirCtx: ctx, text: '# Instruction\nhi\n', filePath: file }), {
    message: `Model is missing for agent path: ${file}`,
  });
});

test('loadAgent: bad input gets the loader\'s located errors', async () => {
  const ctx = sandbox();
  await assert.rejects(loadAgent(ctx, 'agents/broken-options'), (err: unknown) => {
    assert.ok(err instanceof AipError);
    assert.equal(err.message, `# Options (${path.join(AGENTS, 'broken-options.aip')}:5): option 'temperature' must be a number, got string "hot"`);
    return true;
  });
  await assert.rejects(loadAgent(ctx, 'agents/unclosed'), (err: unknown) => {
    assert.ok(err instanceof AipError);
    assert.ok(err.message.startsWith(`${path.join(AGENTS, 'unclosed.aip')}:3: `), err.message);
    return true;
  });
  await assert.rejects(loadAgent(ctx, 'agents/none'), {
    message: `No agent found for local path: 'agents/none'\n   (full path: ${path.join(AGENTS, 'none')})`,
  });
  await assert.rejects(loadAgent(ctx, 'zz@none'), /^Error: No aipack matches for zz@none\.\nLooked in:/);
});

test('loadAgent: configs are re-read on every load (edits apply on the next run)', async () => {
  const base = tmp('aip-base-');
  const def = path.join(base, 'config-default.toml');
  fs.writeFileSync(def, '[options]\nmodel = "one"\n');
  const ctx = DirContext.fromOptions({ cwd: base, homeDir: base, baseDir: base });
  const text = '# Instruction\nhi\n';
  assert.equal((await loadAgentFromText({ dirCtx: ctx, text, filePath: '/x/a.aip' })).model, 'one');
  fs.writeFileSync(def, '[options]\nmodel = "two"\n');
  assert.equal((await loadAgentFromText({ dirCtx: ctx, text, filePath: '/x/a.aip' })).model, 'two');
  const noCfg = loadAgentFromText({ text, filePath: '/x/a.aip' });
  await assert.rejects(noCfg, { message: 'loadAgentFromText needs either configOptions or a dirCtx' });
  assert.equal((await loadAgentFromText({ text, filePath: '/x/a.aip', configOptions: { model: 'm' } })).name, '/x/a.aip');
});

test('fresh HOME: initBase + initWorkspace, then the built-in agents load', async () => {
  const home = tmp('aip-fresh-');
  const wks = path.join(home, 'project');
  fs.mkdirSync(wks);
  const ctx = DirContext.fromOptions({ cwd: wks, homeDir: home, baseDir: path.join(home, '.aipack-base'), workspaceDiscovery: 'cwd' });
  await initBase(ctx.baseDir);
  await initWorkspace(ctx.workspaceDir!);
  const sample = await loadAgent(ctx, 'my@sample');
  assert.equal(sample.model, 'gpt-5.6-luna');
  assert.equal(sample.agentRef.kind === 'PackRef' && sample.agentRef.repoKind, 'BaseCustom');
  assert.ok(sample.dataScript?.code.includes('require("my-utils")'));
  const proof = await loadAgent(ctx, 'demo@proof');
  assert.equal(proof.agentRef.kind === 'PackRef' && proof.agentRef.repoKind, 'BaseInstalled');
  assert.deepEqual(proof.promptParts.map((p) => p.kind), ['System', 'Instruction']);
  assert.ok(proof.hasTaskStages);
});

test('loadAgent: the .aip is re-read from disk on every load (§5.5: edits apply on redo)', async () => {
  const dir = tmp('aip-agent-');
  fs.writeFileSync(path.join(dir, 'config-default.toml'), '[options]\nmodel = "m"\n');
  const ctx = DirContext.fromOptions({ cwd: dir, homeDir: dir, baseDir: dir });
  const file = path.join(dir, 'a.aip');
  fs.writeFileSync(file, '# Instruction\nfirst\n');
  assert.equal((await loadAgent(ctx, 'a')).promptParts[0].content, 'first\n');
  fs.writeFileSync(file, '# Instruction\nsecond\n');
  assert.equal((await loadAgent(ctx, 'a')).promptParts[0].content, 'second\n');
});
