import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConfigToml } from '../../../src/runtime/config/config-file';
import { AipError } from '../../../src/runtime/errors';

const DIR = path.resolve(__dirname, '../../fixtures/config');
const parseFixture = (name: string) => {
  const p = path.join(DIR, name);
  return parseConfigToml(fs.readFileSync(p, 'utf8'), p);
};
const fx = (name: string) => path.join(DIR, name);

test('config: [options] with nested [options.model_aliases] (§4.1)', () => {
  const text = '[options]\nmodel = "m"\ntemperature = 1\ntop_p = 0.9\ninput_concurrency = 4\nallow_run_on_task_fail = true\n\n[options.model_aliases]\nfast = "gpt-x"\n"dotted.name" = "y"\n';
  assert.deepEqual(parseConfigToml(text, '/c.toml'), {
    model: 'm',
    temperature: 1,
    top_p: 0.9,
    input_concurrency: 4,
    allow_run_on_task_fail: true,
    model_aliases: { fast: 'gpt-x', 'dotted.name': 'y' },
  });
});

test('config: legacy [default_options] is still read; [options] wins when both exist', () => {
  assert.deepEqual(parseFixture('legacy-default-options.toml'), { model: 'legacy-model', input_concurrency: 3 });
  assert.deepEqual(parseFixture('both-sections.toml'), { model: 'new' });
});

test('config: [default-options] (dash) is an error with the exact message and line', () => {
  assert.throws(() => parseFixture('dash-default-options.toml'), (err: unknown) => {
    assert.ok(err instanceof AipError);
    assert.equal(
      err.message,
      `Config invalid (config path: ${fx('dash-default-options.toml')})\n  reason: Config [default-options] is invalid. Use [options] (with _ and not -)`,
    );
    assert.deepEqual(err.location, { file: fx('dash-default-options.toml'), line: 1 });
    return true;
  });
});

test('config: a file without [options] contributes nothing; unknown keys and tables are ignored (§1.5)', () => {
  assert.deepEqual(parseFixture('no-options-section.toml'), {});
  assert.deepEqual(parseConfigToml('', '/empty.toml'), {});
  assert.deepEqual(parseFixture('unknown-keys.toml'), { model: 'm', temperature: 0.5 });
});

test('config: invalid TOML → file path and line in the message and location', () => {
  assert.throws(() => parseFixture('invalid-toml.toml'), (err: unknown) => {
    assert.ok(err instanceof AipError);
    assert.equal(
      err.message,
      `Config invalid (config path: ${fx('invalid-toml.toml')})\n  reason: Invalid TOML at line 4: expected comma or end of structure`,
    );
    assert.equal(err.location?.line, 4);
    assert.equal(err.location?.file, fx('invalid-toml.toml'));
    return true;
  });
  assert.throws(() => parseConfigToml('[options]\nmodel = = "x"\nx = 1\n', '/c.toml'), {
    message: 'Config invalid (config path: /c.toml)\n  reason: Invalid TOML at line 2, column 9: invalid value',
  });
});

test('config: a known key with a wrong type is an error naming key, file and line', () => {
  assert.throws(() => parseFixture('bad-type.toml'), {
    message: `Config invalid (config path: ${fx('bad-type.toml')})\n  reason: [options]: option 'temperature' must be a number, got string "hot" (line 4)`,
  });
  assert.throws(() => parseFixture('bad-alias.toml'), {
    message: `Config invalid (config path: ${fx('bad-alias.toml')})\n  reason: [options]: model alias 'bad' must be a string, got number 42 (line 6)`,
  });
  assert.throws(() => parseConfigToml('[options]\ninput_concurrency = 1.5\n', '/c.toml'), {
    message: "Config invalid (config path: /c.toml)\n  reason: [options]: option 'input_concurrency' must be a positive integer, got number 1.5 (line 2)",
  });
  assert.throws(() => parseConfigToml('[options]\nallow_run_on_task_fail = "yes"\n', '/c.toml'), {
    message: `Config invalid (config path: /c.toml)\n  reason: [options]: option 'allow_run_on_task_fail' must be a boolean, got string "yes" (line 2)`,
  });
  assert.throws(() => parseConfigToml('[options]\nmodel = 3\n', '/c.toml'), {
    message: 'Config invalid (config path: /c.toml)\n  reason: [options]: option \'model\' must be a string, got number 3 (line 2)',
  });
  assert.throws(() => parseConfigToml('options = 3\n', '/c.toml'), {
    message: 'Config invalid (config path: /c.toml)\n  reason: [options]: options must be a table, got number (line 1)',
  });
  assert.throws(() => parseConfigToml('[default_options]\ntop_p = "x"\n', '/c.toml'), {
    message: `Config invalid (config path: /c.toml)\n  reason: [default_options]: option 'top_p' must be a number, got string "x" (line 2)`,
  });
});
