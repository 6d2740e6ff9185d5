// §1.4 Prompt part sections.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAgentDoc } from '../../../src/runtime/agent/parse';
import { aip } from './helpers';

const F = 'main.aip';

test('content keeps every line (fences, ## headings, blank lines) plus a trailing \\n', () => {
  const doc = parseAgentDoc(
    aip('# Instruction', '', 'Intro {{input.path}}', '## Sub', '```{{input.ext}}', '# inside fence', '```', '', '# Output', '```lua', '```'),
    F,
  );
  assert.deepEqual(doc.promptParts, [
    {
      kind: 'Instruction',
      content: '\nIntro {{input.path}}\n## Sub\n```{{input.ext}}\n# inside fence\n```\n\n',
      headingLine: 1,
    },
  ]);
});

test('each heading makes a new part, even for the same kind, in file order', () => {
  const doc = parseAgentDoc(aip('# System', 's1', '# User', 'u1', '# Assistant', 'a1', '# User', 'u2', '# System', 's2'), F);
  assert.deepEqual(
    doc.promptParts.map((p) => [p.kind, p.content, p.headingLine]),
    [
      ['System', 's1\n', 1],
      ['Instruction', 'u1\n', 3],
      ['Assistant', 'a1\n', 5],
      ['Instruction', 'u2\n', 7],
      ['System', 's2\n', 9],
    ],
  );
});

test('a part with no lines has empty content (kept: dropping happens after rendering)', () => {
  const doc = parseAgentDoc(aip('# System', '# Instruction', 'x'), F);
  assert.deepEqual(doc.promptParts[0], { kind: 'System', content: '', headingLine: 1 });
  const blank = parseAgentDoc(aip('# System', '', '# Instruction', 'x'), F);
  assert.equal(blank.promptParts[0].content, '\n');
});

test('options string is the text inside backticks of the lower-cased heading', () => {
  const doc = parseAgentDoc(
    aip('# System `cache = true`', 's', '# User `Cache = {{data.UseCache}}`', 'u', '# Inst', 'i', '# Model ``', 'm', '# Assistant `a = 1` `b = 2`', 'x'),
    F,
  );
  assert.deepEqual(
    doc.promptParts.map((p) => p.optionsStr),
    ['cache = true', 'cache = {{data.usecache}}', undefined, undefined, 'a = 1'],
  );
  assert.equal('optionsStr' in doc.promptParts[2], false, 'absent, not undefined-valued');
});

test('the part kind is read before the first backtick', () => {
  const doc = parseAgentDoc(aip('# Jedi Trick`cache=true`', 'j', '# System extra `cache = true`', 'not a part'), F);
  assert.deepEqual(doc.promptParts, [{ kind: 'Assistant', content: 'j\n', optionsStr: 'cache=true', headingLine: 1 }]);
  assert.equal(doc.sections[1].kind, 'Unknown');
});

test('a part ends at the next level-1 heading outside a fence, including unknown ones', () => {
  const doc = parseAgentDoc(aip('# System', 'a', '````', '# Notes', '```', '````', 'b', '# Notes', 'c'), F);
  assert.equal(doc.promptParts[0].content, 'a\n````\n# Notes\n```\n````\nb\n');
});

test('the last part runs to the end of the file', () => {
  const doc = parseAgentDoc('# Instruction\nline 1\n\nline 3', F);
  assert.equal(doc.promptParts[0].content, 'line 1\n\nline 3\n');
});
