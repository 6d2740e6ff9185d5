import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeCatalog } from '../../../src/runtime/script/aip/code';
import { caller, checkCatalogShape, throwsMessage } from '../../fixtures/aip-text/call';

const call = caller(codeCatalog);

test('aip.code catalog: comment_line', () => {
  checkCatalogShape(codeCatalog, ['comment_line'], []);
});

test('aip.code.comment_line: syntax per extension, case-insensitive and trimmed', () => {
  const cases: [string, string, string][] = [
    ['rs', 'Rust comment', '// Rust comment'],
    ['lua', 'Lua comment', '-- Lua comment'],
    ['sql', 'SQL comment', '-- SQL comment'],
    ['html', 'HTML comment', '<!-- HTML comment -->'],
    ['css', 'CSS comment', '/* CSS comment */'],
    ['pcss', 'PCSS comment', '/* PCSS comment */'],
    ['py', 'Python comment', '# Python comment'],
    ['js', 'JavaScript comment', '// JavaScript comment'],
    ['  Rs ', '  Another Rust comment  ', '//   Another Rust comment  '],
    ['PY', 'x', '# x'],
  ];
  for (const [ext, text, expected] of cases) assert.equal(call('comment_line', ext, text), expected);
  assert.equal(call('comment_line', 'lua', 42), '-- 42');
});

test('aip.code.comment_line: argument errors', () => {
  throwsMessage(() => call('comment_line', undefined, 'x'), "aip.code.comment_line - expected <string> for parameter 'ext' but got nil");
  throwsMessage(() => call('comment_line', 'rs', {}), "aip.code.comment_line - expected <string> for parameter 'text' but got table");
});
