// §1.1 Section detection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAgentDoc } from '../../../src/runtime/agent/parse';
import { sectionKindOf } from '../../../src/runtime/agent/headings';
import { aip } from './helpers';

const F = 'main.aip';

test('headings are matched trimmed and case-insensitively', () => {
  const doc = parseAgentDoc(aip('#   BEFORE ALL   ', '```lua', 'a()', '```', '# before all', '```lua', 'b()', '```'), F);
  assert.equal(doc.beforeAll?.code, 'a()\nb()\n');
  assert.deepEqual(
    doc.sections.map((s) => [s.kind, s.title]),
    [
      ['BeforeAll', 'BEFORE ALL'],
      ['BeforeAll', 'before all'],
    ],
  );
});

test('#Data without a space is a heading', () => {
  const doc = parseAgentDoc(aip('#Data', '```lua', 'return 1', '```'), F);
  assert.equal(doc.data?.code, 'return 1\n');
});

test('## lines are not level-1 headings and do not end a section', () => {
  const doc = parseAgentDoc(aip('# Instruction', 'a', '## Data', 'b', '### Output', 'c'), F);
  assert.equal(doc.data, undefined);
  assert.equal(doc.promptParts.length, 1);
  assert.equal(doc.promptParts[0].content, 'a\n## Data\nb\n### Output\nc\n');
  assert.equal(doc.sections.length, 1);
});

test('a heading with leading spaces is not a heading', () => {
  const doc = parseAgentDoc(aip('# System', 'one', ' # Instruction', 'two'), F);
  assert.equal(doc.promptParts.length, 1);
  assert.equal(doc.promptParts[0].content, 'one\n # Instruction\ntwo\n');
});

test('a # line inside a fence is never a heading, in any section', () => {
  const doc = parseAgentDoc(
    aip('# Notes', '```md', '# Data', '```', '# Instruction', '```', '# Output', '```', 'end'),
    F,
  );
  assert.deepEqual(
    doc.sections.map((s) => s.kind),
    ['Unknown', 'Instruction'],
  );
  assert.equal(doc.data, undefined);
  assert.equal(doc.promptParts[0].content, '```\n# Output\n```\nend\n');
});

test('all aliases map to their kinds', () => {
  const names: [string, string][] = [
    ['options', 'Options'],
    ['before all', 'BeforeAll'],
    ['data', 'Data'],
    ['output', 'Output'],
    ['after all', 'AfterAll'],
    ['system', 'System'],
    ['instruction', 'Instruction'],
    ['user', 'Instruction'],
    ['inst', 'Instruction'],
    ['assistant', 'Assistant'],
    ['model', 'Assistant'],
    ['mind trick', 'Assistant'],
    ['jedi trick', 'Assistant'],
    ['Jedi Trick', 'Assistant'],
  ];
  for (const [title, kind] of names) assert.equal(sectionKindOf(title), kind, title);
  const doc = parseAgentDoc(aip('# User', 'u', '# Inst', 'i', '# Model', 'm', '# Mind Trick', 'k', '# JEDI TRICK', 'j'), F);
  assert.deepEqual(
    doc.promptParts.map((p) => [p.kind, p.content]),
    [
      ['Instruction', 'u\n'],
      ['Instruction', 'i\n'],
      ['Assistant', 'm\n'],
      ['Assistant', 'k\n'],
      ['Assistant', 'j\n'],
    ],
  );
});

test('near-miss headings are unknown: the match is exact after trim/lowercase', () => {
  for (const title of ['Data stage', 'Before  All', 'beforeall', 'Systems', 'Data `x`', '']) {
    assert.equal(sectionKindOf(title), 'Unknown', JSON.stringify(title));
  }
  const doc = parseAgentDoc(aip('# Data stage', '```lua', 'return 1', '```'), F);
  assert.equal(doc.data, undefined);
});

test('an unknown heading ends the current section; its content is ignored', () => {
  const doc = parseAgentDoc(
    aip('# System', 'kept', '# Notes', 'ignored', '```lua', 'ignored()', '```', '# Data', '```lua', 'kept()', '```', '#', 'ignored too'),
    F,
  );
  assert.equal(doc.promptParts.length, 1);
  assert.equal(doc.promptParts[0].content, 'kept\n');
  assert.equal(doc.data?.code, 'kept()\n');
  assert.deepEqual(
    doc.sections.map((s) => [s.kind, s.title]),
    [
      ['System', 'System'],
      ['Unknown', 'Notes'],
      ['Data', 'Data'],
      ['Unknown', ''],
    ],
  );
});

test('text before the first heading is ignored, even fences', () => {
  const doc = parseAgentDoc(aip('intro', '```lua', 'return "x"', '```', '# System', 's'), F);
  assert.equal(doc.beforeAll, undefined);
  assert.equal(doc.data, undefined);
  assert.deepEqual(doc.promptParts.map((p) => p.content), ['s\n']);
  assert.equal(doc.sections[0].line, 5);
});

test('sections may come in any order; prompt parts keep file order', () => {
  const doc = parseAgentDoc(
    aip('# Output', '```lua', 'o()', '```', '# Instruction', 'i', '# Data', '```lua', 'd()', '```', '# System', 's'),
    F,
  );
  assert.equal(doc.output?.code, 'o()\n');
  assert.equal(doc.data?.code, 'd()\n');
  assert.deepEqual(doc.promptParts.map((p) => p.kind), ['Instruction', 'System']);
});

test('SectionInfo: kind, title in original case, line and inclusive endLine', () => {
  const doc = parseAgentDoc(aip('pre', '# Notes', 'x', '', '#  System `Cache = true` ', 'y', '# Data', '```lua', '```'), F);
  assert.deepEqual(doc.sections, [
    { kind: 'Unknown', title: 'Notes', line: 2, endLine: 4 },
    { kind: 'System', title: 'System `Cache = true`', line: 5, endLine: 6 },
    { kind: 'Data', title: 'Data', line: 7, endLine: 9 },
  ]);
});

test('a heading on the last line ends on itself', () => {
  const doc = parseAgentDoc('# System\nhello\n# Instruction', F);
  assert.deepEqual(doc.sections.at(-1), { kind: 'Instruction', title: 'Instruction', line: 3, endLine: 3 });
  assert.deepEqual(doc.promptParts.map((p) => p.content), ['hello\n', '']);
});

test('CRLF input parses like LF input', () => {
  const lf = aip('# Options', '```toml', 'model = "m"', '```', '# System `cache = true`', 'a', '', 'b', '# Data', '```lua', 'return 1', '```');
  const crlf = lf.replace(/\n/g, '\r\n');
  assert.deepEqual(parseAgentDoc(crlf, F), parseAgentDoc(lf, F));
  assert.equal(parseAgentDoc(crlf, F).promptParts[0].content, 'a\n\nb\n');
});

test('a leading BOM does not hide the first heading', () => {
  const doc = parseAgentDoc('\uFEFF# Data\n```lua\nreturn 1\n```\n', F);
  assert.equal(doc.data?.code, 'return 1\n');
});

test('empty text gives an empty doc', () => {
  assert.deepEqual(parseAgentDoc('', F), { promptParts: [], sections: [], problems: [] });
});
