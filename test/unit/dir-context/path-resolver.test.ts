import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { DirContext } from '../../../src/runtime/dir-context/dir-context';
import { BASE, SANDBOX, SANDBOX_AIPACK, sandboxCtx, tmpDir } from './helpers';

const NO_WKS =
  "Cause: No Workspace available.\nDo a 'aip init' in your project root folder to set the '.aipack/' workspace marker folder";

function noWorkspaceCtx(): DirContext {
  const lonely = tmpDir('aip-nowks-');
  return DirContext.fromOptions({ cwd: lonely, baseDir: BASE, homeDir: lonely, sessionUid: 's' });
}

test('resolvePath: ~ and ~/x → home (§5.7)', () => {
  const ctx = sandboxCtx();
  assert.equal(ctx.resolvePath('~/notes/a.md'), path.join(ctx.homeDir, 'notes/a.md'));
  assert.equal(ctx.resolvePath('~'), ctx.homeDir);
});

test('resolvePath: absolute unchanged but collapsed', () => {
  const ctx = sandboxCtx();
  assert.equal(ctx.resolvePath('/a/b/../c/./d.txt'), '/a/c/d.txt');
});

test('resolvePath: relative → workspace, or base_dir when given; collapsed (§5.7)', () => {
  const ctx = sandboxCtx();
  assert.equal(ctx.resolvePath('src/main.rs'), path.join(SANDBOX, 'src/main.rs'));
  assert.equal(ctx.resolvePath('./a/../b.txt'), path.join(SANDBOX, 'b.txt'));
  assert.equal(ctx.resolvePath('../outside.txt'), path.join(path.dirname(SANDBOX), 'outside.txt'));
  assert.equal(ctx.resolvePath('x.md', { baseDir: '/base/dir' }), '/base/dir/x.md');
  assert.equal(ctx.resolvePath('x.md', { baseDir: 'docs' }), path.join(SANDBOX, 'docs/x.md'), 'relative base_dir is workspace-relative');
});

test('resolvePath: relative without workspace is an error naming the path', () => {
  assert.throws(() => noWorkspaceCtx().resolvePath('a.txt'), {
    message: `Cannot resolve 'a.txt' for workspace, because no workspace are available.\n${NO_WKS}`,
  });
  assert.equal(noWorkspaceCtx().resolvePath('a.txt', { baseDir: '/b' }), '/b/a.txt');
});

test('resolvePath: $tmp → <wks>/.aipack/.session/<uid>/tmp (§5.7)', () => {
  const ctx = sandboxCtx();
  const tmp = path.join(SANDBOX_AIPACK, '.session/sess-1/tmp');
  assert.equal(ctx.resolvePath('$tmp/x/y.json'), path.join(tmp, 'x/y.json'));
  assert.equal(ctx.resolvePath('$tmp'), tmp);
  assert.equal(ctx.resolvePath('$tmp/a', { sessionUid: 'other' }), path.join(SANDBOX_AIPACK, '.session/other/tmp/a'));
  assert.equal(ctx.resolvePath('$tmpx/a'), path.join(SANDBOX, '$tmpx/a'), '$tmp is a whole path component');
  assert.throws(() => noWorkspaceCtx().resolvePath('$tmp/x.txt'), {
    message: `Cannot resolve tmp path '$tmp/x.txt'.\n${NO_WKS}`,
  });
});

test('resolvePath: ns@pack/x → pack dir, first repo wins (§5.3, §5.7)', () => {
  const ctx = sandboxCtx();
  assert.equal(ctx.resolvePath('ns_a@pack_a_1/lua/demo.lua'), path.join(SANDBOX_AIPACK, 'pack/custom/ns_a/pack_a_1/lua/demo.lua'));
  assert.equal(ctx.resolvePath('ns_a@pack_a_1'), path.join(SANDBOX_AIPACK, 'pack/custom/ns_a/pack_a_1'));
  // ns_b@pack_b_1 exists in workspace custom and base custom: workspace wins.
  assert.equal(ctx.resolvePath('ns_b@pack_b_1/main.aip'), path.join(SANDBOX_AIPACK, 'pack/custom/ns_b/pack_b_1/main.aip'));
  // ns_b@pack_b_2 exists in base custom and base installed: custom wins.
  assert.equal(ctx.resolvePath('ns_b@pack_b_2/some.md'), path.join(BASE, 'pack/custom/ns_b/pack_b_2/some.md'));
  assert.equal(ctx.resolvePath('ns_d@pack_d_1/x'), path.join(BASE, 'pack/installed/ns_d/pack_d_1/x'));
});

test('resolvePath: unknown pack → "Cannot find the base path for …"; malformed ref → parse error', () => {
  const ctx = sandboxCtx();
  assert.throws(() => ctx.resolvePath('ns_z@nope/file.md'), { message: 'Cannot find the base path for ns_z@nope/file.md' });
  assert.throws(() => ctx.resolvePath('ns@pack/../x'), { message: "Invalid pack reference format: 'ns@pack/../x'. Sub-path cannot contain '..'." });
  // names are matched exactly: no case folding, no fuzzy match
  assert.throws(() => ctx.resolvePath('NS_A@pack_a_1/x'), { message: 'Cannot find the base path for NS_A@pack_a_1/x' });
});

test('resolvePath: ./a@b.txt and absolute paths with @ are plain paths (§5.4)', () => {
  const ctx = sandboxCtx();
  assert.equal(ctx.resolvePath('./a@b.txt'), path.join(SANDBOX, 'a@b.txt'));
  assert.equal(ctx.resolvePath('/x/a@b.txt'), '/x/a@b.txt');
});

test('resolvePath: ns@pack$workspace/x → <wks>/.aipack/support/pack/ns/pack/x (may not exist)', () => {
  const ctx = sandboxCtx();
  assert.equal(ctx.resolvePath('ns_a@pack_a_1$workspace/extra/test.txt'), path.join(SANDBOX_AIPACK, 'support/pack/ns_a/pack_a_1/extra/test.txt'));
  assert.equal(ctx.resolvePath('any@thing$workspace/new.txt'), path.join(SANDBOX_AIPACK, 'support/pack/any/thing/new.txt'));
  assert.throws(() => noWorkspaceCtx().resolvePath('ns_a@pack_a_1$workspace/x'), {
    message: "Cannot load reference support file in workspace for 'ns_a@pack_a_1$workspace/x' because no workspace",
  });
});

test('resolvePath: ns@pack$base/x → <base>/support/pack/ns/pack/x, workspace not needed', () => {
  assert.equal(sandboxCtx().resolvePath('ns_b@pack_b_2$base/extra/test.txt'), path.join(BASE, 'support/pack/ns_b/pack_b_2/extra/test.txt'));
  assert.equal(noWorkspaceCtx().resolvePath('x@y$base'), path.join(BASE, 'support/pack/x/y'));
});

test('resolvePath: $workspace/x and $base/x shortcuts (port addition); $workspace needs a workspace', () => {
  const ctx = sandboxCtx();
  assert.equal(ctx.resolvePath('$workspace/docs/a.md'), path.join(SANDBOX, 'docs/a.md'));
  assert.equal(ctx.resolvePath('$workspace'), SANDBOX);
  assert.equal(ctx.resolvePath('$base/config-user.toml'), path.join(BASE, 'config-user.toml'));
  assert.equal(noWorkspaceCtx().resolvePath('$base/x'), path.join(BASE, 'x'));
  assert.throws(() => noWorkspaceCtx().resolvePath('$workspace/docs/a.md'), {
    message: `Cannot resolve '$workspace/docs/a.md', because no workspace is available.\n${NO_WKS}`,
  });
});

test('processPathReference: ~/, pack refs (also glob prefixes), $tmp; plain relative stays relative (§5.7)', () => {
  const ctx = sandboxCtx();
  const packB2 = path.join(BASE, 'pack/custom/ns_b/pack_b_2');
  assert.equal(ctx.processPathReference('~/x.txt'), path.join(ctx.homeDir, 'x.txt'));
  assert.equal(ctx.processPathReference('some/rel.txt'), 'some/rel.txt');
  assert.equal(ctx.processPathReference('ns_b@pack_b_2/some.md'), path.join(packB2, 'some.md'));
  assert.equal(ctx.processPathReference('ns_b@pack_b_2/guide/**/*.md'), `${packB2}/guide/**/*.md`);
  assert.equal(ctx.processPathReference('ns_b@pack_b_2/**/*.md'), `${packB2}/**/*.md`);
  assert.equal(ctx.processPathReference('ns_b@pack_b_2$base/**/*.*'), `${path.join(BASE, 'support/pack/ns_b/pack_b_2')}/**/*.*`);
  assert.equal(ctx.processPathReference('$tmp/a.txt'), path.join(SANDBOX_AIPACK, '.session/sess-1/tmp/a.txt'));
  // An unresolvable ref is left as written (the caller then fails on the missing file).
  assert.equal(ctx.processPathReference('ns_z@nope/a.md'), 'ns_z@nope/a.md');
  assert.throws(() => noWorkspaceCtx().processPathReference('$tmp/a'), { message: `Cannot resolve tmp path '$tmp/a'.\n${NO_WKS}` });
});
