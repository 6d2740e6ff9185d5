// §1.6 The Agent object: option merges, model, derived flags, require roots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AipError } from '../../../src/runtime/errors';
import { parseAgentDoc } from '../../../src/runtime/agent/parse';
import { buildAgent, type BuildAgentArgs } from '../../../src/runtime/agent/build';
import type { AgentRef } from '../../../src/runtime/agent/types';
import { aip, fixturePath, readFixture } from './helpers';

const LOCAL: AgentRef = { kind: 'LocalPath', path: 'agent.aip' };

function args(text: string, over: Partial<BuildAgentArgs> = {}): BuildAgentArgs {
  const filePath = over.filePath ?? '/wks/agents/agent.aip';
  return { name: 'agent.aip', agentRef: LOCAL, filePath, doc: parseAgentDoc(text, filePath), configOptions: {}, ...over };
}

test('illustrative agent: options merged over config, alias resolved with its reasoning suffix', () => {
  const filePath = fixturePath('illustrative.aip');
  const agent = buildAgent(
    args(readFixture('illustrative.aip'), {
      filePath,
      name: 'illustrative.aip',
      configOptions: { model: 'gpt-5', input_concurrency: 2, temperature: 0.7, model_aliases: { mini: 'gpt-5.4-mini' } },
    }),
  );
  assert.equal(agent.model, 'mini-low');
  assert.equal(agent.modelResolved, 'gpt-5.4-mini-low');
  assert.deepEqual(agent.options, {
    model: 'mini-low',
    temperature: 0.7,
    input_concurrency: 4,
    model_aliases: { mini: 'gpt-5.4-mini' },
  });
  assert.equal(agent.fileName, 'illustrative.aip');
  assert.equal(agent.filePath, filePath);
  assert.equal(agent.fileDir, path.dirname(filePath));
  assert.deepEqual(agent.requireRoots, [path.dirname(filePath)]);
  assert.equal(agent.hasPromptParts, true);
  assert.equal(agent.hasTaskStages, true);
  assert.equal(agent.promptParts.length, 2);
  assert.equal(agent.dataScript, agent.doc.data);
  assert.ok(agent.beforeAllScript && agent.outputScript && agent.afterAllScript);
});

test('overrides win over # Options, which wins over config; aliases merge per key', () => {
  const text = aip('# Options', '```toml', 'model = "fast"', 'temperature = 0.1', '[model_aliases]', 'fast = "from-agent"', '```', '# User', 'x');
  const agent = buildAgent(
    args(text, {
      configOptions: { model: 'cfg', top_p: 0.9, model_aliases: { fast: 'from-config', slow: 'big' } },
      overrides: { temperature: 0.5, model_aliases: { slow: 'bigger' } },
    }),
  );
  assert.deepEqual(agent.options, {
    model: 'fast',
    temperature: 0.5,
    top_p: 0.9,
    model_aliases: { fast: 'from-agent', slow: 'bigger' },
  });
  assert.equal(agent.modelResolved, 'from-agent');
  assert.equal(buildAgent(args(text, { overrides: { model: 'slow' }, configOptions: { model_aliases: { slow: 'big' } } })).modelResolved, 'big');
});

test('the model may come from config alone', () => {
  const agent = buildAgent(args(aip('# User', 'x'), { configOptions: { model: 'gpt-5-mini' } }));
  assert.equal(agent.model, 'gpt-5-mini');
  assert.equal(agent.modelResolved, 'gpt-5-mini');
});

test('missing model after all merges -> AipError naming the agent path', () => {
  for (const configOptions of [{}, { model: '  ' }]) {
    assert.throws(
      () => buildAgent(args(aip('# User', 'x'), { configOptions })),
      (err: unknown) => {
        assert.ok(err instanceof AipError);
        assert.equal(err.message, 'Model is missing for agent path: /wks/agents/agent.aip');
        assert.deepEqual(err.location, { file: '/wks/agents/agent.aip' });
        return true;
      },
    );
  }
});

test('an invalid # Options block surfaces from buildAgent with its .aip line', () => {
  assert.throws(() => buildAgent(args(aip('# Options', '```toml', 'model = ', '```'), { configOptions: { model: 'm' } })), {
    name: 'AipError',
    message: /^Invalid TOML in # Options \(\/wks\/agents\/agent\.aip:3\)/,
  });
});

test('hasTaskStages: prompt parts, or a Data script, or an Output script', () => {
  const cfg = { configOptions: { model: 'm' } };
  const flags = (text: string) => {
    const a = buildAgent(args(text, cfg));
    return [a.hasPromptParts, a.hasTaskStages];
  };
  assert.deepEqual(flags(readFixture('script-only.aip')), [false, false], 'Before/After All only');
  assert.deepEqual(flags(aip('# Data', '```lua', 'return 1', '```')), [false, true]);
  assert.deepEqual(flags(aip('# Output', '```lua', 'return 1', '```')), [false, true]);
  assert.deepEqual(flags(aip('# Assistant')), [true, true], 'an empty part still counts (it is dropped after rendering)');
  assert.deepEqual(flags(aip('# Data', '```lua', '```')), [false, false], 'an empty block is an absent stage');
  assert.deepEqual(flags(''), [false, false]);
});

test('pack agents also require from their pack dir, after the agent dir', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aip-agent-'));
  try {
    const packDir = path.join(root, 'pack', 'demo', 'proof');
    const filePath = path.join(packDir, 'sub', 'main.aip');
    fs.mkdirSync(path.dirname(filePath), { recursive: true });
    fs.writeFileSync(filePath, aip('# User', 'hi'));
    const agentRef: AgentRef = { kind: 'PackRef', namespace: 'demo', name: 'proof', subPath: 'sub', packDir, repoKind: 'WorkspaceCustom' };
    const agent = buildAgent({
      name: 'demo@proof/sub',
      agentRef,
      filePath,
      doc: parseAgentDoc(fs.readFileSync(filePath, 'utf8'), filePath),
      configOptions: { model: 'm' },
    });
    assert.deepEqual(agent.requireRoots, [path.join(packDir, 'sub'), packDir]);
    assert.equal(agent.name, 'demo@proof/sub');
    assert.equal(agent.agentRef, agentRef);
    assert.equal(agent.fileName, 'main.aip');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
