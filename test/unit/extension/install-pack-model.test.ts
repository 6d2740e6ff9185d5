import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readSettings } from '../../../src/extension/config';
import { installedMessage, missingPackRef, validateSourceInput } from '../../../src/extension/install-pack-model';

test('the missing pack is read from the runtime error of a run that could not start', () => {
  assert.equal(missingPackRef('No aipack matches for pro@coder.\nLooked in:\n  - /x (base installed)'), 'pro@coder');
  assert.equal(missingPackRef('No agent found for local path: x.aip'), undefined);
  assert.equal(missingPackRef(undefined), undefined);
});

test('input box: empty and spaced sources are refused', () => {
  assert.match(validateSourceInput('  ') ?? '', /ns@name/);
  assert.match(validateSourceInput('a b') ?? '', /No spaces/);
  assert.equal(validateSourceInput('pro@coder'), undefined);
});

test('messages after an install', () => {
  const base = { namespace: 'pro', name: 'coder', dir: '/d', source: 'aipack.ai' };
  assert.equal(installedMessage({ ...base, status: 'installed', version: '1.2.0', previousVersion: '1.1.0' }), 'AIPack: installed pro@coder 1.2.0 (was 1.1.0).');
  assert.equal(installedMessage({ ...base, status: 'up-to-date', version: '1.2.0' }), 'AIPack: pro@coder 1.2.0 is already installed (up to date).');
});

test('aipack.packRepoUrl setting: http(s) only', () => {
  assert.equal(readSettings((k) => (k === 'packRepoUrl' ? 'http://127.0.0.1:1234/' : undefined)).settings.packRepoUrl, 'http://127.0.0.1:1234/');
  const bad = readSettings((k) => (k === 'packRepoUrl' ? 'ftp://x' : undefined));
  assert.equal(bad.settings.packRepoUrl, undefined);
  assert.match(bad.problems.join(), /packRepoUrl: 'ftp:\/\/x' is not an http\(s\) URL/);
});
