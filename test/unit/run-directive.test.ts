import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readDirective, wrongStageMessage } from '../../src/runtime/run/directive';
import { flowCatalog } from '../../src/runtime/script/aip/flow';

const call = { fnName: 'aip.flow.x', host: {} as never, signal: new AbortController().signal };
const flow = (name: string, ...args: unknown[]) => flowCatalog.entries.find((e) => e.name === name)!.impl({ ...call, fnName: `aip.flow.${name}` }, ...args);

test('plain values are not directives', () => {
  assert.deepEqual(readDirective('x'), { value: 'x' });
  assert.deepEqual(readDirective({ a: 1 }), { value: { a: 1 } });
  assert.deepEqual(readDirective(undefined), { value: undefined });
});

test('skip with and without reason; redo', () => {
  assert.deepEqual(readDirective(flow('skip', 'empty')), { directive: { kind: 'Skip', reason: 'empty' } });
  assert.deepEqual(readDirective(flow('skip')), { directive: { kind: 'Skip', reason: undefined } });
  assert.deepEqual(readDirective(flow('redo_run')), { directive: { kind: 'Redo' } });
  assert.throws(() => flow('skip', 12), /aip.flow.skip - expected <string> for parameter 'reason' but got number/);
});

test('before_all_response field rules (§2.4)', () => {
  const r = readDirective(flow('before_all_response', { inputs: ['a', 'b'], before_all: { x: 1 }, options: { model: 'm' } }));
  assert.deepEqual(r, { directive: { kind: 'BeforeAllResponse', response: { inputs: ['a', 'b'], beforeAll: { x: 1 }, options: { model: 'm' } } } });
  // {} → empty list; nil keeps; non-table arg → empty response
  assert.deepEqual(readDirective(flow('before_all_response', { inputs: {} })), { directive: { kind: 'BeforeAllResponse', response: { inputs: [] } } });
  assert.deepEqual(readDirective(flow('before_all_response', {})), { directive: { kind: 'BeforeAllResponse', response: {} } });
  assert.deepEqual(readDirective(flow('before_all_response', 123)), { directive: { kind: 'BeforeAllResponse', response: {} } });
  assert.throws(() => readDirective(flow('before_all_response', { inputs: { a: 1 } })), /Before All Lua block did not return a valid structure.*must be nil, an array, or an empty table/);
  assert.throws(() => readDirective(flow('before_all_response', { inputs: 'x' })), /'arg.inputs' must be nil or an array/);
  assert.throws(() => readDirective(flow('before_all_response', { inputs: [], extra: 1, more: 2 })), /But also contained: extra, more/);
  assert.throws(() => readDirective(flow('before_all_response', { options: { temperature: 'hot' } })), /option 'temperature' must be a number/);
});

test('data_response field rules (§2.5)', () => {
  const r = readDirective(flow('data_response', { input: 'i', data: { d: 1 }, attachments: { file_source: 'a.png' }, options: { model: 'x' } }));
  assert.deepEqual(r, { directive: { kind: 'DataResponse', response: { input: 'i', data: { d: 1 }, attachments: { file_source: 'a.png' }, options: { model: 'x' } } } });
  assert.throws(() => readDirective(flow('data_response', { data: 1, extra_key: true })), /Data Lua block did not return a valid structure.*But also contained: extra_key/);
});

test('unknown kind is an error; wrong-stage messages', () => {
  assert.throws(() => readDirective({ _aipack_: { kind: 'Nope' } }), /_aipack_ kind 'Nope' is not known\./);
  assert.equal(wrongStageMessage('Redo', 'Data'), 'aip.flow.redo_run() can be returned only from # Before All or # After All stages. Returned from # Data stage.');
  assert.equal(wrongStageMessage('DataResponse', 'BeforeAll'), "Aipack custom 'DataResponse' not supported at the Before All stage");
});
