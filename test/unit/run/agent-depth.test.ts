/** Sub-agent depth is limited ([limits] agent_max_depth, default 32) with an error naming the chain (issue 22). */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { DEFAULT_AGENT_MAX_DEPTH } from '../../../src/runtime/config/limits';
import { RunBmc } from '../../../src/runtime/model/run';
import { describeChain } from '../../../src/runtime/run/pipeline';
import { sandbox, type Sandbox } from '../../support/run-harness';

const lua = (code: string) => '```lua\n' + code + '\n```\n';

let sb: Sandbox;
before(async () => {
  sb = await sandbox();
  sb.write('deep/self.aip', '# Before All\n' + lua('aip.agent.run("self.aip")\nreturn nil'));
  sb.write('deep/top.aip', '# Before All\n' + lua('aip.agent.run("self.aip")\nreturn nil'));
});
after(async () => {
  await sb.close();
});

function setDepth(n: number | undefined) {
  const cfg = path.join(sb.wks, '.aipack/config.toml');
  const text = fs.readFileSync(cfg, 'utf8').replace(/\n\[limits\][^[]*$/, '');
  fs.writeFileSync(cfg, n === undefined ? text : `${text}\n[limits]\nagent_max_depth = ${n}\n`);
}

test('a self-calling agent stops at the configured depth: top + N runs, the error names the chain', async () => {
  setDepth(3);
  const before = RunBmc.list(sb.rt.mm).length;
  const res = await sb.run('deep/top.aip');
  assert.equal(res.endState, 'Err');
  const msg = res.error?.message ?? '';
  assert.match(msg, /sub-agent depth limit of 3 reached starting 'self\.aip'; chain \(top-level first\): 'deep\/top\.aip' → 'self\.aip' \(×3\)/);
  assert.match(msg, /agent_max_depth/);
  assert.equal(RunBmc.list(sb.rt.mm).length - before, 4, 'top-level run and 3 nested sub-agent runs');
});

test('the default depth limit applies without config (32 nested runs)', async () => {
  setDepth(undefined);
  const before = RunBmc.list(sb.rt.mm).length;
  const res = await sb.run('deep/self.aip');
  assert.equal(res.endState, 'Err');
  assert.match(res.error?.message ?? '', new RegExp(`depth limit of ${DEFAULT_AGENT_MAX_DEPTH} reached.*'deep/self\\.aip' → 'self\\.aip' \\(×${DEFAULT_AGENT_MAX_DEPTH}\\)`));
  assert.equal(RunBmc.list(sb.rt.mm).length - before, DEFAULT_AGENT_MAX_DEPTH + 1);
});

test('depth 0 forbids sub-agents; describeChain folds repeats only when adjacent', async () => {
  setDepth(0);
  const res = await sb.run('deep/top.aip');
  assert.match(res.error?.message ?? '', /depth limit of 0 reached starting 'self\.aip'; chain \(top-level first\): 'deep\/top\.aip' \(set/);
  setDepth(undefined);
  assert.equal(describeChain(['a', 'b', 'b', 'a']), "'a' → 'b' (×2) → 'a'");
  assert.equal(describeChain(['x']), "'x'");
});
