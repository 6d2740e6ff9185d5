/**
 * The pre-run checks must say nothing about correct agents: a hand-written
 * pack agent using every stage, required modules, guard idioms and template
 * helpers, and a generated agent calling every function of every catalog
 * module with arguments of the signature's types, each in a stage that
 * allows it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { initBase } from '../../../src/runtime/init';
import { ALL_CATALOGS } from '../../../src/runtime/script/aip/index';
import { agentEnvFor, type AgentEnv } from '../../../src/server/agent-env';
import { parseSignature } from '../../../src/server/catalog-sig';
import { computeDiagnostics } from '../../../src/server/diagnostics';
import type { LiteralKind } from '../../../src/server/lua-model';
import { stageRules } from '../../../src/server/stage-calls';
import { SERVER_FIXTURES } from './lsp-client';

const PACK = path.join(SERVER_FIXTURES, 'no-fp');
let root: string;
let env: AgentEnv;

before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'aip-lsp-nofp-'));
  await initBase(path.join(root, 'base'));
  env = agentEnvFor(path.join(PACK, 'main.aip'), { baseDir: path.join(root, 'base'), homeDir: root });
});
after(() => fs.rmSync(root, { recursive: true, force: true }));

const show = (ds: { range: { start: { line: number } }; message: string }[]) => ds.map((d) => `${d.range.start.line + 1}: ${d.message}`).join('\n');

test('a pack agent using every stage, modules, guards and helpers has no diagnostics', async () => {
  const ds = await computeDiagnostics(fs.readFileSync(path.join(PACK, 'main.aip'), 'utf8'), env);
  assert.equal(ds.length, 0, show(ds));
});

const LITERAL: Record<Exclude<LiteralKind, 'unknown'>, string> = {
  string: '"x"',
  number: '1',
  boolean: 'true',
  nil: 'nil',
  table: '{}',
  function: 'function() end',
};

test('every catalog function, called with arguments of its signature types, has no diagnostics', async () => {
  const rules = await stageRules();
  const stages = { BeforeAll: [] as string[], Data: [] as string[], Output: [] as string[], AfterAll: [] as string[] };
  let calls = 0;
  for (const cat of ALL_CATALOGS) {
    for (const e of cat.entries) {
      const args = parseSignature(e).params.map((p, i) => {
        // The sub-agent name is checked on disk: name one that exists.
        if (cat.module === 'agent' && e.name === 'run' && i === 0) return '"sub"';
        const kinds = p.accepts ? [...p.accepts] : ['string'];
        const kind = (['string', 'table', 'number', 'boolean', 'function', 'nil'] as const).find((k) => kinds.includes(k)) ?? 'string';
        return LITERAL[kind];
      });
      const stage = rules.get(`${cat.module}.${e.name}`)?.stages[0] ?? 'Data';
      stages[stage].push(`local r_${calls++} = aip.${cat.module}.${e.name}(${args.join(', ')})`);
    }
  }
  const text = (Object.entries(stages) as [string, string[]][])
    .map(([s, lines]) => `# ${s.replace(/([a-z])([A-Z])/, '$1 $2')}\n\`\`\`lua\n${lines.join('\n')}\n\`\`\`\n`)
    .join('\n');
  assert.ok(calls > 150, `only ${calls} catalog functions`);
  const ds = await computeDiagnostics(text, env);
  assert.equal(ds.length, 0, show(ds));
});
