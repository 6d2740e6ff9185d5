import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTagAttrs, tagCatalog } from '../../../src/runtime/script/aip/tag';
import { caller, checkCatalogShape, throwsMessage } from '../../fixtures/aip-text/call';

const call = caller(tagCatalog);
const CONTENT = 'Prefix <A>one</A> middle <B>two</B> suffix <A>three</A>';

test('aip.tag catalog: 3 functions, all multi-return', () => {
  checkCatalogShape(tagCatalog, ['extract', 'extract_as_map', 'extract_as_multi_map'], ['extract', 'extract_as_map', 'extract_as_multi_map']);
});

test('aip.tag.extract: elements in order; rest only with extrude', () => {
  assert.deepEqual(call('extract', CONTENT, ['A', 'B']), [
    [
      { tag: 'A', content: 'one' },
      { tag: 'B', content: 'two' },
      { tag: 'A', content: 'three' },
    ],
  ]);
  const [elems, rest] = call('extract', 'Prefix <A>one</A> middle <B>two</B> suffix', ['A', 'B'], { extrude: 'content' }) as [unknown[], string];
  assert.equal(elems.length, 2);
  assert.equal(rest, 'Prefix  middle  suffix');
  assert.deepEqual(call('extract', 'No tags here.', 'X', { extrude: 'content' }), [[], 'No tags here.']);
});

test('aip.tag.extract: attributes, self-closing tags, multi-line content, name trimming', () => {
  const text = 'x <FILE path="src/a.rs" mode=\'new\' flag>\nfn a() {}\n</FILE> y <DONE/> <DONE status=ok />';
  assert.deepEqual(call('extract', text, [' FILE ', 'DONE']), [
    [
      { tag: 'FILE', attrs: { path: 'src/a.rs', mode: 'new', flag: '' }, content: '\nfn a() {}\n' },
      { tag: 'DONE', content: '' },
      { tag: 'DONE', attrs: { status: 'ok' }, content: '' },
    ],
  ]);
});

test('aip.tag.extract: longer names are not matched by a prefix; case-sensitive; no nesting', () => {
  assert.deepEqual(call('extract', '<FILEX>no</FILEX><FILE>yes</FILE><file>low</file>', 'FILE'), [[{ tag: 'FILE', content: 'yes' }]]);
  // The first closing tag ends the element.
  assert.deepEqual(call('extract', '<A>x<A>y</A>z</A>', 'A'), [[{ tag: 'A', content: 'x<A>y' }]]);
});

test('aip.tag.extract: an unclosed tag ends the scan (text after it is kept in rest)', () => {
  assert.deepEqual(call('extract', 'a <A>one</A> b <A>open <B>two</B>', ['A', 'B'], { extrude: 'content' }), [
    [{ tag: 'A', content: 'one' }],
    'a  b <A>open <B>two</B>',
  ]);
});

test('aip.tag.extract_as_map: last occurrence wins', () => {
  assert.deepEqual(call('extract_as_map', CONTENT, ['A', 'B']), [
    { A: { tag: 'A', content: 'three' }, B: { tag: 'B', content: 'two' } },
  ]);
  const [, rest] = call('extract_as_map', CONTENT, ['A', 'B'], { extrude: 'content' }) as [unknown, string];
  assert.equal(rest, 'Prefix  middle  suffix ');
});

test('aip.tag.extract_as_multi_map: all occurrences per tag', () => {
  assert.deepEqual(call('extract_as_multi_map', CONTENT, ['A', 'B'], { extrude: 'content' }), [
    {
      A: [
        { tag: 'A', content: 'one' },
        { tag: 'A', content: 'three' },
      ],
      B: [{ tag: 'B', content: 'two' }],
    },
    'Prefix  middle  suffix ',
  ]);
});

test('aip.tag: errors for names and options', () => {
  // aipack's own texts (aip_tag.rs), whichever tag function is called.
  throwsMessage(() => call('extract_as_map', 'x', undefined), 'aip.tag.extract requires tag_names');
  throwsMessage(() => call('extract_as_map', 'x', ['A', '  ']), 'tag_names cannot contain empty entries after trimming');
  throwsMessage(() => call('extract_as_multi_map', 'x', {}), 'tag_names list must not be empty');
  throwsMessage(() => call('extract', 'x', [true]), 'error converting Lua table to Vec<String> (aip.tag.extract tag_names - Table contains non-string values)');
  throwsMessage(() => call('extract', 'x', 12), 'error converting Lua unknown to Vec<String> (aip.tag.extract tag_names - Expected a string or a list of strings)');
  throwsMessage(() => call('extract', 'x', 'A', { extrude: 'all' }), "aip.tag.extract - extrude must be = to 'content' for now");
  throwsMessage(() => call('extract', 'x', 'A', 'content'), "aip.tag.extract - expected <table> for parameter 'options' but got string");
  throwsMessage(() => call('extract', undefined, 'A'), "aip.tag.extract - expected <string> for parameter 'content' but got nil");
});

test('parseTagAttrs: quoting, bare values, flags, unclosed quote', () => {
  assert.equal(parseTagAttrs('   '), undefined);
  assert.deepEqual(parseTagAttrs(' a="1 2" b=\'x\' c=3 d e = "sp" '), { a: '1 2', b: 'x', c: '3', d: '', e: 'sp' });
  assert.deepEqual(parseTagAttrs('k="open'), { k: 'open' });
  assert.deepEqual(parseTagAttrs('=v k=1'), { k: '1' });
});
