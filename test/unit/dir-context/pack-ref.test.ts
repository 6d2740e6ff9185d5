import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatPackRef,
  looksLikePackRef,
  parsePackRef,
  parsePartialPackRef,
} from '../../../src/runtime/dir-context/pack-ref';

test('parsePackRef: namespace, name, scope and sub path (§5.4)', () => {
  const cases: [string, string, string, string, string | undefined][] = [
    ['pro@coder', 'pro', 'coder', 'PackDir', undefined],
    ['pro@coder/agent.yaml', 'pro', 'coder', 'PackDir', 'agent.yaml'],
    ['pro@coder/', 'pro', 'coder', 'PackDir', undefined],
    ['pro@coder/sub/', 'pro', 'coder', 'PackDir', 'sub/'],
    ['my-ns@pack_name-123', 'my-ns', 'pack_name-123', 'PackDir', undefined],
    ['_ns@_name/_sub-path', '_ns', '_name', 'PackDir', '_sub-path'],
    ['_ns@_name$workspace/_sub-path', '_ns', '_name', 'WorkspaceSupport', '_sub-path'],
    ['pro@coder$base', 'pro', 'coder', 'BaseSupport', undefined],
    ['pro@coder$base/data.json', 'pro', 'coder', 'BaseSupport', 'data.json'],
    ['pro@coder$workspace', 'pro', 'coder', 'WorkspaceSupport', undefined],
    ['pro@coder$base/', 'pro', 'coder', 'BaseSupport', undefined],
    ['pro@coder/a.b/c d.md', 'pro', 'coder', 'PackDir', 'a.b/c d.md'],
  ];
  for (const [input, namespace, name, scope, subPath] of cases) {
    assert.deepEqual(parsePackRef(input), { namespace, name, scope, subPath }, input);
  }
});

test('formatPackRef: round-trips, dropping a trailing slash', () => {
  for (const s of ['pro@coder', 'pro@coder$base/data.json', 'pro@coder$workspace', 'a@b/c/d']) {
    assert.equal(formatPackRef(parsePackRef(s)), s);
  }
  assert.equal(formatPackRef(parsePackRef('pro@coder$base/')), 'pro@coder$base');
  assert.equal(formatPackRef(parsePackRef('pro@coder/sub/')), 'pro@coder/sub');
});

test('parsePackRef: malformed refs get exact messages (§5.4, §12.6)', () => {
  const charsetNs = (ns: string) =>
    `Pack namespace '${ns}' is not valid.\nCause: Pack namespace can only contain alphanumeric characters, hyphens, and underscores, and cannot start with a number.`;
  const charsetName = (n: string) =>
    `Pack name '${n}' is not valid.\nCause: Pack name can only contain alphanumeric characters, hyphens, and underscores, and cannot start with a number.`;
  const cases: [string, string][] = [
    ['', "Pack reference '' is not valid.\nCause: No '@' sign"],
    ['$base', "Pack reference '$base' is not valid.\nCause: No '@' sign"],
    ['/', "Pack reference '/' is not valid.\nCause: No '@' sign"],
    // ⚠ README's `aip run @proof` shortcut: rejected by the code (§12.5 #6).
    ['@proof', "Invalid pack reference format: '@proof'. Namespace cannot be empty when '@' is present."],
    ['@', "Invalid pack reference format: '@'. Namespace cannot be empty when '@' is present."],
    ['ns@', "Invalid pack reference format: 'ns@'. Pack name/path part cannot be empty after '@'."],
    ['pro@coder@', "Invalid pack reference format: 'pro@coder@'. Too many '@' symbols."],
    ['pro@@coder', "Invalid pack reference format: 'pro@@coder'. Too many '@' symbols."],
    [
      'pro@coder$invalid/data.json',
      "Invalid pack reference scope in 'pro@coder$invalid/data.json'. Expected '$base' or '$workspace', found '$invalid'.",
    ],
    [
      'pro@coder$baseExtra/x',
      "Invalid pack reference scope in 'pro@coder$baseExtra/x'. Expected '$base' or '$workspace', found '$baseExtra'.",
    ],
    [
      'pro@coder$/sub',
      "Invalid pack reference scope in 'pro@coder$/sub'. Scope cannot be empty after '$'. Expected '$base' or '$workspace'",
    ],
    [
      'pro@coder$base/data$json',
      "Invalid pack reference format: 'pro@coder$base/data$json'. Character '$' is not allowed in the sub-path.",
    ],
    ['ns@$base', "Invalid pack reference format: 'ns@$base'. Pack name cannot be empty before '$'."],
    ['ns@$base/', "Invalid pack reference format: 'ns@$base/'. Pack name cannot be empty before '$'."],
    ['ns@/', "Pack name '' is not valid.\nCause: Pack name cannot be empty"],
    ['n space@coder', charsetNs('n space')],
    ['n$s@coder', charsetNs('n$s')],
    ['1ns@coder', charsetNs('1ns')],
    ['ns@co der', charsetName('co der')],
    ['ns@co=der', charsetName('co=der')],
    ['ns@1coder', charsetName('1coder')],
    ['ns@coder/sub/../path', "Invalid pack reference format: 'ns@coder/sub/../path'. Sub-path cannot contain '..'."],
    ['ns@coder/..', "Invalid pack reference format: 'ns@coder/..'. Sub-path cannot contain '..'."],
  ];
  for (const [input, message] of cases) {
    assert.throws(() => parsePackRef(input), { message }, input);
  }
});

test('looksLikePackRef: has @, not starting with ".", not absolute', () => {
  assert.equal(looksLikePackRef('ns@pack/x.md'), true);
  assert.equal(looksLikePackRef('ns@pack$workspace/x'), true);
  assert.equal(looksLikePackRef('./a@b.txt'), false);
  assert.equal(looksLikePackRef('.hidden@x'), false);
  assert.equal(looksLikePackRef('/abs/a@b.txt'), false);
  assert.equal(looksLikePackRef('plain/path.txt'), false);
});

test('parsePartialPackRef: ns@, @name, ns@name, bare namespace, empty (§11.1 list)', () => {
  assert.deepEqual(parsePartialPackRef(undefined), {});
  assert.deepEqual(parsePartialPackRef(''), {});
  assert.deepEqual(parsePartialPackRef('ns_b@'), { namespace: 'ns_b' });
  assert.deepEqual(parsePartialPackRef('@pack_b_1'), { name: 'pack_b_1' });
  assert.deepEqual(parsePartialPackRef('ns_b@pack_b_1'), { namespace: 'ns_b', name: 'pack_b_1' });
  assert.deepEqual(parsePartialPackRef('ns_b'), { namespace: 'ns_b' });
  assert.deepEqual(parsePartialPackRef('@'), {});
  assert.throws(() => parsePartialPackRef('a@b@c'), { message: "Invalid pack reference format: 'a@b@c'. Too many '@' symbols." });
  assert.throws(() => parsePartialPackRef('@bad name'), /Pack name 'bad name' is not valid/);
});
