import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeSelector, parsePackSource } from '../../../src/runtime/pack/pack-source';
import { checkInstallableVersion, compareForUpdate } from '../../../src/runtime/pack/pack-version';
import { withProvenance } from '../../../src/runtime/pack/provenance';

test('install sources are told apart (§11.1)', () => {
  assert.deepEqual(parsePackSource('pro@coder'), { kind: 'repo', namespace: 'pro', name: 'coder' });
  assert.deepEqual(parsePackSource('./dist/pro@coder-v1.0.0.aipack'), { kind: 'local', path: './dist/pro@coder-v1.0.0.aipack' });
  assert.deepEqual(parsePackSource('/abs/p.aipack'), { kind: 'local', path: '/abs/p.aipack' });
  assert.deepEqual(parsePackSource('https://example.com/p.aipack'), { kind: 'http', url: 'https://example.com/p.aipack' });
  assert.deepEqual(parsePackSource('git://example.com/packs.git'), { kind: 'git', repository: 'git://example.com/packs.git' });
  assert.deepEqual(parsePackSource('git+ssh://git@example.com/o/packs.git#pro/coder'), {
    kind: 'git',
    repository: 'git+ssh://git@example.com/o/packs.git',
    subPath: 'pro/coder',
  });
  assert.deepEqual(parsePackSource('git@example.com:o/packs.git#lab/ako'), { kind: 'git', repository: 'git@example.com:o/packs.git', subPath: 'lab/ako' });
  assert.deepEqual(parsePackSource('https://example.com/o/packs.git#a/b'), { kind: 'git', repository: 'https://example.com/o/packs.git', subPath: 'a/b' });
  assert.deepEqual(parsePackSource('file:///srv/packs.git'), { kind: 'git', repository: 'file:///srv/packs.git' });
  // A path after `.git` is never guessed without `#`.
  assert.equal(parsePackSource('https://example.com/o/packs.git/pro/coder').kind, 'http');
});

test('bad sources and selectors are refused with a reason', () => {
  assert.throws(() => parsePackSource(''), /Nothing to install/);
  assert.throws(() => parsePackSource('https://'), /is not a valid URL/);
  assert.deepEqual(parsePackSource('file:///tmp/my%20packs/p.aipack'), { kind: 'local', path: '/tmp/my packs/p.aipack' });
  assert.throws(() => parsePackSource('https://example.com/p.aipack#sub'), /only applies to git sources/);
  assert.throws(() => parsePackSource('git://example.com/x.git#'), /cannot be empty/);
  assert.throws(() => normalizeSelector('/abs'), /relative to the repository root/);
  assert.throws(() => normalizeSelector('a/../../b'), /'\.\.' is not allowed/);
  assert.equal(normalizeSelector('a\\b/./c/'), 'a/b/c');
});

test('version ordering for updates and installable pre-releases', () => {
  assert.equal(compareForUpdate('1.2.0', '1.10.0') > 0, true);
  assert.equal(compareForUpdate('v1.2.0', '1.2.0'), 0);
  assert.equal(compareForUpdate('1.0.0', '1.0.0-beta.2') < 0, true);
  assert.equal(compareForUpdate('1.0.0-beta.2', '1.0.0-beta.10') > 0, true);
  assert.doesNotThrow(() => checkInstallableVersion('0.1.1-rc.1.2'));
  assert.throws(() => checkInstallableVersion('0.1.1-alpha'), /must end with a dot and a number/);
  assert.throws(() => checkInstallableVersion('0.1.1-alpha.text'), /must end with a dot and a number/);
});

test('provenance replaces an earlier [installed] table, keeps its other keys and the rest of the text', () => {
  const before = '# top\n[pack]\nname = "p" # same line\n\n[installed]\ntime = "old"\nsource = "old"\nnote = "kept"\n\n[extra]\nx = 1\n';
  const after = withProvenance(before, { time: 'T', source: 'S', commit: 'C' });
  assert.match(after, /^# top\n\[pack\]\nname = "p" # same line\n/);
  assert.match(after, /\[extra\]\nx = 1/);
  assert.match(after, /\[installed\]\nnote = "kept"\ntime = "T"\nsource = "S"\ncommit = "C"\n$/);
  assert.equal((after.match(/\[installed\]/g) ?? []).length, 1);
});
