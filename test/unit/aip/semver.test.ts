import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareSemver, parseSemver, semverCatalog, type SemVer } from '../../../src/runtime/script/aip/semver';
import { catalogFns, luaWith } from './helpers';

const semver = catalogFns(semverCatalog);
const lua = luaWith(semverCatalog);

test('catalog: the 4 functions of §8.19 with docs', () => {
  assert.deepEqual(semverCatalog.entries.map((e) => e.signature), [
    'aip.semver.compare(a: string, op: string, b: string) -> boolean',
    'aip.semver.parse(v: string) -> {major, minor, patch, prerelease?, build?}',
    'aip.semver.is_prerelease(v: string) -> boolean',
    'aip.semver.valid(v: string) -> boolean',
  ]);
  for (const e of semverCatalog.entries) assert.match(e.doc, /Example: `/);
});

test('compare: operators and prerelease rules (original test table)', () => {
  const cases: [string, string, string, boolean][] = [
    ['1.2.3', '>', '1.2.0', true],
    ['1.2.3', '<', '1.3.0', true],
    ['1.2.3', '=', '1.2.3', true],
    ['1.2.3', '==', '1.2.3', true],
    ['1.2.3', '>=', '1.2.3', true],
    ['1.2.3', '<=', '1.2.3', true],
    ['1.2.3', '>', '1.2.3', false],
    ['1.2.3', '<', '1.2.3', false],
    ['1.2.3', '!=', '1.2.0', true],
    ['1.2.3', '~=', '1.2.0', true],
    ['0.6.12-WIP', '>', '0.6.9', true],
    ['0.6.7-wip', '<', '0.6.8', true],
    ['0.6.7-wip', '<', '0.6.7', true],
    ['0.6.7-alpha', '<', '0.6.7', true],
    ['0.6.7-alpha.1', '<', '0.6.7-alpha.2', true],
    ['0.6.7-alpha.1', '<', '0.6.7-beta', true],
    ['1.2.3-alpha', '>', '1.2.0', true],
    ['1.2.0', '<', '1.2.3-alpha', true],
    ['1.2.3', '>', '1.2.3-alpha', true],
    ['1.2.3-alpha', '!=', '1.2.3', true],
    ['1.2.3-alpha', '~=', '1.2.3', true],
    ['1.0.0-alpha.2', '<', '1.0.0-alpha.10', true],
    ['1.0.0-2', '<', '1.0.0-alpha', true],
    ['1.0.0-alpha', '<', '1.0.0-alpha.1', true],
    ['10.0.0', '>', '9.99.99', true],
  ];
  for (const [a, op, b, expected] of cases) assert.equal(semver.compare(a, op, b), expected, `${a} ${op} ${b}`);
});

test('compare: build metadata counts for equality and order (as the original)', () => {
  assert.equal(semver.compare('1.0.0+build', '=', '1.0.0'), false);
  assert.equal(semver.compare('1.0.0+build', '!=', '1.0.0'), true);
  assert.equal(semver.compare('1.0.0+build', '>', '1.0.0'), true);
  assert.equal(semver.compare('1.0.0+b.1', '==', '1.0.0+b.1'), true);
  assert.equal(semver.compare('1.0.0+2', '<', '1.0.0+10'), true);
});

test('compare: errors for invalid versions and operators', () => {
  assert.throws(() => semver.compare('1.0', '<', '1.0.0'), { message: "Invalid version '1.0': unexpected end of input while parsing patch version number" });
  assert.throws(() => semver.compare('1.0.0', '<', 'v1.0.0'), { message: "Invalid version 'v1.0.0': unexpected character 'v' while parsing major version number" });
  assert.throws(() => semver.compare('1.0.0', '<>', '1.0.0'), { message: "Invalid operator '<>'" });
  assert.throws(() => semver.compare(undefined, '<', '1.0.0'), { message: "aip.semver.compare - expected <string> for parameter 'a' but got nil" });
  assert.throws(() => semver.compare('1.0.0', {}, '1.0.0'), { message: "aip.semver.compare - expected <string> for parameter 'op' but got table" });
});

test('parse: parts, prerelease and build only when present', () => {
  assert.deepEqual(semver.parse('1.2.3-beta.1+build.123'), { major: 1, minor: 2, patch: 3, prerelease: 'beta.1', build: 'build.123' });
  assert.deepEqual(semver.parse('0.6.7'), { major: 0, minor: 6, patch: 7 });
  assert.deepEqual(semver.parse('1.0.0+001'), { major: 1, minor: 0, patch: 0, build: '001' });
  assert.throws(() => semver.parse('01.2.3'), { message: "Invalid version '01.2.3': invalid leading zero in major version number" });
  assert.throws(() => semver.parse(''), { message: "Invalid version '': empty string, expected a semver version" });
  assert.throws(() => semver.parse(' 1.2.3'), { message: "Invalid version ' 1.2.3': unexpected whitespace (expected MAJOR.MINOR.PATCH)" });
  assert.throws(() => semver.parse('1.2.3.4'), { message: "Invalid version '1.2.3.4': unexpected character '.' after patch version number" });
  assert.throws(() => semver.parse('1.2.3-01'), /Invalid version '1\.2\.3-01': invalid prerelease or build metadata/);
  assert.throws(() => semver.parse(null), { message: "aip.semver.parse - expected <string> for parameter 'v' but got null" });
});

test('is_prerelease (original table) and errors', () => {
  const cases: [string, boolean][] = [
    ['1.2.3', false],
    ['1.2.3-beta', true],
    ['0.6.7-WIP', true],
    ['1.0.0+build.123', false],
    ['1.0.0-alpha+build.123', true],
  ];
  for (const [v, expected] of cases) assert.equal(semver.is_prerelease(v), expected, v);
  assert.throws(() => semver.is_prerelease('x'), /^Error: Invalid version 'x': /);
});

test('valid (original table): never errors on the text', () => {
  const cases: [unknown, boolean][] = [
    ['1.2.3', true],
    ['1.2.3-beta', true],
    ['0.6.7-WIP', true],
    ['invalid', false],
    ['1.0', false],
    ['1.0.0+build.123', true],
    ['v1.2.3', false],
    ['1.2.3-', false],
    ['1.2.3+', false],
    [1, false],
  ];
  for (const [v, expected] of cases) assert.equal(semver.valid(v), expected, String(v));
  assert.throws(() => semver.valid(undefined), { message: "aip.semver.valid - expected <string> for parameter 'v' but got nil" });
});

test('parseSemver / compareSemver helpers', () => {
  const a = parseSemver('1.2.3-rc.1') as SemVer;
  assert.deepEqual(a, { major: 1, minor: 2, patch: 3, pre: ['rc', '1'], build: [] });
  assert.equal(compareSemver(a, parseSemver('1.2.3') as SemVer), -1);
  assert.equal(typeof parseSemver('nope'), 'string');
});

test('through Lua', async () => {
  const r = await lua('local v = aip.semver.parse("1.2.3-beta"); return { v.major, v.prerelease, v.build == nil, aip.semver.compare("0.6.7-wip", "<", "0.6.7") }');
  assert.deepEqual(r, [1, 'beta', true, true]);
});
