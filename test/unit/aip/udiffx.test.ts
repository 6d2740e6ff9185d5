import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { udiffxCatalog } from '../../../src/runtime/script/aip/udiffx';
import { FILE_CHANGES_INSTRUCTION } from '../../../src/runtime/script/aip/udiffx-prompt';
import { contentFromRaw, extractFileChanges, parseAttrs } from '../../../src/runtime/script/aip/udiffx-extract';
import { checkCatalogShape, fakeEnv, fakeHost, invoke, tempDir } from '../../fixtures/aip-io/call';

const wrap = (inner: string) => `Some intro.\n[[[UDIFFX_FILE_CHANGES]]]\n${inner}\n[[[/UDIFFX_FILE_CHANGES]]]\nSome outro.\n`;

function setup() {
  const wks = tempDir();
  const env = fakeEnv(wks);
  const host = fakeHost();
  const trashed: string[] = [];
  host.trash = async (p: string) => {
    trashed.push(p);
  };
  return { wks, env, host, trashed };
}

test('catalog shape; apply_file_changes is multi-valued', () => {
  checkCatalogShape(udiffxCatalog, ['apply_file_changes', 'load_files_context', 'file_changes_instruction']);
  assert.equal(udiffxCatalog.entries.find((e) => e.name === 'apply_file_changes')?.multi, true);
});

test('apply: new, patch, append, copy, rename, delete', async () => {
  const { wks, env, host, trashed } = setup();
  mkdirSync(join(wks, 'src'));
  writeFileSync(join(wks, 'src', 'main.rs'), 'fn main() {\n    println!("Old");\n}\n');
  writeFileSync(join(wks, 'CHANGELOG.md'), '# Log\n');
  writeFileSync(join(wks, 'old.md'), 'old readme\n');
  writeFileSync(join(wks, 'temp.txt'), 'tmp\n');
  const content = wrap(`[[[FILE_NEW file_path="src/hello.rs"]]]
\`\`\`rust
pub fn hello() {}
\`\`\`
[[[/FILE_NEW]]]

[[[FILE_PATCH file_path="src/main.rs"]]]
@@
+mod hello;
 fn main() {
-    println!("Old");
+    hello::hello();
 }
[[[/FILE_PATCH]]]

[[[FILE_APPEND file_path="CHANGELOG.md"]]]
- added hello
[[[/FILE_APPEND]]]

[[[FILE_COPY from_path="old.md" to_path="docs/backup.md" /]]]
[[[FILE_RENAME from_path="old.md" to_path="README.md" /]]]
[[[FILE_DELETE file_path="temp.txt" /]]]`);
  const [status, rest] = await invoke(udiffxCatalog, 'apply_file_changes', [content, undefined, { extrude: 'content' }], { env, host });
  assert.deepEqual(status, {
    success: true,
    total_count: 6,
    success_count: 6,
    fail_count: 0,
    items: [
      { file_path: 'src/hello.rs', kind: 'New', success: true },
      { file_path: 'src/main.rs', kind: 'Patch', success: true },
      { file_path: 'CHANGELOG.md', kind: 'Append', success: true },
      { file_path: 'docs/backup.md', kind: 'Copy', success: true },
      { file_path: 'README.md', kind: 'Rename', success: true },
      { file_path: 'temp.txt', kind: 'Delete', success: true },
    ],
  });
  assert.equal(rest, 'Some intro.\n\nSome outro.\n');
  assert.equal(readFileSync(join(wks, 'src', 'hello.rs'), 'utf8'), 'pub fn hello() {}\n');
  assert.equal(readFileSync(join(wks, 'src', 'main.rs'), 'utf8'), 'mod hello;\nfn main() {\n    hello::hello();\n}\n');
  assert.equal(readFileSync(join(wks, 'CHANGELOG.md'), 'utf8'), '# Log\n- added hello\n');
  assert.equal(readFileSync(join(wks, 'docs', 'backup.md'), 'utf8'), 'old readme\n');
  assert.equal(readFileSync(join(wks, 'README.md'), 'utf8'), 'old readme\n');
  assert.ok(!existsSync(join(wks, 'old.md')));
  assert.deepEqual(trashed, [join(wks, 'temp.txt')]);
  assert.ok(env.locked.includes(join(wks, 'src', 'main.rs')));
  // No temp files left behind by the atomic writes.
  assert.deepEqual(readdirSync(join(wks, 'src')).sort(), ['hello.rs', 'main.rs']);
});

test('apply: failures are per directive, with messages and failed hunks', async () => {
  const { wks, env, host } = setup();
  writeFileSync(join(wks, 'a.txt'), 'one\ntwo\nthree\n');
  writeFileSync(join(wks, 'same.txt'), 'same\n');
  const content = wrap(`[[[FILE_PATCH file_path="a.txt"]]]
@@
 one
-two
+TWO
@@
 nowhere
-to be found
+x
[[[/FILE_PATCH]]]
[[[FILE_NEW file_path="same.txt"]]]
same
[[[/FILE_NEW]]]
[[[FILE_NEW path="x.txt"]]]
x
[[[/FILE_NEW]]]
[[[FILE_DELETE file_path="missing.txt" /]]]
[[[FILE_RENAME from_path="nope.txt" to_path="b.txt" /]]]
[[[FILE_COPY from_path="nope.txt" to_path="c.txt" /]]]
[[[FILE_NEW file_path="../outside.txt"]]]
bad
[[[/FILE_NEW]]]`);
  const [status, rest] = await invoke(udiffxCatalog, 'apply_file_changes', [content], { env, host });
  assert.equal(rest, undefined);
  assert.equal(status.success, false);
  assert.equal(status.total_count, 7);
  assert.equal(status.success_count, 0);
  assert.equal(status.fail_count, 7);
  const [patch, same, noAttr, del, ren, copy, outside] = status.items;
  assert.equal(patch.error_msg, "1 of 2 hunks failed to apply for 'a.txt'");
  assert.equal(patch.error_hunks.length, 1);
  assert.equal(patch.error_hunks[0].hunk_body, '@@\n nowhere\n-to be found\n+x\n');
  assert.equal(patch.error_hunks[0].cause, 'patch completion error: Could not find patch context in original file (starting search from line 1)');
  // The hunk that matched is applied even though the directive reports a failure.
  assert.equal(readFileSync(join(wks, 'a.txt'), 'utf8'), 'one\nTWO\nthree\n');
  assert.equal(same.error_msg, "No changes applied to 'same.txt'");
  assert.deepEqual(noAttr, { file_path: 'unknown', kind: 'Fail', success: false, error_msg: "Missing attribute 'file_path' for tag 'FILE_NEW'" });
  assert.equal(del.error_msg, 'Path not found for delete: missing.txt');
  assert.equal(ren.error_msg, 'Path not found for rename source: nope.txt');
  assert.equal(copy.error_msg, 'Path not found for copy source: nope.txt');
  assert.equal(outside.error_msg, `Security violation, target '${join(wks, '..', 'outside.txt')}' is outside base dir '${wks}'`);
  assert.ok(!existsSync(join(wks, '..', 'outside.txt')));
});

test('apply: base_dir, XML envelope, no envelope, base outside the workspace', async () => {
  const { wks, env, host } = setup();
  const xml = `<FILE_CHANGES>\n<FILE_NEW file_path="n.txt">\nhello\n</FILE_NEW>\n<FILE_DELETE file_path="n2.txt"/>\n</FILE_CHANGES>`;
  const [status] = await invoke(udiffxCatalog, 'apply_file_changes', [xml, 'sub'], { env, host });
  assert.equal(status.items[0].success, true);
  assert.equal(readFileSync(join(wks, 'sub', 'n.txt'), 'utf8'), 'hello\n');
  assert.equal(status.items[1].error_msg, 'Path not found for delete: n2.txt');

  const [empty, rest] = await invoke(udiffxCatalog, 'apply_file_changes', ['no changes here', '', { extrude: 'content' }], { env, host });
  assert.deepEqual(empty, { success: true, total_count: 0, success_count: 0, fail_count: 0, items: [] });
  assert.equal(rest, 'no changes here');

  const outside = tempDir('aip-io-outside-');
  await assert.rejects(invoke(udiffxCatalog, 'apply_file_changes', [wrap('[[[FILE_NEW file_path="x"]]]\nx\n[[[/FILE_NEW]]]'), outside], { env, host }), {
    message: `Security violation, target '${outside}' is outside base dir '${wks}'`,
  });
  assert.deepEqual(readdirSync(outside), []);
  await assert.rejects(invoke(udiffxCatalog, 'apply_file_changes', ['x', undefined, { extrude: 'other' }], { env, host }), {
    message: "aip.udiffx.apply_file_changes - extrude must be = to 'content' for now",
  });
  await assert.rejects(invoke(udiffxCatalog, 'apply_file_changes', [3], { env, host }), {
    message: "aip.udiffx.apply_file_changes - expected <string> for parameter 'content' but got number",
  });
});

test('apply: patch with ~ range and a CRLF file (saved as LF)', async () => {
  const { wks, env, host } = setup();
  const lines = ['[deps]', 'a = 1', 'b = 2', 'c = 3', 'd = 4', 'e = 5', 'f = 6', '[end]'];
  writeFileSync(join(wks, 'c.toml'), lines.join('\r\n') + '\r\n');
  const content = wrap(`[[[FILE_PATCH file_path="c.toml"]]]
@@
 [deps]
-a = 1
-b = 2
~
-e = 5
-f = 6
+z = 9
 [end]
[[[/FILE_PATCH]]]`);
  const [status] = await invoke(udiffxCatalog, 'apply_file_changes', [content], { env, host });
  assert.equal(status.success, true, JSON.stringify(status));
  assert.equal(readFileSync(join(wks, 'c.toml'), 'utf8'), '[deps]\nz = 9\n[end]\n');
});

test('extract: attributes, fences, auto-closed bracket directives', () => {
  assert.deepEqual(parseAttrs(` file_path="a b.txt" other='x' bare=1 flag `), { file_path: 'a b.txt', other: 'x', bare: '1', flag: '' });
  assert.equal(contentFromRaw('\n```\n```'), '');
  assert.equal(contentFromRaw('\n```\n  \n```'), '  \n');
  assert.equal(contentFromRaw('\n````rust\nfn a() {}\n````  \n'), 'fn a() {}\n');
  assert.equal(contentFromRaw('\nplain\n'), 'plain\n');
  const { directives } = extractFileChanges('[[[UDIFFX_FILE_CHANGES]]]\n[[[FILE_NEW file_path="a"]]]\nA\n[[[FILE_APPEND file_path="b"]]]\nB\n[[[/UDIFFX_FILE_CHANGES]]]', false);
  assert.deepEqual(directives, [
    { kind: 'New', file_path: 'a', content: 'A\n' },
    { kind: 'Append', file_path: 'b', content: 'B\n' },
  ]);
});

test('load_files_context: blocks, nil when no match, absolute', async () => {
  const { wks, env } = setup();
  mkdirSync(join(wks, 'src'));
  writeFileSync(join(wks, 'src', 'a.rs'), 'fn a() {}');
  writeFileSync(join(wks, 'src', 'b.rs'), 'fn b() {}\n');
  const ctx = await invoke(udiffxCatalog, 'load_files_context', ['src/*.rs'], { env });
  assert.equal(ctx, '<FILE_CONTENT path="src/a.rs">\nfn a() {}\n</FILE_CONTENT>\n\n<FILE_CONTENT path="src/b.rs">\nfn b() {}\n</FILE_CONTENT>\n');
  assert.equal(await invoke(udiffxCatalog, 'load_files_context', [['*.none']], { env }), undefined);
  const rel = await invoke(udiffxCatalog, 'load_files_context', ['*.rs', { base_dir: 'src' }], { env });
  assert.match(rel, /^<FILE_CONTENT path="a\.rs">/);
  const abs = await invoke(udiffxCatalog, 'load_files_context', ['src/b.rs', { absolute: true }], { env });
  assert.equal(abs, `<FILE_CONTENT path="${join(wks, 'src', 'b.rs')}">\nfn b() {}\n</FILE_CONTENT>\n`);
});

test('file_changes_instruction: the udiffx prompt text', async () => {
  const text = await invoke(udiffxCatalog, 'file_changes_instruction', []);
  assert.equal(text, FILE_CHANGES_INSTRUCTION);
  assert.ok(text.startsWith('# UDIFFX File Changes Instructions\n'));
  assert.ok(text.includes('[[[UDIFFX_FILE_CHANGES]]]'));
});
