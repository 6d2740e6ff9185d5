import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isTruthy, renderTemplate, renderValue } from '../../../src/runtime/run/handlebars';
import { LuaFloat } from '../../../src/runtime/script/catalog';

const r = renderTemplate;

test('renderTemplate: prompt data root {input, data, before_all}, missing paths empty', () => {
  const data = { input: { path: 'src/a.rs', content: 'fn a() {}' }, data: { lang: 'rust' }, before_all: null };
  assert.equal(r('File {{input.path}} ({{data.lang}}){{before_all.x}}{{nothing.deep.path}}', data), 'File src/a.rs (rust)');
  assert.equal(r('{{input}}', { input: 'plain string input' }), 'plain string input');
});

test('renderTemplate: HTML escaping is off for {{x}} and {{{x}}}', () => {
  assert.equal(r('{{a}}|{{{a}}}|{{&a}}', { a: `<b> & "q" 'x' \`` }), `<b> & "q" 'x' \`|<b> & "q" 'x' \`|<b> & "q" 'x' \``);
});

test('renderTemplate: values print like the Rust engine', () => {
  assert.equal(r('{{n}} {{f}} {{t}} {{fl}} [{{nul}}] {{arr}} {{obj}} {{nested}}', {
    n: 42, f: 1.5, t: true, fl: false, nul: null, arr: [1, 'a', true], obj: { a: 1 }, nested: [[1, 2], { x: 1 }],
  }), '42 1.5 true false [] [1, a, true] [object] [[1, 2], [object]]');
  assert.equal(renderValue(undefined), '');
  // Floats that must stay floats (e.g. from a YAML/TOML `1.0`) print as the original's f64.
  assert.equal(r('{{f}} {{g}} {{#if z}}T{{else}}F{{/if}} {{eq f 1}}', { f: new LuaFloat(1), g: new LuaFloat(2.5), z: new LuaFloat(0) }), '1.0 2.5 F true');
});

test('renderTemplate: if/unless/with use Rust truthiness (empty table and 0 are false)', () => {
  const t = '{{#if v}}T{{else}}F{{/if}}';
  const cases: [unknown, string][] = [
    [{}, 'F'], [[], 'F'], [0, 'F'], ['', 'F'], [null, 'F'], [false, 'F'],
    [{ a: 1 }, 'T'], [[0], 'T'], [-1, 'T'], ['0', 'T'], [true, 'T'],
  ];
  for (const [v, expected] of cases) assert.equal(r(t, { v }), expected, JSON.stringify(v));
  assert.equal(r('{{#if v includeZero=true}}T{{else}}F{{/if}}', { v: 0 }), 'T');
  assert.equal(r('{{#unless v}}U{{else}}N{{/unless}}', { v: {} }), 'U');
  assert.equal(r('{{#with v}}W{{a}}{{else}}none{{/with}}', { v: {} }), 'none');
  assert.equal(r('{{#with v}}W{{a}}{{else}}none{{/with}}', { v: { a: 1 } }), 'W1');
  assert.equal(isTruthy(Number.MIN_VALUE), false);
});

test('renderTemplate: each over lists and tables with @index/@key/@first/@last, else branch', () => {
  assert.equal(r('{{#each l}}{{@index}}={{this}}{{#unless @last}},{{/unless}}{{/each}}', { l: ['a', 'b'] }), '0=a,1=b');
  assert.equal(r('{{#each o}}{{@key}}:{{this}};{{/each}}', { o: { x: 1, y: 2 } }), 'x:1;y:2;');
  assert.equal(r('{{#each l}}x{{else}}empty{{/each}}', { l: {} }), 'empty');
  assert.equal(r('{{#each l as |item i|}}{{i}}{{item.n}}{{/each}}', { l: [{ n: 'a' }] }), '0a');
  // Standalone block lines leave no blank lines behind.
  assert.equal(r('Files:\n{{#each files}}\n- {{this.path}}\n{{/each}}\nEnd', { files: [{ path: 'a' }, { path: 'b' }] }), 'Files:\n- a\n- b\nEnd');
});

test('renderTemplate: comparison and logic helpers', () => {
  const d = { a: 1, b: 2, s: 'x', n: '10', l: [1, 2, 3], o: { k: 1, j: 2 }, u: 'héllo' };
  assert.equal(r('{{eq a 1}} {{eq s "x"}} {{ne a b}} {{eq l l}} {{eq missing null}}', d), 'true true true true true');
  assert.equal(r('{{gt b a}} {{gte a 1}} {{lt a b}} {{lte b 1}} {{gt n 9}} {{lt "a" "b"}} {{gt l 1}}', d), 'true true true false true true false');
  assert.equal(r('{{and a s}} {{and a 0}} {{or 0 ""}} {{or 0 s}} {{not o}} {{not 0}}', d), 'true false false true false true');
  assert.equal(r('{{len l}} {{len o}} {{len u}} {{len a}}', d), '3 2 6 0');
  assert.equal(r('{{#if (gt (len l) 2)}}many{{/if}}', d), 'many');
});

test('renderTemplate: lookup, raw blocks, log, inline partials, comments', () => {
  assert.equal(r('{{lookup l 1}} {{lookup o "k"}} {{lookup o key}}', { l: ['a', 'b'], o: { k: 'v', z: 'w' }, key: 'z' }), 'b v w');
  assert.equal(r('{{{{raw}}}}{{not rendered}}{{{{/raw}}}}', {}), '{{not rendered}}');
  assert.equal(r('a{{log "hidden"}}b{{! comment }}c', {}), 'abc');
  assert.equal(r('{{#*inline "item"}}<{{name}}>{{/inline}}{{#each l}}{{> item}}{{/each}}', { l: [{ name: 'x' }, { name: 'y' }] }), '<x><y>');
  assert.equal(r('{{#with o}}{{../x}}{{@root.x}}{{a}}{{/with}}', { x: 'X', o: { a: 1 } }), 'XX1');
});

test('renderTemplate: errors (syntax, unknown helper, missing partial)', () => {
  assert.throws(() => r('{{#each l}}', {}), /Parse error on line 1/);
  assert.throws(() => r('{{format x}}', { x: 1 }), { message: 'Helper not found format' });
  assert.throws(() => r('{{> nopartial}}', {}), { message: 'Partial not found nopartial' });
});

test('renderTemplate: the same template renders with different data (cache)', () => {
  assert.equal(r('{{x}}', { x: 1 }), '1');
  assert.equal(r('{{x}}', { x: 2 }), '2');
});
