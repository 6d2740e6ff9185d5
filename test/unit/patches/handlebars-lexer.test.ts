// Guards patches/handlebars+4.7.10.patch (applied by `patch-package` on install): handlebars.js's
// lexer reads a closing run of braces the way handlebars-rust's grammar does. These run against
// the bare library (not our renderer), so they fail as soon as the patch is missing or stale.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Handlebars from 'handlebars';

const render = (tpl: string, data: unknown) => Handlebars.create().compile(tpl, { noEscape: true })(data);

test('patch: `{{x}}}` is `{{x}}` then a literal `}` (rust grammar: `expression` then `raw_text`)', () => {
  assert.equal(render('[{{name}}}]', { name: 'a' }), '[a}]');
  assert.equal(render('{{#if x}}}{{/if}}}', { x: true }), '}}');
  assert.equal(render('{{x}}}}', { x: 1 }), '1}}');
});

test('patch: a `{{{` open still takes `}}}`, and any brace after it stays text', () => {
  assert.equal(render('{{{v}}}', { v: '<b>' }), '<b>');
  assert.equal(render('{{{v}}}}', { v: 'a' }), 'a}');
  assert.equal(render('{{{v}}}}}', { v: 'a' }), 'a}}');
});

test('patch: `{{{{raw}}}}` blocks still open and close with four braces', () => {
  const hb = Handlebars.create();
  hb.registerHelper('raw', (options: Handlebars.HelperOptions) => options.fn(undefined));
  assert.equal(hb.compile('{{{{raw}}}}{{x}}}{{{{/raw}}}}', { noEscape: true })({}), '{{x}}}');
});

test('patch: lexer state does not leak from a failed parse into the next template', () => {
  assert.throws(() => Handlebars.parse('{{{a'));
  assert.throws(() => Handlebars.parse('{{{{a'));
  assert.equal(render('{{a}}}', { a: 2 }), '2}');
});

test('patch: a `{{{` open closed with only `}}` is still a parse error (as in handlebars-rust)', () => {
  assert.throws(() => Handlebars.parse('{{{a}}'), /Parse error/);
});

test('patch: the triple forms with whitespace control inside, as handlebars-rust takes them', () => {
  assert.equal(render('  {{~ {foo} ~}}  ', { foo: '<b/>' }), '<b/>');
  assert.equal(render('  {{{~ foo ~}}}  ', { foo: '<b/>' }), '<b/>');
  assert.equal(render('  {{~{foo}~}}  |', { foo: 'x' }), 'x|');
  assert.equal(render('  {{{foo}}}  ', { foo: 'x' }), '  x  ');
  assert.throws(() => Handlebars.parse('{{x} }}'), /Parse error|Lexical error/);
});
