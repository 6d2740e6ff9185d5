/**
 * The language server over its protocol: a real server process on stdio,
 * fixture `.aip` files, and the answers a client would see.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspTestClient, SERVER_FIXTURES } from './lsp-client';

const AGENTS = path.join(SERVER_FIXTURES, 'wks', 'agents');
const BROKEN = path.join(AGENTS, 'broken.aip');
const GOOD = path.join(AGENTS, 'good.aip');
let client: LspTestClient;

before(async () => {
  client = await LspTestClient.start();
});
after(async () => {
  await client.stop();
});

const summary = (d: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; severity: number; code: string; message: string }) =>
  `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${d.code} ${d.message}`;

test('broken agent: every diagnostic with its message and range', async () => {
  const pub = await client.open(BROKEN);
  assert.deepEqual(pub.diagnostics.map(summary), [
    "4:0-4:5 2 options-unknown-key Unknown option 'modle' (ignored by the runtime) - did you mean 'model'?",
    '5:0-5:11 1 options-type Invalid option: option \'temperature\' must be a number, got string "hot"',
    "8:0-8:8 2 unknown-section Unknown section '# Ouptut' - did you mean '# Output'? Its content is ignored.",
    "17:19-17:23 1 unknown-aip-function Unknown function 'aip.file.laod' - did you mean 'aip.file.load'?",
    `18:18-18:27 1 require-not-found Module 'nothere' not found in the agent's Lua folders (${AGENTS}/lua/)`,
    `19:24-19:37 1 agent-not-found Sub-agent not found: No agent found for local path: 'sub/missing' (full path: ${AGENTS}/sub/missing)`,
    "20:14-20:18 1 unknown-aip-module Unknown module 'aip.flie' - did you mean 'aip.file'?",
    // The Lua error is reported where Lua notices it: the `end` on .aip line 24 (0-based 23).
    "23:0-23:3 1 lua-syntax Lua syntax error: ')' expected (to close '(' at line 23) near 'end'",
  ]);
});

test('a well-formed agent has no diagnostics', async () => {
  const pub = await client.open(GOOD);
  assert.deepEqual(pub.diagnostics, []);
});

test('invalid TOML in # Options points at its .aip line', async () => {
  const pub = await client.open(path.join(AGENTS, 'bad-toml.aip'));
  assert.equal(pub.diagnostics.length, 1);
  const d = pub.diagnostics[0];
  assert.equal(d.range.start.line, 4);
  assert.equal(d.code, 'options-toml');
  assert.match(d.message, /^Invalid TOML in # Options: .+ \(column \d+\)$/);
});

test('edits re-run diagnostics: fixing the typo clears it', async () => {
  const file = path.join(AGENTS, 'edited.aip');
  const first = await client.open(file, '# Data\n```lua\nreturn aip.path.jion("a", "b")\n```\n');
  assert.deepEqual(first.diagnostics.map((d) => d.message), ["Unknown function 'aip.path.jion' - did you mean 'aip.path.join'?"]);
  const second = await client.change(file, '# Data\n```lua\nreturn aip.path.join("a", "b")\n```\n');
  assert.deepEqual(second.diagnostics, []);
});

type Item = { label: string; kind: number; detail?: string; documentation?: { value: string }; textEdit?: { newText: string } };

test('completion after aip.file. lists the catalog functions with signature and doc', async () => {
  const file = path.join(AGENTS, 'complete.aip');
  await client.open(file, '# Data\n```lua\nlocal x = aip.file.\n```\n');
  const items = await client.request<Item[]>('textDocument/completion', file, { line: 2, character: 19 });
  const load = items.find((i) => i.label === 'load');
  assert.ok(load, 'load is offered');
  assert.equal(load.detail, 'aip.file.load(path: string, opts?: {base_dir?: string}) -> FileRecord');
  assert.match(load.documentation!.value, /Read a UTF-8 text file/);
  assert.equal(load.kind, 3 /* Function */);
});

test('completion of stage variables, CTX keys, headings and option keys', async () => {
  const file = path.join(AGENTS, 'complete2.aip');
  const text = ['# Options', '```toml', 'mo', '```', '# Output', '```lua', 'local a = ', 'local b = CTX.', '```', '# '].join('\n');
  await client.open(file, text);
  const labels = async (line: number, character: number) => (await client.request<Item[]>('textDocument/completion', file, { line, character })).map((i) => i.label);
  assert.deepEqual(await labels(2, 2), ['model', 'temperature', 'top_p', 'input_concurrency', 'allow_run_on_task_fail', 'model_aliases']);
  const vars = await labels(6, 10);
  for (const v of ['input', 'data', 'before_all', 'ai_response', 'options', 'aip', 'CTX']) assert.ok(vars.includes(v), v);
  assert.ok(!vars.includes('inputs'), 'inputs is not in scope in Output');
  const ctx = await labels(7, 14);
  assert.ok(ctx.includes('AGENT_FILE_DIR') && ctx.includes('TASK_NUM'));
  assert.ok((await labels(9, 2)).includes('Before All'));
});

test('completion of model names and aliases from the config cascade', async () => {
  const file = path.join(AGENTS, 'complete3.aip');
  await client.open(file, '# Options\n```toml\nmodel = "\n```\n');
  const items = await client.request<Item[]>('textDocument/completion', file, { line: 2, character: 9 });
  const fast = items.find((i) => i.label === 'fast');
  assert.equal(fast?.detail, 'alias → claude-sonnet-5', 'workspace alias');
  assert.equal(items.find((i) => i.label === 'mini')?.detail, 'alias → gpt-5.4-mini', 'base alias');
  assert.ok(items.some((i) => i.label === 'gpt-5.6-luna' && i.detail === 'model'));
});

test('hover on an aip function and on a CTX key', async () => {
  const h = await client.request<{ contents: { value: string }; range: unknown }>('textDocument/hover', GOOD, { line: 23, character: 20 });
  assert.ok(h.contents.value.startsWith('```lua\naip.file.load(path: string, opts?: {base_dir?: string}) -> FileRecord\n```'));
  const c = await client.request<{ contents: { value: string } }>('textDocument/hover', GOOD, { line: 24, character: 33 });
  assert.equal(c.contents.value, '`CTX.RUN_FLOW_REDO_COUNT`: integer\n\nHow many times this run was redone (0 on the first run).');
});

test('hover on the model option: alias → model → provider → endpoint', async () => {
  const h = await client.request<{ contents: { value: string } }>('textDocument/hover', GOOD, { line: 7, character: 10 });
  assert.equal(
    h.contents.value,
    [
      '**model** `flash-low` _(from # Options)_',
      `→ alias of \`gemini-3.5-flash-low\` _(alias from ${path.join(SERVER_FIXTURES, 'base', 'config-default.toml')})_`,
      '→ provider **Gemini** (`gemini`), model id `gemini-3.5-flash`, reasoning effort `low`',
      'Price per 1M tokens: input $1.5, cached input $0.15, output $9 _(gemini-3.5-flash)_',
      '→ endpoint `https://generativelanguage.googleapis.com/v1beta/openai/`',
      `API key \`GEMINI_API_KEY\`: ${process.env.GEMINI_API_KEY?.trim() ? 'set' : '**not set**'}`,
    ].join('\n\n'),
  );
});

test('signature help tracks the active parameter', async () => {
  const file = path.join(AGENTS, 'sig.aip');
  await client.open(file, '# Data\n```lua\nlocal x = aip.file.save("a.txt", \n```\n');
  const s = await client.request<{ signatures: { label: string; parameters: { label: string }[] }[]; activeParameter: number }>(
    'textDocument/signatureHelp',
    file,
    { line: 2, character: 33 },
  );
  assert.match(s.signatures[0].label, /^aip\.file\.save\(/);
  assert.equal(s.activeParameter, 1);
  assert.equal(s.signatures[0].parameters[0].label, 'path: string');
});

test('document symbols list the sections', async () => {
  const syms = await client.request<{ name: string; kind: number; range: { start: { line: number }; end: { line: number } } }[]>('textDocument/documentSymbol', GOOD);
  assert.deepEqual(
    syms.map((s) => [s.name, s.range.start.line, s.range.end.line]),
    [
      ['# Notes', 0, 3],
      ['# Options', 4, 10],
      ['# Before All', 11, 19],
      ['# Data', 20, 26],
      ['# System', 27, 30],
      ['# Instruction', 31, 37],
      ['# Output', 38, 42],
    ],
  );
});

test('folding ranges cover sections and fences', async () => {
  const ranges = await client.request<{ startLine: number; endLine: number }[]>('textDocument/foldingRange', GOOD);
  assert.ok(ranges.some((r) => r.startLine === 11 && r.endLine === 18), 'Before All section');
  assert.ok(ranges.some((r) => r.startLine === 13 && r.endLine === 18), 'its lua fence');
});

test('go to definition of require("helper") and of a sub-agent', async () => {
  type Link = { targetUri: string }[];
  const req = await client.request<Link>('textDocument/definition', GOOD, { line: 14, character: 26 });
  assert.equal(req[0].targetUri, pathToFileURL(path.join(AGENTS, 'lua', 'helper.lua')).href);
  const init = await client.request<Link>('textDocument/definition', GOOD, { line: 15, character: 24 });
  assert.equal(init[0].targetUri, pathToFileURL(path.join(AGENTS, 'lua', 'util', 'init.lua')).href);
  const sub = await client.request<Link>('textDocument/definition', GOOD, { line: 16, character: 30 });
  assert.equal(sub[0].targetUri, pathToFileURL(path.join(AGENTS, 'sub', 'child.aip')).href);
  assert.equal(await client.request('textDocument/definition', GOOD, { line: 0, character: 2 }), null);
});

test('hover on require and sub-agent strings names the file', async () => {
  type H = { contents: { value: string } };
  const req = await client.request<H>('textDocument/hover', GOOD, { line: 14, character: 26 });
  assert.equal(req.contents.value, `Lua module \`helper\` → \`${path.join(AGENTS, 'lua', 'helper.lua')}\``);
  const sub = await client.request<H>('textDocument/hover', GOOD, { line: 16, character: 30 });
  assert.equal(sub.contents.value, `Sub-agent \`sub/child\` → \`${path.join(AGENTS, 'sub', 'child.aip')}\``);
  const missing = await client.request<H>('textDocument/hover', BROKEN, { line: 18, character: 20 });
  assert.equal(
    missing.contents.value,
    `Lua module \`nothere\`: not found (tried ${path.join(AGENTS, 'lua', 'nothere.lua')}, ${path.join(AGENTS, 'lua', 'nothere', 'init.lua')})`,
  );
});

test('aipack/agentStatus reports the resolved model and provider', async () => {
  const s = await client.conn.sendRequest<{ model: string; resolved: string; provider: { id: string }; problems: string[] }>('aipack/agentStatus', {
    uri: pathToFileURL(GOOD).href,
  });
  assert.equal(s.model, 'flash-low');
  assert.equal(s.resolved, 'gemini-3.5-flash-low');
  assert.equal(s.provider.id, 'gemini');
  assert.deepEqual(s.problems, []);
});
