// Whole agents: the §1.7 illustrative agent and a realistic multi-stage one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAgentDoc } from '../../../src/runtime/agent/parse';
import { parseOptionsBlock } from '../../../src/runtime/agent/options-block';
import type { ScriptBlock } from '../../../src/runtime/agent/types';
import { fixturePath, readFixture } from './helpers';

/** Every captured line must be the very line the lineMap points at. */
function assertLineMap(text: string, block: ScriptBlock | undefined) {
  assert.ok(block);
  const lines = text.split('\n');
  const code = block.code.split('\n');
  assert.equal(code.pop(), '', 'code ends with \\n');
  assert.equal(code.length, block.lineMap.length);
  code.forEach((l, i) => assert.equal(lines[block.lineMap[i] - 1], l, `code line ${i + 1}`));
}

test('§1.7 illustrative agent', () => {
  const text = readFixture('illustrative.aip');
  const file = fixturePath('illustrative.aip');
  const doc = parseAgentDoc(text, file);

  assert.deepEqual(doc.options, {
    code: 'model = "mini-low"          # alias + reasoning suffix\ninput_concurrency = 4\n',
    lineMap: [6, 7],
  });
  assert.deepEqual(parseOptionsBlock(doc, file), { model: 'mini-low', input_concurrency: 4 });
  assert.deepEqual(doc.data, {
    code: 'local rec = aip.file.load(input.path)\nif not rec.content:find("%S") then return aip.flow.skip("empty file") end\nreturn { body = rec.content }\n',
    lineMap: [21, 22, 23],
  });
  assert.deepEqual(doc.beforeAll?.lineMap, [12, 13, 14, 15, 16]);
  assert.deepEqual(doc.output?.lineMap, [37, 38]);
  assert.deepEqual(doc.afterAll?.lineMap, [43, 44, 45]);
  for (const b of [doc.options, doc.beforeAll, doc.data, doc.output, doc.afterAll]) assertLineMap(text, b);

  assert.deepEqual(doc.promptParts, [
    {
      kind: 'System',
      content: 'You review files. Answer with a short summary.\n\n',
      optionsStr: 'cache = true',
      headingLine: 26,
    },
    {
      kind: 'Instruction',
      content: 'File `{{input.path}}`:\n```{{input.ext}}\n{{data.body}}\n```\n\n',
      headingLine: 29,
    },
  ]);
  assert.deepEqual(
    doc.sections.map((s) => [s.kind, s.line, s.endLine]),
    [
      ['Unknown', 1, 3],
      ['Options', 4, 9],
      ['BeforeAll', 10, 18],
      ['Data', 19, 25],
      ['System', 26, 28],
      ['Instruction', 29, 34],
      ['Output', 35, 40],
      ['AfterAll', 41, 46],
    ],
  );
  assert.deepEqual(doc.problems, []);
});

test('realistic multi-stage agent', () => {
  const text = readFixture('multi-stage.aip');
  const file = fixturePath('multi-stage.aip');
  const doc = parseAgentDoc(text, file);

  assert.deepEqual(doc.options?.lineMap, [22, 23, 24, 25, 26, 27, 28], 'the json fence is skipped');
  assert.deepEqual(parseOptionsBlock(doc, file), {
    model: 'flash-low',
    temperature: 0.2,
    input_concurrency: 3,
    model_aliases: { flash: 'gemini-3.5-flash' },
  });
  assert.match(doc.beforeAll!.code, /^-- a four-backtick block[\s\S]*```md\n# not a heading\n```\n\]\]\nreturn aip\.flow/);
  assert.deepEqual(doc.beforeAll?.lineMap, [34, 35, 36, 37, 38, 39, 40]);
  assert.deepEqual(doc.data?.lineMap, [46, 47], 'second lua block ignored');
  assert.equal(doc.output?.code, 'local content = ai_response.content\naip.file.save(input.path, content)\nreturn input.path\n');
  assert.deepEqual(doc.output?.lineMap, [82, 92, 93], 'the repeated # output heading appends');
  assert.equal(doc.afterAll?.code, 'return #outputs\n');
  for (const b of [doc.options, doc.beforeAll, doc.data, doc.output, doc.afterAll]) assertLineMap(text, b);

  assert.deepEqual(
    doc.promptParts.map((p) => [p.kind, p.headingLine, p.optionsStr]),
    [
      ['System', 55, undefined],
      ['Instruction', 63, 'cache = {{data.use_cache}}'],
      ['Assistant', 75, undefined],
    ],
  );
  assert.equal(doc.promptParts[0].content, '\nYou are a careful technical writer.\n\n## Rules (a level-2 heading stays in the part)\n\n- Keep code unchanged.\n\n');
  assert.equal(
    doc.promptParts[1].content,
    '\nHere is the file `{{input.path}}`:\n\n````{{data.ext}}\n{{data.content}}\n````\n\n```md\n# a level-1 line inside a fence stays in the part\n```\n\n',
  );
  assert.deepEqual(
    doc.sections.map((s) => s.kind),
    ['Unknown', 'Options', 'BeforeAll', 'Data', 'System', 'Instruction', 'Assistant', 'Output', 'Unknown', 'Output', 'AfterAll'],
  );
  assert.deepEqual(doc.problems, [{ severity: 'warning', line: 50, message: 'only the first ```lua block of # Data is used; this one is ignored' }]);
});
