import { test } from 'node:test';
import assert from 'node:assert/strict';
import { textCatalog } from '../../../src/runtime/script/aip/text';
import { caller, checkCatalogShape, throwsMessage } from '../../fixtures/aip-text/call';

const call = caller(textCatalog);

test('aip.text catalog: the 20 functions of §8.19, multi-return flags', () => {
  checkCatalogShape(
    textCatalog,
    [
      'escape_decode', 'escape_decode_if_needed', 'remove_first_line', 'remove_first_lines', 'remove_last_lines',
      'remove_last_line', 'truncate', 'replace_markers', 'extract_line_blocks', 'ensure', 'ensure_single_trailing_newline',
      'ensure_single_ending_newline', 'split_first', 'split_last', 'format_size', 'split_first_line', 'split_last_line',
      'trim', 'trim_start', 'trim_end',
    ],
    ['split_first', 'split_last', 'split_first_line', 'split_last_line', 'extract_line_blocks'],
  );
});

test('aip.text: every function returns nil (or nil, nil) for nil content', () => {
  const single: [string, unknown[]][] = [
    ['escape_decode', []], ['escape_decode_if_needed', []], ['remove_first_line', []], ['remove_first_lines', [2]],
    ['remove_last_line', []], ['remove_last_lines', [2]], ['truncate', [10, '...']], ['replace_markers', [['a']]],
    ['ensure', [{ prefix: './' }]], ['ensure_single_trailing_newline', []], ['ensure_single_ending_newline', []],
    ['format_size', []], ['trim', []], ['trim_start', []], ['trim_end', []],
  ];
  for (const [name, rest] of single) assert.equal(call(name, undefined, ...rest), undefined, name);
  for (const name of ['split_first', 'split_last', 'split_first_line', 'split_last_line']) {
    assert.deepEqual(call(name, undefined, 'SEP'), [undefined, undefined], name);
  }
  assert.deepEqual(call('extract_line_blocks', undefined, { starts_with: '>' }), [undefined, undefined]);
});

test('aip.text: content of the wrong type is an error naming the function and the type', () => {
  throwsMessage(() => call('trim', 12), 'aip.text.trim - accepted argument types are String or Nil, but was number');
  throwsMessage(() => call('split_first', {}, 'x'), 'aip.text.split_first - accepted argument types are String or Nil, but was table');
  throwsMessage(() => call('escape_decode', true), 'aip.text.escape_decode - accepted argument types are String or Nil, but was boolean');
  throwsMessage(() => call('split_first', 'a', undefined), "aip.text.split_first - expected <string> for parameter 'sep' but got nil");
  throwsMessage(() => call('remove_first_lines', 'a', 'x'), "aip.text.remove_first_lines - expected <number> for parameter 'n' but got string");
  throwsMessage(() => call('truncate', 'a', 1.5), "aip.text.truncate - expected <integer> for parameter 'max_chars' but got number");
});

test('aip.text.escape_decode and escape_decode_if_needed', () => {
  assert.equal(call('escape_decode', 'a &lt;b&gt; &amp; &#65;&#x42; &quot;q&quot; &copy; <raw>'), 'a <b> & AB "q" © <raw>');
  assert.equal(call('escape_decode_if_needed', 'fn a() -&gt; &lt;T&gt;'), 'fn a() -> <T>');
  // Without `&lt;` nothing is decoded.
  assert.equal(call('escape_decode_if_needed', 'a &amp; b -&gt; c'), 'a &amp; b -&gt; c');
});

test('aip.text.remove_first_line(s) / remove_first_lines', () => {
  assert.equal(call('remove_first_line', 'a\nb\nc'), 'b\nc');
  assert.equal(call('remove_first_line', 'single'), '');
  assert.equal(call('remove_first_line', ''), '');
  assert.equal(call('remove_first_lines', 'a\nb\nc', 2), 'c');
  assert.equal(call('remove_first_lines', 'a\nb\nc\n', 3), '');
  assert.equal(call('remove_first_lines', 'a\nb', 5), '');
  assert.equal(call('remove_first_lines', 'a\nb', 0), 'a\nb');
});

test('aip.text.remove_last_line(s) / remove_last_lines', () => {
  assert.equal(call('remove_last_line', 'a\nb\nc'), 'a\nb');
  // A final newline ends the last line: removing one line drops only that empty tail.
  assert.equal(call('remove_last_line', 'a\nb\n'), 'a\nb');
  assert.equal(call('remove_last_line', 'single'), '');
  assert.equal(call('remove_last_lines', 'a\nb\nc', 2), 'a');
  assert.equal(call('remove_last_lines', 'a\nb', 3), '');
  assert.equal(call('remove_last_lines', 'a\nb', 0), 'a\nb');
});

test('aip.text.truncate counts characters and fits the ellipsis in max_chars', () => {
  assert.equal(call('truncate', 'hello world', 8, '...'), 'hello...');
  assert.equal(call('truncate', 'hello', 5, '...'), 'hello');
  assert.equal(call('truncate', 'hello world', 5), 'hello');
  assert.equal(call('truncate', 'hello world', 2, '...'), '..');
  assert.equal(call('truncate', 'héllo wörld', 4), 'héll');
  assert.equal(call('truncate', '😀😀😀', 2), '😀😀');
});

test('aip.text.replace_markers replaces marker blocks in order', () => {
  const content = 'head\n// <<START>>\nold one\n// <<END>>\nmid\n<<START>>\nold two\n<<END>>\ntail\n';
  assert.equal(call('replace_markers', content, ['NEW1', { content: 'NEW2' }]), 'head\nNEW1\nmid\nNEW2\ntail\n');
  assert.equal(call('replace_markers', 'a\n<<START>>\nx\n<<END>>', 'ONE'), 'a\nONE');
  assert.equal(call('replace_markers', 'no markers', {}), 'no markers');
  throwsMessage(() => call('replace_markers', content, ['only one']), 'replace_markers - Not enough matching sections');
  throwsMessage(() => call('replace_markers', content, ['1', '2', '3']), 'replace_markers - Not all sections have been used');
  throwsMessage(
    () => call('replace_markers', '<<START>>\n<<START>>\n<<END>>', ['x']),
    'replace_markers - Cannot have start marker <<START>> when previous section not closed with <<END>>',
  );
  throwsMessage(
    () => call('replace_markers', 'a\n<<END>>', ['x']),
    'replace_markers - Cannot have close marker <<END>> when not having open with a <<START>>',
  );
  throwsMessage(
    () => call('replace_markers', 'a', 12),
    'aip.text.replace_markers - new_sections must be a string or a list of strings, but was number',
  );
  throwsMessage(
    () => call('replace_markers', 'a', [true]),
    "aip.text.replace_markers - new_sections items must be strings or tables with a 'content' string, but found boolean",
  );
});

test('aip.text.extract_line_blocks groups prefixed lines; extrude and first', () => {
  const content = '> one\n> two\nline1\n> three\nline2\n> four\nline3\n';
  assert.deepEqual(call('extract_line_blocks', content, { starts_with: '>' }), [['> one\n> two\n', '> three\n', '> four\n'], undefined]);
  assert.deepEqual(call('extract_line_blocks', content, { starts_with: '>', extrude: 'content' }), [
    ['> one\n> two\n', '> three\n', '> four\n'],
    'line1\nline2\nline3\n',
  ]);
  assert.deepEqual(call('extract_line_blocks', content, { starts_with: '>', extrude: 'content', first: 2 }), [
    ['> one\n> two\n', '> three\n'],
    'line1\nline2\n> four\nline3\n',
  ]);
  assert.deepEqual(call('extract_line_blocks', content, { starts_with: '>', first: 2 }), [['> one\n> two\n', '> three\n'], undefined]);
  assert.deepEqual(call('extract_line_blocks', 'x\ny', { starts_with: '>', extrude: 'content' }), [[], 'x\ny\n']);
  throwsMessage(() => call('extract_line_blocks', content, {}), 'aip.text.extract_line_blocks requires to options with {starts_with = ".."}');
  throwsMessage(() => call('extract_line_blocks', content, undefined), "aip.text.extract_line_blocks - expected <table> for parameter 'options' but got nil");
});

test('aip.text.ensure adds a missing prefix/suffix only', () => {
  assert.equal(call('ensure', 'some-path', { prefix: './', suffix: '.md' }), './some-path.md');
  assert.equal(call('ensure', './some-path.md', { prefix: './', suffix: '.md' }), './some-path.md');
  assert.equal(call('ensure', ' ~ x', { prefix: ' ~ ' }), ' ~ x');
  assert.equal(call('ensure', '~ x', { prefix: ' ~ ' }), ' ~ ~ x');
  assert.equal(call('ensure', 'x', {}), 'x');
  throwsMessage(
    () => call('ensure', 'x', { start: 'a' }),
    'Ensure argument contains invalid table property `start`. Can only contain `prefix` and/or `suffix`',
  );
  throwsMessage(() => call('ensure', 'x', 'a'), 'Ensure argument needs to be a table with the format {prefix = string, suffix = string} (both optional)');
});

test('aip.text.ensure_single_trailing_newline (and its deprecated alias)', () => {
  for (const name of ['ensure_single_trailing_newline', 'ensure_single_ending_newline']) {
    assert.equal(call(name, ''), '\n');
    assert.equal(call(name, 'code'), 'code\n');
    assert.equal(call(name, 'code\n'), 'code\n');
    assert.equal(call(name, 'code\n\n\n'), 'code\n');
    assert.equal(call(name, 'code  '), 'code  \n');
  }
});

test('aip.text.split_first / split_last', () => {
  assert.deepEqual(call('split_first', 'some first content\n===\nsecond content', '==='), ['some first content\n', '\nsecond content']);
  assert.deepEqual(call('split_first', 'some first content\n', '==='), ['some first content\n', undefined]);
  assert.deepEqual(call('split_first', 'a===', '==='), ['a', '']);
  assert.deepEqual(call('split_last', 'some == text == more', '=='), ['some == text ', ' more']);
  assert.deepEqual(call('split_last', 'line1\n==\nline2\n==\nline3', '=='), ['line1\n==\nline2\n', '\nline3']);
  assert.deepEqual(call('split_last', 'abc', '='), ['abc', undefined]);
});

test('aip.text.split_first_line: the cases of the original', () => {
  const cases: [string, string, string, string | undefined][] = [
    ['line1\nSEP\nline2', 'SEP', 'line1', 'line2'],
    ['SEP\nline2', 'SEP', '', 'line2'],
    ['line1\nSEP', 'SEP', 'line1', ''],
    ['SEP', 'SEP', '', ''],
    ['line1\nNO_MATCH\nline2', 'SEP', 'line1\nNO_MATCH\nline2', undefined],
    ['line1\nSEP\nline2\nSEP\nline3', 'SEP', 'line1', 'line2\nSEP\nline3'],
    ['', 'SEP', '', undefined],
    ['line1\n\nline2', '', 'line1', 'line2'],
    ['\nline2', '', '', 'line2'],
    ['line1\n', '', 'line1\n', undefined],
    ['line1\r\nSEP\r\nline2', 'SEP', 'line1', 'line2'],
  ];
  for (const [content, sep, a, b] of cases) assert.deepEqual(call('split_first_line', content, sep), [a, b], JSON.stringify(content));
});

test('aip.text.split_last_line: the cases of the original', () => {
  const cases: [string, string, string, string | undefined][] = [
    ['line1\nSEP\nline2', 'SEP', 'line1', 'line2'],
    ['line1\nSEP\nline2\nSEP\nline3', 'SEP', 'line1\nSEP\nline2', 'line3'],
    ['SEP\nmiddle\nSEP', 'SEP', 'SEP\nmiddle', ''],
    ['SEP', 'SEP', '', ''],
    ['', 'SEP', '', undefined],
    ['line1\n', '', 'line1\n', undefined],
  ];
  for (const [content, sep, a, b] of cases) assert.deepEqual(call('split_last_line', content, sep), [a, b], JSON.stringify(content));
});

test('aip.text.format_size: fixed width, decimal units, lowest unit, trim', () => {
  const cases: [number, string][] = [
    [777, '   777 B '], [8777, '  8.78 KB'], [88777, ' 88.78 KB'], [888777, '888.78 KB'], [888700, '888.70 KB'],
    [200000, '200.00 KB'], [2_000_000, '  2.00 MB'], [900_000_000, '900.00 MB'], [2_345_678_900, '  2.35 GB'],
    [1_234_567_890_123, '  1.23 TB'], [0, '     0 B '],
    // An exact tie rounds to even, as the original's formatter does.
    [1125, '  1.12 KB'],
  ];
  for (const [bytes, expected] of cases) assert.equal(call('format_size', bytes), expected, String(bytes));
  assert.equal(call('format_size', 1500, 'KB'), '  1.50 KB');
  assert.equal(call('format_size', 500, 'kb'), '  0.50 KB');
  assert.equal(call('format_size', 1500, { lowest_unit: 'KB', trim: true }), '1.50 KB');
  assert.equal(call('format_size', 1500, { lowest_unit: 'KB' }), '  1.50 KB');
  assert.equal(call('format_size', 12.6), '    13 B ');
  assert.equal(call('format_size', -5), '     0 B ');
  throwsMessage(() => call('format_size', '12'), 'aip.text.format_size - error converting Lua string to integer (bytes argument must be a number)');
});

test('aip.text.trim / trim_start / trim_end use Unicode whitespace', () => {
  assert.equal(call('trim', '  hello world  '), 'hello world');
  assert.equal(call('trim_start', '  hello world  '), 'hello world  ');
  assert.equal(call('trim_end', '  hello world  '), '  hello world');
  assert.equal(call('trim', '\u00a0\t x \n\u3000'), 'x');
});
