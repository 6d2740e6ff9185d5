/**
 * The aipack identity agents see (§3): `CTX.AIPACK_VERSION` is the aipack release we
 * implement, never the extension's version, and the version gates public packs put in
 * their Before All pass with it.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pkg from '../../../package.json';
import { AIPACK_VERSION, EXTENSION_VERSION, versionLine } from '../../../src/runtime/version';
import { main } from '../../../src/cli/main';
import { sandbox, type Sandbox } from '../../support/run-harness';

let sb: Sandbox;
before(async () => {
  sb = await sandbox();
});
after(async () => {
  await sb.close();
});

test('one constant names the aipack version; the extension version stays separate', () => {
  assert.equal(AIPACK_VERSION, '0.8.34');
  assert.equal(EXTENSION_VERSION, pkg.version);
  assert.equal(versionLine(), `aip 0.8.34 (${pkg.name} ${pkg.version})`);
});

test('aip --version prints both versions on one line', async () => {
  let out = '';
  const io = {
    cwd: sb.wks,
    env: { HOME: sb.home },
    stdout: { write: (s: string) => ((out += s), true) },
    stderr: { write: () => true },
    tty: false,
    onSigint: () => {},
    offSigint: () => {},
  };
  assert.equal(await main(['--version'], io), 0);
  assert.equal(out, `aip 0.8.34 (aipack-vscode ${pkg.version})\n`);
});

test('CTX.AIPACK_VERSION passes the version gates real packs use, in every stage', async () => {
  // The gate forms found in public packs: strict ">" against 0.8.x, ">=" against 0.7.x.
  const gates = [
    ['>', '0.8.10'],
    ['>', '0.8.14'],
    ['>=', '0.7.18'],
    ['>=', '0.8.34'],
  ];
  const checks = gates.map(([op, v]) => `aip.semver.compare(CTX.AIPACK_VERSION, "${op}", "${v}")`).join(', ');
  const stage = (name: string, ret: string) => `# ${name}\n\`\`\`lua\n${ret}\n\`\`\`\n`;
  sb.write(
    'agents/gate.aip',
    [
      stage('Before All', `return aip.flow.before_all_response({ before_all = { CTX.AIPACK_VERSION, ${checks} } })`),
      stage('Data', `return { CTX.AIPACK_VERSION, ${checks} }`),
      stage('Output', `return { data = data, later = aip.semver.compare(CTX.AIPACK_VERSION, "<", "0.9.0") }`),
      stage('After All', 'return { before_all = before_all, output = outputs[1] }'),
    ].join('\n'),
  );
  const res = await sb.run('agents/gate.aip', ['x']);
  assert.equal(res.endState, 'Ok', res.error?.message);
  const expected = ['0.8.34', true, true, true, true];
  assert.deepEqual(res.afterAll, { before_all: expected, output: { data: expected, later: true } });
});

test('a pack gate written like pro@coder does not skip the run', async () => {
  sb.write(
    'agents/gated.aip',
    [
      '# Before All',
      '```lua',
      'if not aip.semver.compare(CTX.AIPACK_VERSION, ">", "0.8.10") then',
      '  return aip.flow.skip("needs a newer aipack, found " .. CTX.AIPACK_VERSION)',
      'end',
      'return "passed"',
      '```',
      '# After All',
      '```lua',
      'return before_all',
      '```',
      '',
    ].join('\n'),
  );
  const res = await sb.run('agents/gated.aip');
  assert.equal(res.endState, 'Ok', res.error?.message);
  assert.equal(res.afterAll, 'passed');
});
