/**
 * Write-gate battery (issue 22 item 1): the writers that the first guard battery did not reach — a model's
 * file-change envelope (aip.udiffx.apply_file_changes: new, patch, append, copy, rename, delete), PDF page
 * splitting, and zip extraction into a folder holding a symlink — against every route out of the workspace,
 * through Lua in a real run. Nothing outside may change. And names that merely start with `..` are names, not
 * a way up: they are written.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { sandbox, type Sandbox } from '../../support/run-harness';
import { guard } from './support';

let sb: Sandbox;
let outside: string;

before(async () => {
  sb = await sandbox();
  outside = path.join(path.dirname(sb.wks), 'outside');
  fs.mkdirSync(outside, { recursive: true });
  fs.writeFileSync(path.join(outside, 'victim.txt'), 'line one\nline two\n');
  fs.symlinkSync(outside, path.join(sb.wks, 'link-out'), 'dir');
  fs.symlinkSync(path.join(outside, 'victim.txt'), path.join(sb.wks, 'file-link.txt'), 'file');
});
after(async () => {
  await sb.close();
});

/** Every file under `outside` with its content: the state nothing may change. */
function snapshotOutside(): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const n of fs.readdirSync(d)) {
      const p = path.join(d, n);
      if (fs.lstatSync(p).isDirectory()) walk(p);
      else out[path.relative(outside, p)] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(outside);
  return out;
}

async function afterAll(lua: string): Promise<unknown> {
  sb.write('agents/gate.aip', ['# After All', '```lua', lua, '```', ''].join('\n'));
  const res = await guard(sb.run('agents/gate.aip'), 30_000, 'gate run');
  assert.equal(res.endState, 'Ok', res.error?.message);
  return res.afterAll;
}

const ROUTES: [string, string][] = [
  ['dot-dot', '../outside'],
  ['absolute', '<OUT>'],
  ['symlinked dir', 'link-out'],
];

test('apply_file_changes: every directive through every route out is refused; outside unchanged', async () => {
  const before = snapshotOutside();
  sb.write('inside.txt', 'inside\n');
  const directives: string[] = [];
  for (const [, route] of ROUTES) {
    const r = route.replace('<OUT>', outside);
    directives.push(
      `[[[FILE_NEW file_path="${r}/new.txt"]]]\nnew\n[[[/FILE_NEW]]]`,
      `[[[FILE_APPEND file_path="${r}/victim.txt"]]]\nappended\n[[[/FILE_APPEND]]]`,
      `[[[FILE_PATCH file_path="${r}/victim.txt"]]]\n@@\n-line one\n+PATCHED\n line two\n[[[/FILE_PATCH]]]`,
      `[[[FILE_COPY from_path="inside.txt" to_path="${r}/copied.txt"]]]`,
      `[[[FILE_RENAME from_path="${r}/victim.txt" to_path="taken.txt"]]]`,
      `[[[FILE_DELETE file_path="${r}/victim.txt"]]]`,
    );
  }
  // A symlinked file in the workspace that points out: patch and append through it.
  directives.push(
    `[[[FILE_APPEND file_path="file-link.txt"]]]\nappended\n[[[/FILE_APPEND]]]`,
    `[[[FILE_PATCH file_path="file-link.txt"]]]\n@@\n-line one\n+PATCHED\n line two\n[[[/FILE_PATCH]]]`,
  );
  const envelope = `[[[UDIFFX_FILE_CHANGES]]]\n${directives.join('\n')}\n[[[/UDIFFX_FILE_CHANGES]]]`;
  sb.write('reply.md', envelope);
  const status = (await afterAll('return aip.udiffx.apply_file_changes(aip.file.load("reply.md").content)')) as {
    items: { file_path: string; success: boolean; error_msg?: string }[];
    success_count: number;
  };
  assert.equal(status.items.length, directives.length);
  const accepted = status.items.filter((i) => i.success || !/Security violation/.test(i.error_msg ?? ''));
  assert.deepEqual(accepted.map((i) => `${i.file_path}: ${i.error_msg ?? 'ACCEPTED'}`), []);
  assert.equal(status.success_count, 0);
  assert.deepEqual(snapshotOutside(), before, 'a file outside the workspace changed');
  assert.equal(fs.existsSync(path.join(sb.wks, 'taken.txt')), false);
  assert.deepEqual(sb.host.trashed, []);
});

test('pdf.split_pages refuses a dest_dir out of the workspace (aipack does not guard it)', async () => {
  const doc = await PDFDocument.create();
  doc.addPage();
  doc.addPage();
  fs.writeFileSync(path.join(sb.wks, 'doc.pdf'), await doc.save());
  const before = snapshotOutside();
  const results = (await afterAll(
    [
      'local out = {}',
      `for i, d in ipairs({"../outside/pages", "${outside}/pages-abs", "link-out/pages-link"}) do`,
      '  local ok, err = pcall(aip.pdf.split_pages, "doc.pdf", d)',
      '  out[i] = ok and "ACCEPTED" or tostring(err)',
      'end',
      'local ok = pcall(aip.pdf.split_pages, "doc.pdf", "pages-in")',
      'out[#out + 1] = ok and "inside ok" or "inside refused"',
      'return out',
    ].join('\n'),
  )) as string[];
  assert.equal(results.length, 4);
  for (const r of results.slice(0, 3)) assert.match(r, /Save file protection/);
  assert.equal(results[3], 'inside ok');
  assert.ok(fs.readdirSync(path.join(sb.wks, 'pages-in')).length > 0);
  assert.deepEqual(snapshotOutside(), before);
});

test('zip.extract into a folder whose subfolder is a symlink pointing out: refused, nothing lands outside', async () => {
  sb.write('zsrc/sub/escaped.txt', 'zipped');
  sb.write('zsrc/top.txt', 'top');
  fs.mkdirSync(path.join(sb.wks, 'zdest'), { recursive: true });
  fs.symlinkSync(outside, path.join(sb.wks, 'zdest', 'sub'), 'dir');
  const before = snapshotOutside();
  const r = (await afterAll(
    ['aip.zip.create("zsrc", "z.zip")', 'local ok, err = pcall(aip.zip.extract, "z.zip", "zdest")', 'return ok and "ACCEPTED" or tostring(err)'].join('\n'),
  )) as string;
  assert.match(r, /Save file protection/);
  assert.deepEqual(snapshotOutside(), before);
  assert.equal(fs.existsSync(path.join(outside, 'escaped.txt')), false);
});

test('names that start with ".." are written inside the workspace, not refused', async () => {
  const r = (await afterAll(
    [
      'aip.file.save("..notes.md", "a")',
      'aip.file.save("dir/..hidden/..x.txt", "b")',
      'aip.file.append("..log", "c")',
      'local ok, err = pcall(aip.file.save, "../outside/..notes.md", "no")',
      'return ok and "ACCEPTED" or tostring(err)',
    ].join('\n'),
  )) as string;
  assert.equal(sb.read('..notes.md'), 'a');
  assert.equal(sb.read('dir/..hidden/..x.txt'), 'b');
  assert.equal(sb.read('..log'), 'c');
  assert.match(r, /Save file protection/);
  assert.equal(fs.existsSync(path.join(outside, '..notes.md')), false);
});
