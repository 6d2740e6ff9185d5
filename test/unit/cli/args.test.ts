import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs } from '../../../src/cli/args';

test('run: agent, repeated -i and -f mixed, dry, verbose, watch', () => {
  assert.deepEqual(parseArgs(['run', 'my@pack', '-i', 'a', '--input=b', '-f', '*.md', '--on-files', 'src/**/*.ts', '--dry', 'req', '-v', '-w']), {
    cmd: 'run',
    agent: 'my@pack',
    inputs: ['a', 'b'],
    fileGlobs: ['*.md', 'src/**/*.ts'],
    dry: 'req',
    verbose: true,
    watch: true,
  });
});

test('help, version and the simple commands', () => {
  assert.deepEqual(parseArgs([]), { cmd: 'help' });
  assert.deepEqual(parseArgs(['--help']), { cmd: 'help' });
  assert.deepEqual(parseArgs(['--version']), { cmd: 'version' });
  assert.deepEqual(parseArgs(['init']), { cmd: 'init', dir: undefined });
  assert.deepEqual(parseArgs(['init', 'sub']), { cmd: 'init', dir: 'sub' });
  assert.deepEqual(parseArgs(['init-base']), { cmd: 'init-base' });
  assert.deepEqual(parseArgs(['list', 'demo@']), { cmd: 'list', ref: 'demo@' });
  assert.deepEqual(parseArgs(['check-keys']), { cmd: 'check-keys' });
});

test('usage errors say what is wrong', () => {
  assert.throws(() => parseArgs(['frobnicate']), /Unknown command 'frobnicate'/);
  assert.throws(() => parseArgs(['run']), /'aip run' needs an agent/);
  assert.throws(() => parseArgs(['run', 'a.aip', '-i']), /Option '-i' needs a value/);
  assert.throws(() => parseArgs(['run', 'a.aip', '--dry', 'both']), /--dry takes 'req' or 'res' \(got 'both'\)/);
  assert.throws(() => parseArgs(['run', 'a.aip', '--bogus']), /Unknown option '--bogus'/);
  assert.throws(() => parseArgs(['run', 'a.aip', 'b.aip']), /takes one agent/);
  assert.throws(() => parseArgs(['init-base', 'x']), /takes no arguments/);
  assert.throws(() => parseArgs(['list', 'a', 'b']), /at most one argument/);
});
