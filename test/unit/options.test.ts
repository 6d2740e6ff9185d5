import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeOptions, resolveModel, toAgentOptions } from '../../src/runtime/config/options';

test('mergeOptions: later non-null scalar wins, aliases merge per key', () => {
  const m = mergeOptions(
    { model: 'a', input_concurrency: 2, model_aliases: { x: 'one', y: 'two' } },
    { model: undefined, temperature: 0.5, model_aliases: { y: 'TWO' } },
    { model: 'b' },
  );
  assert.deepEqual(m, { model: 'b', input_concurrency: 2, temperature: 0.5, model_aliases: { x: 'one', y: 'TWO' } });
});

test('resolveModel: direct alias, alias with reasoning suffix, raw name', () => {
  const aliases = { flash: 'gemini-3.5-flash', mini: 'gpt-5.4-mini', 'mini-low': 'special' };
  assert.equal(resolveModel('flash', aliases), 'gemini-3.5-flash');
  assert.equal(resolveModel('flash-low', aliases), 'gemini-3.5-flash-low');
  assert.equal(resolveModel('mini-low', aliases), 'special', 'a full-name alias wins over suffix stripping');
  assert.equal(resolveModel('flash-xhigh', aliases), 'gemini-3.5-flash-xhigh');
  assert.equal(resolveModel('gpt-4o', aliases), 'gpt-4o');
  assert.equal(resolveModel('flash', undefined), 'flash');
});

test('toAgentOptions: ignores unknown keys, rejects wrong types with the key name', () => {
  assert.deepEqual(toAgentOptions({ model: 'm', foo: 1 }, 'x'), { model: 'm' });
  assert.throws(() => toAgentOptions({ temperature: 'hot' }, 'Options'), /option 'temperature' must be a number/);
  assert.throws(() => toAgentOptions({ input_concurrency: 0 }, 'Options'), /input_concurrency' must be a positive integer/);
  assert.throws(() => toAgentOptions({ model_aliases: { a: 1 } }, 'Options'), /model alias 'a' must be a string/);
  assert.throws(() => toAgentOptions([1], 'Options'), /options must be a table/);
});
