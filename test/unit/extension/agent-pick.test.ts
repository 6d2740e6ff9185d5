import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type AgentCandidate, MAX_RECENT, agentDisplayName, agentLabel, orderAgents, recordRecent } from '../../../src/extension/agent-pick';

const W = '/w';
const cands: AgentCandidate[] = [
  { ref: 'demo@proof', filePath: '/home/u/.aipack-base/pack/installed/demo/proof/main.aip', source: 'base-pack' },
  { ref: '/w/agents/zeta.aip', filePath: '/w/agents/zeta.aip', source: 'workspace' },
  { ref: '/w/alpha.aip', filePath: '/w/alpha.aip', source: 'workspace' },
  { ref: 'my@tool', filePath: '/w/.aipack/pack/custom/my/tool/main.aip', source: 'workspace-pack' },
  // The same file found by findFiles: the pack ref wins.
  { ref: '/w/.aipack/pack/custom/my/tool/main.aip', filePath: '/w/.aipack/pack/custom/my/tool/main.aip', source: 'workspace' },
];

test('orderAgents: no history → workspace files, workspace packs, base packs, by label; deduped by file', () => {
  const items = orderAgents(cands, W, {});
  assert.deepEqual(
    items.map((i) => [i.label, i.ref, i.description]),
    [
      ['agents/zeta.aip', '/w/agents/zeta.aip', 'workspace'],
      ['alpha.aip', '/w/alpha.aip', 'workspace'],
      ['my@tool', 'my@tool', 'workspace pack'],
      ['demo@proof', 'demo@proof', 'base pack'],
    ],
  );
});

test('orderAgents: recently run first, newest first', () => {
  const items = orderAgents(cands, W, { 'demo@proof': 100, '/w/alpha.aip': 200 });
  assert.deepEqual(
    items.map((i) => [i.label, i.description]),
    [
      ['alpha.aip', 'workspace · recently run'],
      ['demo@proof', 'base pack · recently run'],
      ['agents/zeta.aip', 'workspace'],
      ['my@tool', 'workspace pack'],
    ],
  );
});

test('orderAgents: history recorded by file path matches the pack entry of that file', () => {
  const items = orderAgents(cands, W, { '/w/.aipack/pack/custom/my/tool/main.aip': 5 });
  assert.equal(items[0].ref, 'my@tool');
  assert.equal(items[0].lastRun, 5);
});

test('agentLabel: a workspace file outside the folder keeps its absolute path', () => {
  assert.equal(agentLabel({ ref: '/x/y.aip', filePath: '/x/y.aip', source: 'workspace' }, W), '/x/y.aip');
  assert.equal(agentLabel({ ref: '/x/y.aip', filePath: '/x/y.aip', source: 'workspace' }, undefined), '/x/y.aip');
});

test('agentDisplayName: pack refs as is, files by stem, main.aip by its dir', () => {
  assert.equal(agentDisplayName('demo@proof'), 'demo@proof');
  assert.equal(agentDisplayName('ns@pack/sub/x'), 'ns@pack/sub/x');
  assert.equal(agentDisplayName('/w/agents/summarize.aip'), 'summarize');
  assert.equal(agentDisplayName('/w/agents/review/main.aip'), 'review');
  assert.equal(agentDisplayName('local-agent'), 'local-agent');
});

test('recordRecent: sets the time and keeps only the newest MAX_RECENT', () => {
  let r: Record<string, number> = {};
  for (let i = 0; i < MAX_RECENT + 5; i++) r = recordRecent(r, `a${i}`, i);
  assert.equal(Object.keys(r).length, MAX_RECENT);
  assert.equal(r.a0, undefined);
  assert.equal(r[`a${MAX_RECENT + 4}`], MAX_RECENT + 4);
  r = recordRecent(r, 'a5', 1000);
  assert.equal(r.a5, 1000);
  assert.equal(Object.keys(r).length, MAX_RECENT);
});
