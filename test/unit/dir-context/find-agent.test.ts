import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DirContext } from '../../../src/runtime/dir-context/dir-context';
import { findAgent, listAgents, possibleAipPaths } from '../../../src/runtime/dir-context/find-agent';
import { lookupPackDirs } from '../../../src/runtime/dir-context/pack-dirs';
import { BASE, SANDBOX, SANDBOX_AIPACK, sandboxCtx, tmpDir } from './helpers';

const WKS_A1 = path.join(SANDBOX_AIPACK, 'pack/custom/ns_a/pack_a_1');

test('possibleAipPaths: .aip exact; trailing / → main.aip; else x.aip then x/main.aip (§5.5)', () => {
  assert.deepEqual(possibleAipPaths('/p/a.aip'), ['/p/a.aip']);
  assert.deepEqual(possibleAipPaths('/p/a/'), ['/p/a/main.aip']);
  assert.deepEqual(possibleAipPaths('/p/a'), ['/p/a.aip', '/p/a/main.aip']);
});

test('findAgent: pack ref without sub path → <pack>/main.aip with a PackRef agent ref', async () => {
  const found = await findAgent(sandboxCtx(), 'ns_a@pack_a_1');
  assert.deepEqual(found, {
    name: 'ns_a@pack_a_1',
    filePath: path.join(WKS_A1, 'main.aip'),
    agentRef: { kind: 'PackRef', namespace: 'ns_a', name: 'pack_a_1', subPath: undefined, packDir: WKS_A1, repoKind: 'WorkspaceCustom' },
  });
});

test('findAgent: pack sub paths: x.aip exact, x/ → x/main.aip, x → x.aip before x/main.aip', async () => {
  const ctx = sandboxCtx();
  assert.equal((await findAgent(ctx, 'ns_a@pack_a_1/sub/agent.aip')).filePath, path.join(WKS_A1, 'sub/agent.aip'));
  assert.equal((await findAgent(ctx, 'ns_a@pack_a_1/sub/agent')).filePath, path.join(WKS_A1, 'sub/agent.aip'));
  assert.equal((await findAgent(ctx, 'ns_a@pack_a_1/sub/')).filePath, path.join(WKS_A1, 'sub/main.aip'));
  assert.equal((await findAgent(ctx, 'ns_a@pack_a_1/sub')).filePath, path.join(WKS_A1, 'sub/main.aip'));
  const a2 = await findAgent(ctx, 'ns_a@pack_a_2/another-agent');
  assert.equal(a2.filePath, path.join(SANDBOX_AIPACK, 'pack/custom/ns_a/pack_a_2/another-agent.aip'));
  assert.equal(a2.agentRef.kind === 'PackRef' && a2.agentRef.subPath, 'another-agent');
});

test('findAgent: repo precedence — workspace custom, then base custom, then base installed (§5.3)', async () => {
  const ctx = sandboxCtx();
  const b1 = await findAgent(ctx, 'ns_b@pack_b_1');
  assert.equal(b1.filePath, path.join(SANDBOX_AIPACK, 'pack/custom/ns_b/pack_b_1/main.aip'));
  const b2 = await findAgent(ctx, 'ns_b@pack_b_2');
  assert.equal(b2.filePath, path.join(BASE, 'pack/custom/ns_b/pack_b_2/main.aip'));
  assert.equal(b2.agentRef.kind === 'PackRef' && b2.agentRef.repoKind, 'BaseCustom');
  const d1 = await findAgent(ctx, 'ns_d@pack_d_1');
  assert.equal(d1.agentRef.kind === 'PackRef' && d1.agentRef.repoKind, 'BaseInstalled');
});

test('findAgent: unknown pack → message lists every place it looked', async () => {
  const ctx = sandboxCtx();
  await assert.rejects(findAgent(ctx, 'ns_z@nope/sub'), {
    message: [
      'No aipack matches for ns_z@nope.',
      'Looked in:',
      `  - ${path.join(SANDBOX_AIPACK, 'pack/custom/ns_z/nope')} (workspace custom - .aipack/pack/custom)`,
      `  - ${path.join(BASE, 'pack/custom/ns_z/nope')} (base custom - ~/.aipack-base/pack/custom)`,
      `  - ${path.join(BASE, 'pack/installed/ns_z/nope')} (base installed - ~/.aipack-base/pack/installed)`,
    ].join('\n'),
  });
});

test('findAgent: pack found but no agent file → message with the ref and the tried paths', async () => {
  await assert.rejects(findAgent(sandboxCtx(), 'ns_a@pack_a_2'), {
    message: `No agent files matches for ns_a@pack_a_2\n   (tried: ${path.join(SANDBOX_AIPACK, 'pack/custom/ns_a/pack_a_2/main.aip')})`,
  });
  await assert.rejects(findAgent(sandboxCtx(), 'ns_a@pack_a_1/nope'), {
    message: `No agent files matches for ns_a@pack_a_1/nope\n   (tried: ${path.join(WKS_A1, 'nope.aip')}, ${path.join(WKS_A1, 'nope/main.aip')})`,
  });
});

test('findAgent: malformed ref and ⚠ empty namespace (`@proof`) are rejected (§12.5 #6)', async () => {
  await assert.rejects(findAgent(sandboxCtx(), '@proof'), {
    message: "Invalid pack reference format: '@proof'. Namespace cannot be empty when '@' is present.",
  });
  await assert.rejects(findAgent(sandboxCtx(), 'a@b@c'), { message: "Invalid pack reference format: 'a@b@c'. Too many '@' symbols." });
});

test('findAgent: local path relative to cwd, absolute, ~, or base dir (sub-agents)', async () => {
  const ctx = sandboxCtx();
  const local = path.join(SANDBOX, 'sub-dir/agents/local-agent.aip');
  const byRel = await findAgent(ctx, 'agents/local-agent');
  assert.deepEqual(byRel, { name: 'agents/local-agent', filePath: local, agentRef: { kind: 'LocalPath', path: 'agents/local-agent' } });
  assert.equal((await findAgent(ctx, 'agents/local-agent.aip')).filePath, local);
  assert.equal((await findAgent(ctx, local)).filePath, local);
  assert.equal((await findAgent(ctx, 'local-agent', { baseDir: path.join(SANDBOX, 'sub-dir/agents') })).filePath, local);

  fs.mkdirSync(path.join(ctx.homeDir, 'my-agents/tool'), { recursive: true });
  fs.writeFileSync(path.join(ctx.homeDir, 'my-agents/tool/main.aip'), '# Instruction\nhi\n');
  assert.equal((await findAgent(ctx, '~/my-agents/tool')).filePath, path.join(ctx.homeDir, 'my-agents/tool/main.aip'));
  assert.equal((await findAgent(ctx, '~/my-agents/tool/')).filePath, path.join(ctx.homeDir, 'my-agents/tool/main.aip'));
});

test('findAgent: missing local file → message with the name and the full path', async () => {
  const ctx = sandboxCtx();
  await assert.rejects(findAgent(ctx, 'agents/missing'), {
    message: `No agent found for local path: 'agents/missing'\n   (full path: ${path.join(SANDBOX, 'sub-dir/agents/missing')})`,
  });
  await assert.rejects(findAgent(ctx, 'x.aip', { baseDir: '/nowhere' }), {
    message: "No agent found for local path: 'x.aip'\n   (full path: /nowhere/x.aip)",
  });
});

test('findAgent: a name with @ is always a pack ref, even when it starts with "." (as the code does)', async () => {
  await assert.rejects(findAgent(sandboxCtx(), './a@b.aip'), /Pack namespace '\.\/a' is not valid/);
});

test('lookupPackDirs: all, by namespace, by name, exact ns@name takes the first only', () => {
  const ctx = sandboxCtx();
  const show = (ns?: string, n?: string) =>
    lookupPackDirs(ctx, ns, n).map((p) => `${p.namespace}@${p.name} ${p.repoKind}`);
  assert.deepEqual(show(), [
    'ns_a@pack_a_1 WorkspaceCustom',
    'ns_a@pack_a_2 WorkspaceCustom',
    'ns_b@pack_b_1 WorkspaceCustom',
    'ns_b@pack_b_1 BaseCustom',
    'ns_b@pack_b_2 BaseCustom',
    'ns_b@pack_b_2 BaseInstalled',
    'ns_d@pack_d_1 BaseInstalled',
  ]);
  assert.deepEqual(show('ns_b'), ['ns_b@pack_b_1 WorkspaceCustom', 'ns_b@pack_b_1 BaseCustom', 'ns_b@pack_b_2 BaseCustom', 'ns_b@pack_b_2 BaseInstalled']);
  assert.deepEqual(show(undefined, 'pack_b_1'), ['ns_b@pack_b_1 WorkspaceCustom', 'ns_b@pack_b_1 BaseCustom']);
  assert.deepEqual(show('ns_b', 'pack_b_2'), ['ns_b@pack_b_2 BaseCustom']);
  assert.deepEqual(show('ns_q'), []);
});

test('listAgents: every .aip of the matching packs with the ref that runs it (aip list)', async () => {
  const ctx = sandboxCtx();
  const all = await listAgents(ctx);
  assert.deepEqual(
    all.map((a) => `${a.ref} ${a.repoKind} ${path.relative(path.dirname(path.dirname(SANDBOX)), a.filePath)}`),
    [
      'ns_a@pack_a_1 WorkspaceCustom workspaces/sandbox-01/.aipack/pack/custom/ns_a/pack_a_1/main.aip',
      'ns_a@pack_a_1/sub/agent WorkspaceCustom workspaces/sandbox-01/.aipack/pack/custom/ns_a/pack_a_1/sub/agent.aip',
      'ns_a@pack_a_1/sub WorkspaceCustom workspaces/sandbox-01/.aipack/pack/custom/ns_a/pack_a_1/sub/main.aip',
      'ns_a@pack_a_2/another-agent WorkspaceCustom workspaces/sandbox-01/.aipack/pack/custom/ns_a/pack_a_2/another-agent.aip',
      'ns_b@pack_b_1 WorkspaceCustom workspaces/sandbox-01/.aipack/pack/custom/ns_b/pack_b_1/main.aip',
      'ns_b@pack_b_1 BaseCustom packs/base-01/pack/custom/ns_b/pack_b_1/main.aip',
      'ns_b@pack_b_2 BaseCustom packs/base-01/pack/custom/ns_b/pack_b_2/main.aip',
      'ns_b@pack_b_2 BaseInstalled packs/base-01/pack/installed/ns_b/pack_b_2/main.aip',
      'ns_d@pack_d_1 BaseInstalled packs/base-01/pack/installed/ns_d/pack_d_1/main.aip',
    ],
  );
  // Every listed ref finds an agent file (the first listed for a ref is the one that runs).
  for (const a of all) {
    const found = await findAgent(ctx, a.ref);
    assert.equal(found.filePath, all.find((x) => x.ref === a.ref)!.filePath, a.ref);
  }
  assert.deepEqual((await listAgents(ctx, 'ns_a@')).map((a) => a.ref), ['ns_a@pack_a_1', 'ns_a@pack_a_1/sub/agent', 'ns_a@pack_a_1/sub', 'ns_a@pack_a_2/another-agent']);
  assert.deepEqual((await listAgents(ctx, '@pack_b_2')).map((a) => a.repoKind), ['BaseCustom', 'BaseInstalled']);
  assert.deepEqual((await listAgents(ctx, 'ns_b@pack_b_2')).map((a) => a.repoKind), ['BaseCustom']);
  assert.deepEqual((await listAgents(ctx, 'ns_d')).map((a) => a.ref), ['ns_d@pack_d_1']);
  await assert.rejects(listAgents(ctx, '1bad@'), /Pack namespace '1bad' is not valid/);
});

test('listAgents: no repos at all → empty list', async () => {
  const lonely = tmpDir();
  const ctx = DirContext.fromOptions({ cwd: lonely, homeDir: lonely, baseDir: path.join(lonely, '.aipack-base') });
  assert.deepEqual(await listAgents(ctx), []);
});
