import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hbsCatalog } from '../../../src/runtime/script/aip/hbs';
import { caller, checkCatalogShape, throwsMessage } from '../../fixtures/aip-text/call';

const call = caller(hbsCatalog);

test('aip.hbs catalog: render', () => {
  checkCatalogShape(hbsCatalog, ['render'], []);
});

test('aip.hbs.render: values, nested paths, lists', () => {
  assert.equal(call('render', 'Hello, {{name}}!', { name: 'World' }), 'Hello, World!');
  assert.equal(call('render', 'ID: {{id}}, Nested: {{nested.value}}', { id: 42, nested: { value: 'test' } }), 'ID: 42, Nested: test');
  const tpl = 'Hello {{name}},\n\nYour tasks today:\n\n{{#each todos}}\n- {{this}}\n{{/each}}\n\nHave a good day\n';
  assert.equal(
    call('render', tpl, { name: 'Jen Donavan', todos: ['Bug Triage AIPACK', 'Fix Windows Support'] }),
    'Hello Jen Donavan,\n\nYour tasks today:\n\n- Bug Triage AIPACK\n- Fix Windows Support\n\nHave a good day\n',
  );
});

test('aip.hbs.render: no HTML escaping; nil data renders missing values empty', () => {
  assert.equal(call('render', '{{code}} {{{code}}}', { code: '<a href="x">&</a>' }), '<a href="x">&</a> <a href="x">&</a>');
  assert.equal(call('render', 'a{{x}}b', undefined), 'ab');
});

test('aip.hbs.render: errors carry the function name', () => {
  throwsMessage(() => call('render', '{{nope 1}}', {}), 'aip.hbs.render - Helper not found nope');
  assert.throws(() => call('render', '{{#if x}}', {}), /^Error: aip\.hbs\.render - Parse error on line 1/);
  throwsMessage(() => call('render', undefined, {}), "aip.hbs.render - expected <string> for parameter 'template' but got nil");
});
