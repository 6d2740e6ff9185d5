// aip.git.restore, aip.pdf.* and aip.zip.extract through Lua on fixtures the tests create.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { luaAll } from './lua-all-env';
import { makeWorkspace } from './file-env';

const hasGit = spawnSync('git', ['--version']).status === 0;

function git(cwd: string, ...args: string[]): void {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
  assert.equal(r.status, 0, r.stderr);
}

test('git.restore through Lua: discards the change, returns stdout; stderr is a Lua error', { skip: !hasGit && 'git not installed' }, async () => {
  const ws = makeWorkspace();
  try {
    git(ws.wks, 'init', '-q');
    ws.write('a.txt', 'original\n');
    git(ws.wks, 'add', 'a.txt');
    git(ws.wks, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'init');
    ws.write('a.txt', 'changed\n');
    assert.equal(await luaAll('return aip.git.restore("a.txt")', ws), '');
    assert.equal(readFileSync(join(ws.wks, 'a.txt'), 'utf8'), 'original\n');
    const r = (await luaAll('local ok, err = pcall(aip.git.restore, "nope.txt") return { ok, tostring(err) }', ws)) as [boolean, string];
    assert.equal(r[0], false);
    assert.match(r[1], /^'git restore nope\.txt' failed\n\tCause: error: pathspec 'nope\.txt' did not match/);
    const bad = (await luaAll('local ok, err = pcall(aip.git.restore, 1) return tostring(err)', ws)) as string;
    assert.equal(bad, "aip.git.restore - expected <string> for parameter 'path' but got number");
  } finally {
    ws.cleanup();
  }
});

test('pdf.page_count and pdf.split_pages through Lua', async () => {
  const ws = makeWorkspace();
  try {
    const doc = await PDFDocument.create();
    for (let i = 0; i < 3; i++) doc.addPage([200 + i * 10, 300]);
    ws.write('docs/book.pdf', await doc.save());
    const r = (await luaAll(
      `local n = aip.pdf.page_count("docs/book.pdf")
       local files = aip.pdf.split_pages("docs/book.pdf")
       local custom = aip.pdf.split_pages("docs/book.pdf", "pages")
       return { n, math.type(n), #files, files[1].path, files[3].name, files[1]._type, custom[2].path }`,
      ws,
    )) as unknown[];
    assert.deepEqual(r, [3, 'integer', 3, 'docs/book/book-page-0001.pdf', 'book-page-0003.pdf', 'FileInfo', 'pages/book-page-0002.pdf']);
    const page2 = await PDFDocument.load(readFileSync(join(ws.wks, 'pages/book-page-0002.pdf')));
    assert.equal(page2.getPageCount(), 1);
    assert.equal(page2.getPage(0).getWidth(), 210);
    const err = (await luaAll('local ok, e = pcall(aip.pdf.page_count, "missing.pdf") return tostring(e)', ws)) as string;
    assert.match(err, /^aip\.pdf\.page_count failed\. Cannot load pdf doc: missing\.pdf\n\tCause: ENOENT/);
  } finally {
    ws.cleanup();
  }
});

test('zip.extract through Lua: default dest next to the archive, globs, only files in archive order', async () => {
  const ws = makeWorkspace();
  try {
    ws.write('site/root.txt', 'root');
    ws.write('site/nested/child.md', '# md');
    ws.write('site/nested/child.txt', 'child');
    const r = (await luaAll(
      `aip.zip.create("site")
       local all = aip.zip.extract("site.zip")
       local md = aip.zip.extract("site.zip", "out", { globs = { "**/*.md" } })
       local paths = {}
       for _, f in ipairs(all) do paths[#paths + 1] = f.path end
       return { paths, #md, md[1].path, md[1]._type }`,
      ws,
    )) as unknown[];
    assert.deepEqual(r, [['site/nested/child.md', 'site/nested/child.txt', 'site/root.txt'], 1, 'out/nested/child.md', 'FileInfo']);
    assert.equal(readFileSync(join(ws.wks, 'out/nested/child.md'), 'utf8'), '# md');
    assert.ok(!existsSync(join(ws.wks, 'out/root.txt')));
    writeFileSync(join(ws.wks, 'bad.zip'), 'not a zip');
    const err = (await luaAll('local ok, e = pcall(aip.zip.extract, "bad.zip") return { ok, tostring(e) }', ws)) as [boolean, string];
    assert.equal(err[0], false);
    assert.match(err[1], /^aip\.zip\.extract failed\. /);
    assert.ok(!existsSync(join(ws.wks, 'bad')));
  } finally {
    ws.cleanup();
  }
});
