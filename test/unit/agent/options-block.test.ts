// §1.5 The # Options TOML block.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AipError } from '../../../src/runtime/errors';
import { parseAgentDoc } from '../../../src/runtime/agent/parse';
import { parseOptionsBlock } from '../../../src/runtime/agent/options-block';
import { aip, fixturePath, readFixture } from './helpers';

const F = 'main.aip';

function options(text: string) {
  return parseOptionsBlock(parseAgentDoc(text, F), F);
}

test('no # Options block -> no options', () => {
  assert.deepEqual(options(aip('# Instruction', 'hi')), {});
  assert.deepEqual(options(aip('# Options', 'prose only')), {});
});

test('all six keys, flat, with their types', () => {
  const o = options(
    aip(
      '# Options',
      '```toml',
      'model = "gpt-5-mini"',
      'temperature = 0.3',
      'top_p = 1',
      'input_concurrency = 8',
      'allow_run_on_task_fail = true',
      'model_aliases = { fast = "gpt-5-nano" }',
      '```',
    ),
  );
  assert.deepEqual(o, {
    model: 'gpt-5-mini',
    temperature: 0.3,
    top_p: 1,
    input_concurrency: 8,
    allow_run_on_task_fail: true,
    model_aliases: { fast: 'gpt-5-nano' },
  });
});

test('unknown keys are silently ignored, including a nested [options] table', () => {
  const o = options(aip('# Options', '```toml', 'model = "m"', 'max_tokens = 100', '[options]', 'model = "nested"', '```'));
  assert.deepEqual(o, { model: 'm' });
});

test('repeated # Options headings append their TOML', () => {
  const o = options(aip('# Options', '```toml', 'model = "m"', '```', '# Options', '```toml', 'temperature = 0.1', '```'));
  assert.deepEqual(o, { model: 'm', temperature: 0.1 });
});

test('invalid TOML -> AipError with the .aip file and line of the error', () => {
  const file = fixturePath('options-invalid-toml.aip');
  const doc = parseAgentDoc(readFixture('options-invalid-toml.aip'), file);
  assert.throws(
    () => parseOptionsBlock(doc, file),
    (err: unknown) => {
      assert.ok(err instanceof AipError);
      assert.equal(err.message, `Invalid TOML in # Options (${file}:8): invalid value (column 21)`);
      assert.deepEqual(err.location, { file, line: 8 });
      return true;
    },
  );
});

test('invalid TOML on a line after a blank and a skipped fence still maps to the .aip line', () => {
  const text = aip('# Options', '```json', '{}', '```', '```toml', 'model = "m"', '', 'model = "again"', '```');
  assert.throws(() => options(text), {
    name: 'AipError',
    message: 'Invalid TOML in # Options (main.aip:8): trying to redefine an already defined table or value (column 1)',
  });
});

test('TOML error at the end of the block points at its last line', () => {
  assert.throws(() => options(aip('# Options', '```toml', 'model = "m"', 'name = """', '```')), (err: unknown) => {
    assert.ok(err instanceof AipError);
    assert.match(err.message, /^Invalid TOML in # Options \(main\.aip:4\): /);
    assert.equal(err.location?.line, 4);
    return true;
  });
});

test('a known key with the wrong type -> AipError at the line of that key', () => {
  const file = fixturePath('options-wrong-type.aip');
  const doc = parseAgentDoc(readFixture('options-wrong-type.aip'), file);
  assert.throws(
    () => parseOptionsBlock(doc, file),
    (err: unknown) => {
      assert.ok(err instanceof AipError);
      assert.equal(err.message, `# Options (${file}:6): option 'temperature' must be a number, got string "warm"`);
      assert.deepEqual(err.location, { file, line: 6 });
      return true;
    },
  );
});

test('wrong types in model_aliases point at the [model_aliases] table', () => {
  const text = aip('# Options', '```toml', 'model = "m"', '', '[model_aliases]', 'fast = 3', '```');
  assert.throws(() => options(text), {
    name: 'AipError',
    message: "# Options (main.aip:5): model alias 'fast' must be a string, got number 3",
  });
  assert.throws(() => options(aip('# Options', '```toml', 'input_concurrency = 0', '```')), {
    message: "# Options (main.aip:3): option 'input_concurrency' must be a positive integer, got number 0",
  });
});
