import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeAip } from '../../../src/server/aip-doc';
import { agentEnvFor } from '../../../src/server/agent-env';
import { complete } from '../../../src/server/completion';
import { hoverAt, modelOptionAt, signatureAt, signatureParameters } from '../../../src/server/hover';
import { modelInfoMarkdown, resolveModelInfo } from '../../../src/server/model-info';
import { documentSymbols, foldingRanges } from '../../../src/server/outline';
import { ALL_CATALOGS } from '../../../src/runtime/script/aip/index';

const aip = (...lines: string[]) => lines.join('\n') + '\n';
const labels = (text: string, line: number, character: number) => complete(analyzeAip(text), { line, character }).map((i) => i.label);

test('aip. offers every catalog module; aip.<module>. its functions and constants', () => {
  const text = aip('# Data', '```lua', 'local a = aip.', 'local b = aip.web.', 'local c = aip.nope.', '```');
  assert.deepEqual(labels(text, 2, 14), ALL_CATALOGS.map((c) => c.module));
  const web = labels(text, 3, 18);
  assert.ok(web.includes('get') && web.includes('UA_AIPACK'));
  assert.deepEqual(labels(text, 4, 19), []);
});

test('no Lua completion inside comments and strings', () => {
  const text = aip('# Data', '```lua', '-- aip.', 'local s = "aip.', '```');
  assert.deepEqual(labels(text, 2, 7), []);
  assert.deepEqual(labels(text, 3, 15), []);
});

test('stage variables follow §2.2 per stage', () => {
  const vars = (stage: string) =>
    complete(analyzeAip(aip(`# ${stage}`, '```lua', 'x', '```')), { line: 2, character: 0 })
      .filter((i) => i.detail?.endsWith('stage variable'))
      .map((i) => i.label);
  assert.deepEqual(vars('Before All'), ['inputs', 'options']);
  assert.deepEqual(vars('Data'), ['input', 'before_all', 'options']);
  assert.deepEqual(vars('Output'), ['input', 'data', 'before_all', 'ai_response', 'options']);
  assert.deepEqual(vars('After All'), ['inputs', 'outputs', 'before_all', 'options']);
});

test('CTX keys: task keys only where a task exists', () => {
  const text = aip('# Before All', '```lua', 'x = CTX.', '```', '# Data', '```lua', 'y = CTX.', '```');
  const before = labels(text, 2, 8);
  const data = labels(text, 6, 8);
  assert.ok(before.includes('RUN_UID') && !before.includes('TASK_UID'));
  assert.ok(data.includes('RUN_UID') && data.includes('TASK_UID') && data.includes('TASK_NUM'));
});

test('heading completion after # outside fences, replacing what was typed', () => {
  const d = analyzeAip(aip('#', '# Be', '```lua', '# x', '```'));
  const first = complete(d, { line: 0, character: 1 });
  assert.equal(first.find((i) => i.label === 'Data')?.textEdit?.newText, ' Data');
  const second = complete(d, { line: 1, character: 4 }).find((i) => i.label === 'Before All')!;
  assert.deepEqual(second.textEdit, { range: { start: { line: 1, character: 2 }, end: { line: 1, character: 4 } }, newText: 'Before All' });
  assert.deepEqual(complete(d, { line: 3, character: 3 }).filter((i) => i.kind === 'keyword'), []);
});

test('prompt parts complete template variables inside {{ }}', () => {
  const text = aip('# Instruction', 'Hello {{', '{{#each ', 'plain');
  // At the start of `{{`, the value helpers come after the variables.
  assert.deepEqual(labels(text, 1, 8), ['input', 'data', 'before_all', 'eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'and', 'or', 'not', 'len', 'lookup']);
  assert.deepEqual(labels(text, 2, 8), ['input', 'data', 'before_all']);
  assert.deepEqual(labels(text, 3, 5), []);
});

test('model completion lists aliases first, then model names', () => {
  const d = analyzeAip(aip('# Options', '```toml', 'model = "fl', '```'));
  const items = complete(d, { line: 2, character: 11 }, { models: { aliases: { flash: 'gemini-x' }, names: ['gpt-a', 'flash'] } });
  assert.deepEqual(
    items.map((i) => [i.label, i.detail, i.textEdit?.range.start.character]),
    [
      ['flash', 'alias → gemini-x', 9],
      ['gpt-a', 'model', 9],
    ],
  );
});

test('hover: module, function, constant, CTX, stage variable; nothing outside Lua', () => {
  const d = analyzeAip(aip('# Output', '```lua', 'aip.text.trim(ai_response.content, CTX.STAGE, aip.web.UA_AIPACK)', '```', 'aip.text.trim'));
  assert.match(hoverAt(d, { line: 2, character: 5 })!.contents, /^\*\*aip\.text\*\*/);
  const fn = hoverAt(d, { line: 2, character: 10 })!;
  assert.ok(fn.contents.startsWith('```lua\naip.text.trim('));
  assert.deepEqual(fn.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 13 } });
  assert.match(hoverAt(d, { line: 2, character: 16 })!.contents, /^`ai_response` \(Output stage variable\)/);
  assert.match(hoverAt(d, { line: 2, character: 41 })!.contents, /^`CTX\.STAGE`: string/);
  assert.equal(hoverAt(d, { line: 2, character: 57 })!.contents, '`aip.web.UA_AIPACK` = `"aipack"`');
  assert.equal(hoverAt(d, { line: 4, character: 5 }), undefined);
});

test('signature help: parameters from the catalog signature, active by commas outside nested calls', () => {
  assert.deepEqual(signatureParameters('aip.file.load(path: string, opts?: {base_dir?: string}) -> FileRecord'), ['path: string', 'opts?: {base_dir?: string}']);
  assert.deepEqual(signatureParameters('aip.uuid.new() -> string'), []);
  const d = analyzeAip(aip('# Data', '```lua', 'aip.file.load(aip.path.join("a", "b"), {', 'x(', '```'));
  const s = signatureAt(d, { line: 2, character: 40 })!;
  assert.equal(s.activeParameter, 1);
  assert.match(s.label, /^aip\.file\.load/);
  const inner = signatureAt(d, { line: 2, character: 33 })!;
  assert.match(inner.label, /^aip\.path\.join/);
  assert.equal(inner.activeParameter, 1);
  assert.equal(signatureAt(d, { line: 3, character: 2 }), undefined);
});

test('symbols and folding', () => {
  const d = analyzeAip(aip('intro', '# Options', '```toml', 'model = "x"', '```', '', '# Weird', '# System `cache = true`', 'hi'));
  assert.deepEqual(
    documentSymbols(d).map((s) => [s.name, s.kind, s.detail, s.range.start.line, s.range.end.line]),
    [
      ['# Options', 'object', 'options (TOML)', 1, 5],
      ['# Weird', 'null', 'ignored by the runtime', 6, 6],
      ['# System `cache = true`', 'string', 'prompt part (system)', 7, 8],
    ],
  );
  assert.deepEqual(foldingRanges(d), [
    { startLine: 1, endLine: 4, kind: 'region' },
    { startLine: 7, endLine: 8, kind: 'region' },
    { startLine: 2, endLine: 4 },
  ]);
});

test('model info: alias from # Options, provider, endpoint override, key presence', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aip-lsp-model-'));
  try {
    const base = path.join(root, 'base');
    fs.mkdirSync(base);
    fs.writeFileSync(path.join(base, 'config-default.toml'), '[options]\nmodel = "gpt-5.4-mini"\n');
    const env = agentEnvFor(path.join(root, 'a.aip'), { baseDir: base, homeDir: root });
    const d = analyzeAip(aip('# Options', '```toml', 'model = "quick-high"', 'model_aliases = { quick = "claude-sonnet-5" }', '```'));
    assert.deepEqual(modelOptionAt(d, { line: 2, character: 3 }), { value: 'quick-high', range: { start: { line: 2, character: 0 }, end: { line: 2, character: 20 } } });
    const secrets: Record<string, string> = { ANTHROPIC_API_KEY: 'k', AIPACK_ANTHROPIC_BASE_URL: 'http://127.0.0.1:9/v1' };
    const info = await resolveModelInfo(d, env, (n) => secrets[n]);
    assert.equal(info.resolved, 'claude-sonnet-5-high');
    assert.equal(info.aliasSource, '# Options');
    assert.deepEqual(info.provider, { id: 'anthropic', kind: 'Anthropic', providerModel: 'claude-sonnet-5', effort: 'high' });
    assert.equal(info.endpoint, 'http://127.0.0.1:9/v1/');
    assert.equal(info.keySet, true);
    assert.ok(!modelInfoMarkdown(info).includes('k\n'), 'the key value is never shown');

    const none = await resolveModelInfo(analyzeAip(aip('# Data')), agentEnvFor(path.join(root, 'a.aip'), { baseDir: path.join(root, 'missing'), homeDir: root }), () => undefined);
    assert.equal(none.model, undefined);
    assert.equal(none.problems.length, 2);
    assert.match(none.problems[0], /config-default\.toml.*file not found/s);
    assert.equal(none.problems[1], 'No model: set `model` in # Options or in a config file');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
