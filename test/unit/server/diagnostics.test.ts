import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeAip } from '../../../src/server/aip-doc';
import { agentEnvFor, resolveRequire } from '../../../src/server/agent-env';
import { computeDiagnostics, documentDiagnostics } from '../../../src/server/diagnostics';
import type { AipDiagnostic } from '../../../src/server/types';

const aip = (...lines: string[]) => lines.join('\n') + '\n';
const brief = (ds: AipDiagnostic[]) => ds.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.character} ${d.code} ${d.message}`);

test('a Lua syntax error in a repeated section maps to the right .aip line', () => {
  const d = analyzeAip(aip('# Data', '```lua', 'local a = 1', '```', '# Notes', '# Data', 'text', '```lua', 'local b = (', '```'));
  // The two Data blocks are one script; its line 2 is .aip line 9; an error at the end of the code points at its last character.
  assert.deepEqual(brief(documentDiagnostics(d)), ["8:10-11 lua-syntax Lua syntax error: <expression> expected near '<eof>'"]);
});

test('a Lua syntax error points at the token, not the line', () => {
  const d = analyzeAip(aip('# Data', '```lua', 'local a = 1', 'local b = a +* 2', 'return b', '```'));
  assert.deepEqual(brief(documentDiagnostics(d)), ["3:13-14 lua-syntax Lua syntax error: <expression> expected near '*'"]);
});

test('Lua 5.4 local attributes <const> and <close> are read', () => {
  const d = analyzeAip(aip('# Output', '```lua', 'local x <const>, z <close> = 1, nil', 'local y <close> = io.open("f")', 'return x', '```'));
  assert.deepEqual(brief(documentDiagnostics(d)), []);
});

test('an unclosed block is reported at the end of the code', () => {
  const d = analyzeAip(aip('# After All', '', '```lua', 'if x then', '  y()', '```'));
  const ds = documentDiagnostics(d).filter((x) => x.code === 'lua-syntax');
  assert.deepEqual(brief(ds), ["4:4-5 lua-syntax Lua syntax error: 'end' expected (to close 'if' at line 4) near '<eof>'"]);
});

test('aip names: unknown module, unknown function, constants and bare modules are fine', () => {
  const d = analyzeAip(aip('# Data', '```lua', 'local a = aip.web.UA_AIPACK', 'local m = aip.text', 'aip.text.trimm(x)', 'aip.nope.x()', '```'));
  assert.deepEqual(brief(documentDiagnostics(d)), [
    "4:9-14 unknown-aip-function Unknown function 'aip.text.trimm' - did you mean 'aip.text.trim'?",
    "5:4-8 unknown-aip-module Unknown module 'aip.nope'",
  ]);
});

test('aip names in prompt parts and non-stage fences are not checked', () => {
  const d = analyzeAip(aip('# Instruction', '```lua', 'aip.file.laod()', '```', '# Notes', '```lua', 'aip.file.laod()', '```'));
  assert.deepEqual(documentDiagnostics(d), []);
});

test('section typos are warned, free documentation headings are not', () => {
  const d = analyzeAip(aip('# Descrption', '# Befor All', '# Instructions', '# Sytem `cache = true`', '# Notes'));
  assert.deepEqual(brief(documentDiagnostics(d)), [
    "1:0-11 unknown-section Unknown section '# Befor All' - did you mean '# Before All'? Its content is ignored.",
    "2:0-14 unknown-section Unknown section '# Instructions' - did you mean '# Instruction'? Its content is ignored.",
    "3:0-22 unknown-section Unknown section '# Sytem `cache = true`' - did you mean '# System'? Its content is ignored.",
  ]);
});

test('options: unknown key, wrong types, model_aliases table header', () => {
  const d = analyzeAip(
    aip('# Options', '```toml', 'input_concurency = 3', 'allow_run_on_task_fail = "yes"', '', '[model_aliases]', 'x = 1', '```'),
  );
  assert.deepEqual(brief(documentDiagnostics(d)), [
    "2:0-16 options-unknown-key Unknown option 'input_concurency' (ignored by the runtime) - did you mean 'input_concurrency'?",
    "3:0-22 options-type Invalid option: option 'allow_run_on_task_fail' must be a boolean, got string \"yes\"",
    "5:1-14 options-type Invalid option: model alias 'x' must be a string, got number 1",
  ]);
});

test('parser problems become diagnostics (ignored second block, no lua block)', () => {
  const d = analyzeAip(aip('# Data', '```lua', 'return 1', '```', '```lua', 'return 2', '```', '# Output', '``` lua', 'return 3', '```'));
  assert.deepEqual(brief(documentDiagnostics(d)), [
    '4:0-6 agent-parse only the first ```lua block of # Data is used; this one is ignored',
    '7:0-8 agent-parse # Output has no ```lua code block, so it does nothing (the fence at line 9, ``` lua, does not count: `lua` must follow the backticks directly, in lower case)',
  ]);
});

test('require and sub-agents are resolved from the agent dir and its pack dir', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aip-lsp-env-'));
  try {
    const pack = path.join(root, 'pack');
    const agentDir = path.join(pack, 'agents');
    fs.mkdirSync(path.join(pack, 'lua'), { recursive: true });
    fs.mkdirSync(path.join(agentDir, 'lua'), { recursive: true });
    fs.writeFileSync(path.join(pack, 'pack.toml'), '[pack]\nnamespace = "ns"\nname = "p"\nversion = "0.1.0"\n');
    fs.writeFileSync(path.join(pack, 'lua', 'shared.lua'), 'return {}');
    fs.writeFileSync(path.join(agentDir, 'lua', 'local_mod.lua'), 'return {}');
    fs.writeFileSync(path.join(agentDir, 'other.aip'), '# Data\n');
    const env = agentEnvFor(path.join(agentDir, 'main.aip'), { baseDir: path.join(root, 'base'), homeDir: root });
    assert.deepEqual(env.requireRoots, [agentDir, pack]);
    assert.deepEqual(resolveRequire(env.requireRoots, 'string'), { kind: 'builtin' });
    assert.deepEqual(resolveRequire(env.requireRoots, 'shared'), { kind: 'file', path: path.join(pack, 'lua', 'shared.lua') });
    const text = aip(
      '# Data',
      '```lua',
      'local a = require("local_mod")',
      'local b = require("shared")',
      'local c = require("gone.deep")',
      'aip.agent.run("other")',
      'aip.agent.run("other2")',
      'aip.agent.run("elsewhere", { agent_base_dir = "x" })',
      '```',
    );
    const ds = await computeDiagnostics(text, env);
    assert.deepEqual(brief(ds), [
      `4:18-29 require-not-found Module 'gone.deep' not found in the agent's Lua folders (${agentDir}/lua/, ${pack}/lua/)`,
      `6:14-22 agent-not-found Sub-agent not found: No agent found for local path: 'other2' (full path: ${path.join(agentDir, 'other2')})`,
    ]);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
