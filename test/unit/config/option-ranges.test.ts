/** Option values outside their range are option errors naming the key, wherever options come from (issue 22). */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { MAX_INPUT_CONCURRENCY, toAgentOptions } from '../../../src/runtime/config/options';
import { parseConfigToml } from '../../../src/runtime/config/config-file';
import { sandbox, type Sandbox } from '../../support/run-harness';

const BAD: [string, unknown, RegExp][] = [
  ['input_concurrency', 1e300, /option 'input_concurrency' must be a positive integer up to 10000, got number 1e\+300/],
  ['input_concurrency', MAX_INPUT_CONCURRENCY + 1, /'input_concurrency' must be a positive integer up to/],
  ['input_concurrency', -2, /'input_concurrency' must be a positive integer, got number -2/],
  ['input_concurrency', 0, /'input_concurrency' must be a positive integer/],
  ['input_concurrency', 1.5, /'input_concurrency' must be a positive integer, got number 1.5/],
  ['input_concurrency', Infinity, /'input_concurrency' must be a positive integer/],
  ['temperature', -0.1, /option 'temperature' must be a number from 0 to 2, got number -0.1/],
  ['temperature', 1e300, /'temperature' must be a number from 0 to 2/],
  ['temperature', NaN, /'temperature' must be a number from 0 to 2/],
  ['top_p', 1.5, /option 'top_p' must be a number from 0 to 1, got number 1.5/],
  ['top_p', -1, /'top_p' must be a number from 0 to 1/],
];

test('toAgentOptions: each out-of-range value is refused naming the key; bounds themselves pass', () => {
  for (const [key, value, re] of BAD) assert.throws(() => toAgentOptions({ [key]: value }, 'Options'), re, `${key} = ${value}`);
  assert.deepEqual(toAgentOptions({ input_concurrency: MAX_INPUT_CONCURRENCY, temperature: 2, top_p: 0 }, 'x'), {
    input_concurrency: MAX_INPUT_CONCURRENCY,
    temperature: 2,
    top_p: 0,
  });
  assert.deepEqual(toAgentOptions({ input_concurrency: 1, temperature: 0, top_p: 1 }, 'x'), { input_concurrency: 1, temperature: 0, top_p: 1 });
});

test('config.toml: input_concurrency = 1e300 and top_p = inf are config errors with key and line', () => {
  assert.throws(
    () => parseConfigToml('[options]\nmodel = "m"\ninput_concurrency = 1e300\n', '/c/config.toml'),
    /Config invalid \(config path: \/c\/config.toml\)\n  reason: \[options\]: option 'input_concurrency' must be a positive integer up to 10000, got number 1e\+300 \(line 3\)/,
  );
  assert.throws(() => parseConfigToml('[options]\ntop_p = inf\n', '/c/config.toml'), /option 'top_p' must be a number from 0 to 1, got number Infinity \(line 2\)/);
});

let sb: Sandbox;
before(async () => {
  sb = await sandbox();
});
after(async () => {
  await sb.close();
});

test('an agent with input_concurrency = 1e300 fails with the option error, not a database error', async () => {
  sb.write('agents/huge.aip', '# Options\n```toml\ninput_concurrency = 1e300\n```\n# Output\n```lua\nreturn input\n```\n');
  const res = await sb.run('agents/huge.aip', ['a', 'b']);
  assert.equal(res.endState, 'Err');
  assert.match(res.error?.message ?? '', /'input_concurrency' must be a positive integer up to 10000/);
  assert.doesNotMatch(res.error?.message ?? '', /INTEGER column/);
});

test('aip.flow.before_all_response options are checked the same way', async () => {
  sb.write(
    'agents/flow-bad.aip',
    '# Before All\n```lua\nreturn aip.flow.before_all_response({ options = { input_concurrency = -3 } })\n```\n# Output\n```lua\nreturn input\n```\n',
  );
  const res = await sb.run('agents/flow-bad.aip', ['a']);
  assert.equal(res.endState, 'Err');
  assert.match(res.error?.message ?? '', /before_all_response options: option 'input_concurrency' must be a positive integer, got number -3/);
});
