/**
 * One table per pre-run rule of the language server: each row is an agent
 * text and the exact findings of that rule (`line:col`, 0-based), empty for
 * the negative rows. Only the rule's own code is compared, so a row tests one
 * thing.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { agentEnvFor, type AgentEnv } from '../../../src/server/agent-env';
import { computeDiagnostics } from '../../../src/server/diagnostics';
import { initBase } from '../../../src/runtime/init';

interface Row {
  name: string;
  text: string;
  /** `line:col` of each finding of the rule, in order. */
  expect: string[];
  /** A word each message must contain (positive rows). */
  says?: string;
}

const lua = (stage: string, ...code: string[]) => `# ${stage}\n\`\`\`lua\n${code.join('\n')}\n\`\`\`\n`;

let root: string;
let env: AgentEnv;
before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'aip-lsp-rules-'));
  await initBase(path.join(root, 'base'));
  fs.mkdirSync(path.join(root, 'wks', 'lua'), { recursive: true });
  fs.writeFileSync(path.join(root, 'wks', 'lua', 'sets_global.lua'), 'SHARED_LIMIT = 10\nfunction shared_fn() end\nreturn {}\n');
  env = agentEnvFor(path.join(root, 'wks', 'agent.aip'), { baseDir: path.join(root, 'base'), homeDir: root });
});
after(() => fs.rmSync(root, { recursive: true, force: true }));

function table(rule: string, rows: Row[]) {
  for (const row of rows) {
    test(`${rule}: ${row.name}`, async () => {
      const ds = (await computeDiagnostics(row.text, env)).filter((d) => d.code === rule);
      assert.deepEqual(
        ds.map((d) => `${d.range.start.line}:${d.range.start.character}`),
        row.expect,
        ds.map((d) => d.message).join('\n'),
      );
      if (row.says) for (const d of ds) assert.match(d.message, new RegExp(row.says));
    });
  }
}

table('hbs-parse', [
  { name: 'unclosed {{#if}}', text: '# Instruction\nHello\n{{#if data.x}}\nmore\n', expect: ['2:0'], says: 'never closed' },
  { name: '{{data.x} missing a brace', text: '# System\nline one\nvalue {{data.x}\n', expect: ['2:14'], says: 'missing' },
  { name: '{{#each}} closed by {{/if}}', text: '# Instruction\n\n{{#each data.xs}}a{{/if}}\n', expect: ['2:3'], says: "each doesn't match if" },
  { name: 'well-formed blocks', text: '# Instruction\n{{#if data.x}}a{{else}}b{{/if}}\n{{#each data.xs}}{{this}}{{/each}}\n', expect: [] },
  { name: 'braces outside a prompt part are not templates', text: '# Notes\n{{#if x}}\n', expect: [] },
]);

table('hbs-helper', [
  { name: 'unknown helper with an argument', text: '# Instruction\nx\n  {{upper data.name}}\n', expect: ['2:2'], says: "'upper'" },
  { name: 'unknown block helper', text: '# Instruction\n{{#repeat data.n}}x{{/repeat}}\n', expect: ['1:0'], says: "'repeat'" },
  { name: 'unknown helper inside a branch empty data never takes', text: '# Instruction\n{{#if data.x}}{{shout data.x}}{{/if}}\n', expect: ['1:14'] },
  { name: 'built-in helpers', text: '# Instruction\n{{#if (eq data.a "x")}}{{len data.xs}}{{/if}}{{#with data}}{{lookup this "k"}}{{/with}}\n', expect: [] },
  { name: 'a plain path is not a helper call', text: '# Instruction\n{{data.name}} {{#data.items}}{{this}}{{/data.items}}\n', expect: [] },
]);

table('heading-drops-prompt', [
  { name: 'a non-typo heading inside a prompt', text: '# Instruction\nDo it.\n\n# Rules\n- be brief\n', expect: ['3:0'], says: '## Rules' },
  { name: 'a sub-heading stays in the prompt', text: '# Instruction\nDo it.\n\n## Rules\n- be brief\n', expect: [] },
  { name: 'a documentation heading is meant to leave the prompt', text: '# Instruction\nDo it.\n# Notes\nfor humans\n', expect: [] },
  { name: 'an empty unknown heading drops nothing', text: '# Instruction\nDo it.\n# Rules\n\n# Output\n', expect: [] },
  { name: 'after a Lua stage it is not a prompt matter', text: lua('Data', 'return 1') + '# Rules\ntext\n', expect: [] },
]);

table('stage-variable', [
  { name: 'ai_response in Data', text: lua('Data', 'local c = ai_response'), expect: ['2:10'], says: 'Output' },
  { name: 'input in Before All', text: lua('Before All', 'print(input)'), expect: ['2:6'] },
  { name: 'outputs in Data', text: lua('Data', 'return outputs'), expect: ['2:7'] },
  { name: 'each stage with its own variables', text: lua('Before All', 'return inputs, options') + lua('Data', 'return input, before_all') + lua('Output', 'return ai_response, data, input') + lua('After All', 'return outputs, inputs, before_all'), expect: [] },
  { name: 'a local of the same name', text: lua('Before All', 'local input = 1', 'return input'), expect: [] },
  { name: 'a global the stage sets itself', text: lua('Data', 'data = 1', 'return data'), expect: [] },
]);

table('ctx-key', [
  { name: 'CTX.TASK_UID in Before All', text: lua('Before All', 'local id = CTX.TASK_UID'), expect: ['2:15'], says: 'Data' },
  { name: 'misspelt key', text: lua('Output', 'print(CTX.AGENT_NAMEE)'), expect: ['2:10'], says: "CTX.AGENT_NAME'" },
  { name: 'task keys in task stages, run keys anywhere', text: lua('Data', 'return CTX.TASK_UID, CTX.TASK_NUM, CTX.RUN_UID') + lua('After All', 'return CTX.AGENT_NAME, CTX.PACK_DIR'), expect: [] },
  { name: 'a key the script sets itself', text: lua('Data', 'CTX.MINE = 1', 'return CTX.MINE'), expect: [] },
]);

table('aip-stage', [
  { name: 'aip.task.pin in After All', text: lua('After All', 'aip.task.pin("a", "b")'), expect: ['2:9'], says: 'before all or after all' },
  { name: 'aip.task.set_label in Before All', text: lua('Before All', 'aip.task.set_label("x")'), expect: ['2:9'] },
  { name: 'data_response from Before All', text: lua('Before All', 'return aip.flow.data_response({})'), expect: ['2:16'] },
  { name: 'redo_run from Data', text: lua('Data', 'return aip.flow.redo_run()'), expect: ['2:16'] },
  {
    name: 'each directive and pin where it belongs',
    text:
      lua('Before All', 'aip.run.pin("a", "b")', 'return aip.flow.before_all_response({})') +
      lua('Data', 'aip.task.pin("a", 1, "b")', 'return aip.flow.data_response({})') +
      lua('Output', 'aip.task.set_label("x")') +
      lua('After All', 'aip.run.set_label("x")', 'return aip.flow.redo_run()'),
    expect: [],
  },
]);

table('aip-arg-count', [
  { name: 'aip.file.load()', text: lua('Data', 'aip.file.load()'), expect: ['2:9'], says: "'path'" },
  { name: 'aip.path.join()', text: lua('Data', 'aip.path.join()'), expect: ['2:9'] },
  { name: 'too many arguments', text: lua('Data', 'aip.uuid.new_v4("x")'), expect: ['2:9'], says: 'ignored' },
  { name: 'optional arguments, varargs, a spread last argument, pin without priority', text: lua('Data', 'aip.file.load("a")', 'aip.path.join("a", "b", "c")', 'aip.file.load(table.unpack(t))', 'aip.task.pin("a", "b")'), expect: [] },
]);

table('aip-arg-type', [
  { name: 'aip.text.trim({})', text: lua('Data', 'aip.text.trim({})'), expect: ['2:9'], says: 'string\\|nil' },
  { name: 'a boolean for a path', text: lua('Data', 'aip.file.load(true)'), expect: ['2:9'] },
  { name: 'a number where a string goes (Lua converts it)', text: lua('Data', 'aip.text.trim(42)'), expect: [] },
  { name: 'nil for an optional, variables, strings', text: lua('Data', 'local s = "x"', 'aip.text.trim(nil)', 'aip.text.trim(s)', 'aip.file.load("a", { base_dir = "b" })'), expect: [] },
]);

table('unknown-aip-function', [
  { name: 'a misspelt call', text: lua('Data', 'aip.file.laod("x")'), expect: ['2:9'], says: "aip.file.load'" },
  { name: 'a call after the module was probed is still checked', text: lua('Data', 'local t = aip.text', 'aip.text.trimm("x")'), expect: ['3:9'] },
  {
    name: 'feature-detection guards',
    text: lua(
      'Data',
      'if aip.text.future_fn then aip.text.future_fn("x") end',
      'local f = aip.file.maybe or function() end',
      'if type(aip.path.newer) == "function" then aip.path.newer() end',
      'local ok = aip.md.other ~= nil and aip.md.other()',
    ),
    expect: [],
  },
  { name: 'a local named aip is not the API', text: lua('Data', 'local aip = {}', 'aip.x.y()'), expect: [] },
]);

table('unknown-aip-module', [
  { name: 'a misspelt module', text: lua('Data', 'aip.flie.load("x")'), expect: ['2:4'], says: "aip.file'" },
  { name: 'a probed future module', text: lua('Data', 'if aip.future then aip.future.go() end'), expect: [] },
]);

table('undefined-global', [
  { name: 'a misspelt local', text: lua('Data', 'local content = "x"', 'return contnet'), expect: ['3:7'], says: "'content'" },
  { name: 'nill for nil', text: lua('Data', 'if x == nill then end', 'x = 1'), expect: ['2:8'] },
  {
    name: 'std library, runtime globals, own globals, globals of a required module',
    text: lua('Data', 'require("sets_global")', 'local n = SHARED_LIMIT + math.floor(1)', 'shared_fn()', 'helper = function() end', 'helper()', 'print(is_null(null), utils, aipack, Null, table.unpack or unpack)'),
    expect: [],
  },
  { name: 'not reported when a required module cannot be read', text: lua('Data', 'require("missing_mod")', 'return from_missing'), expect: [] },
]);

table('lua-syntax', [
  { name: 'the token an error is at', text: lua('Data', 'local x = = 1'), expect: ['2:10'] },
  { name: 'every error of a stage, one per top-level region', text: lua('Data', 'local a = = 1', 'local function f()', '  return 1 +', 'end', 'local b = )', 'return a'), expect: ['2:10', '5:0', '6:10'] },
  { name: 'no more errors claimed after a block that never closes', text: lua('Data', 'local function f()', '  if x then', '  return 1', 'end', 'local b = 1'), expect: ['6:10'] },
  { name: 'a goto to a label in another region is no second error', text: lua('Data', 'local a = = 1', 'goto done', 'x = 1', '::done::'), expect: ['2:10'] },
  { name: '5.4 attributes, goto, integer division', text: lua('Data', 'local a <const> = 7 // 2', '::top::', 'if a > 9 then goto top end', 'return a'), expect: [] },
]);

table('model-unknown', [
  { name: 'a name no provider knows', text: '# Options\n```toml\nmodel = "totally-unknown"\n```\n', expect: ['2:0'], says: 'Ollama' },
  { name: 'an alias to an unknown name', text: '# Options\n```toml\nmodel = "mine"\nmodel_aliases = { mine = "nope-model" }\n```\n', expect: ['2:0'], says: "alias of 'nope-model'" },
  {
    name: 'known names, config and agent aliases, explicit Ollama',
    text: ['gpt-5-mini', 'flash', 'ollama::llama3', 'qwen3:8b', 'claude-sonnet-4-5'].map((m) => `# Options\n\`\`\`toml\nmodel = "${m}"\n\`\`\`\n`).join(''),
    expect: [],
  },
]);

table('options-range', [
  { name: 'temperature above 2', text: '# Options\n```toml\ntemperature = 3.5\n```\n', expect: ['2:0'] },
  { name: 'top_p below 0', text: '# Options\n```toml\ntop_p = -0.1\n```\n', expect: ['2:0'] },
  { name: 'values in range', text: '# Options\n```toml\ntemperature = 0.2\ntop_p = 1\n```\n', expect: [] },
]);
