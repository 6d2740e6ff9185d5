import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mdSections, mdSplitFirst, parseHeading, rustLines } from '../../../src/runtime/script/aip/md-support';

const FX = readFileSync(join(__dirname, '../../fixtures/aip-text/md-sections.md'), 'utf8');

test('parseHeading: valid and invalid ATX headings', () => {
  assert.deepEqual(parseHeading('## Heading Two'), { content: '## Heading Two', level: 2, name: 'Heading Two' });
  assert.deepEqual(parseHeading('#\tTabbed  '), { content: '#\tTabbed  ', level: 1, name: 'Tabbed' });
  for (const bad of [' Heading', '    #### x', '####### Too many', '#NoSpace', '', '    ', '###', '# ']) {
    assert.equal(parseHeading(bad), undefined, JSON.stringify(bad));
  }
});

test('rustLines: like Rust str::lines', () => {
  assert.deepEqual(rustLines(''), []);
  assert.deepEqual(rustLines('a\nb\n'), ['a', 'b']);
  assert.deepEqual(rustLines('a\r\n\nb'), ['a', '', 'b']);
});

test('mdSections without filter: one section per heading, text before the first heading first', () => {
  const s = mdSections(FX);
  assert.equal(s.length, 5);
  assert.deepEqual(s[0], { _type: 'MdSection', content: '\nSome early text\n', heading_raw: '', heading_content: '', heading_level: 0, heading_name: '' });
  assert.equal(s[1].heading_raw, '# Heading 1\n');
  assert.equal(s[2].heading_name, 'sub heading 1-a');
  assert.equal(s[2].heading_level, 2);
  // The heading inside a code fence is content of "Heading 2".
  assert.match(s[3].content, /# Some block content for content-2/);
  assert.equal(s[4].heading_name, 'Heading three');
  assert.equal(s[4].content, '\n \n');
});

test('mdSections with a heading filter: the section with its sub-sections, own heading excluded', () => {
  const [h1, ...more] = mdSections(FX, ['# Heading 1   ']);
  assert.equal(more.length, 0);
  assert.equal(h1.heading_content, '# Heading 1');
  assert.match(h1.content, /heading-1-content/);
  assert.match(h1.content, /## sub heading 1-a/);
  assert.match(h1.content, /heading-1-a-blockquote/);
  assert.doesNotMatch(h1.content, /# Heading 1|early text|content-2/);

  const [sub] = mdSections(FX, ['## sub heading 1-a']);
  assert.match(sub.content, /> Some heading-1-a-blockquote/);
  assert.doesNotMatch(sub.content, /heading-1-content|content-2/);

  const [lvl0, ...none] = mdSections(FX, ['']);
  assert.equal(none.length, 0);
  assert.equal(lvl0.heading_level, 0);
  assert.equal(lvl0.content, '\nSome early text');
});

test('mdSections: adjacent requested sections are both returned; headings without text give empty sections', () => {
  const md = '# A\na text\n# B\nb text\n# C\nc text\n';
  assert.deepEqual(mdSections(md, ['# A', '# B']).map((s) => [s.heading_name, s.content]), [['A', 'a text'], ['B', 'b text']]);
  assert.deepEqual(mdSections('# A\n# B\ntext').map((s) => [s.heading_name, s.content]), [['A', ''], ['B', 'text\n']]);
  assert.throws(() => mdSections(md, ['not a heading']), { message: "read_md_section - ref 'not a heading' is not a valid markdown heading" });
});

test('mdSplitFirst: before is "", first section, then the rest starting at the next heading', () => {
  const { before, first, after } = mdSplitFirst(FX);
  assert.equal(before, '');
  assert.ok(first);
  assert.equal(first.heading_level, 0);
  assert.ok(after.startsWith('# Heading 1\n'));
  assert.equal(before + first.heading_raw + first.content + after, FX.replace(/\n$/, ''));
  assert.deepEqual(mdSplitFirst(''), { before: '', after: '' });
  const h = mdSplitFirst('# Only\nbody\n## Sub\nx');
  assert.equal(h.first?.heading_name, 'Only');
  assert.equal(h.first?.content, 'body\n');
  assert.equal(h.after, '## Sub\nx');
});
