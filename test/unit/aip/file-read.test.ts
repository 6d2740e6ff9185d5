import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { luaIn } from './file-env';
import { withWs } from './helpers';

function paths(v: unknown): string[] {
  return (v as { path: string }[]).map((f) => f.path);
}

test('load: FileRecord with the path as given, meta and content', () =>
  withWs(async (ws) => {
    ws.write('docs/a.md', '# A\n');
    const rec = (await luaIn(ws, 'return aip.file.load("docs/a.md")')) as Record<string, unknown>;
    assert.equal(rec._type, 'FileRecord');
    assert.equal(rec.path, 'docs/a.md');
    assert.equal(rec.dir, 'docs');
    assert.equal(rec.name, 'a.md');
    assert.equal(rec.stem, 'a');
    assert.equal(rec.ext, 'md');
    assert.equal(rec.content, '# A\n');
    assert.equal(rec.size, 4);
    assert.equal(typeof rec.mtime, 'number');
    assert.equal(typeof rec.ctime, 'number');
    assert.equal(rec.is_likely_text, true);
  }));

test('load: base_dir (relative → workspace, pack ref) and absolute under home shown as ~/', () =>
  withWs(async (ws) => {
    ws.write('sub/x.txt', 'in sub');
    ws.write(join(ws.baseDir, 'pack/installed/jc/demo/guide/g.md'), 'guide');
    const a = (await luaIn(ws, 'return aip.file.load("x.txt", {base_dir = "sub"})')) as Record<string, unknown>;
    assert.equal(a.content, 'in sub');
    assert.equal(a.path, 'x.txt');
    const b = (await luaIn(ws, 'return aip.file.load("g.md", {base_dir = "jc@demo/guide"})')) as Record<string, unknown>;
    assert.equal(b.content, 'guide');
    const abs = join(ws.wks, 'sub/x.txt');
    const c = (await luaIn(ws, `return aip.file.load("${abs}")`)) as Record<string, unknown>;
    assert.equal(c.path, '~/proj/sub/x.txt');
    assert.equal(c.dir, '~/proj/sub');
  }));

test('load: errors for a missing file, invalid UTF-8, and a non-string path', () =>
  withWs(async (ws) => {
    await assert.rejects(luaIn(ws, 'return aip.file.load("nope.txt")'), /Fail to read .*nope\.txt/);
    ws.write('bin.dat', new Uint8Array([0xff, 0xfe, 0x00, 0xc3]));
    await assert.rejects(luaIn(ws, 'return aip.file.load("bin.dat")'), /valid UTF-8/);
    await assert.rejects(
      luaIn(ws, 'return aip.file.load(true)'),
      /aip\.file\.load - expected <string> for parameter 'path' but got boolean/,
    );
    await assert.rejects(
      luaIn(ws, 'return aip.file.load("a", {base_dir = 3})'),
      /aip\.file\.load - options\.base_dir must be of type string if present/,
    );
  }));

test('exists and info', () =>
  withWs(async (ws) => {
    ws.write('a.txt', 'abc');
    assert.deepEqual(await luaIn(ws, 'return {aip.file.exists("a.txt"), aip.file.exists("."), aip.file.exists("zz")}'), [
      true,
      true,
      false,
    ]);
    // A path that cannot be resolved is just "false".
    assert.equal(await luaIn(ws, 'return aip.file.exists("bad@@ref/x")'), false);
    const info = (await luaIn(ws, 'return aip.file.info("a.txt")')) as Record<string, unknown>;
    assert.equal(info._type, 'FileInfo');
    assert.equal(info.path, 'a.txt');
    assert.equal(info.size, 3);
    assert.equal(info.content, undefined);
    assert.equal(await luaIn(ws, 'return aip.file.info(nil)'), undefined);
    assert.equal(await luaIn(ws, 'return aip.file.info("  ")'), undefined);
    assert.equal(await luaIn(ws, 'return aip.file.info("missing.txt")'), undefined);
    assert.equal(await luaIn(ws, 'return aip.file.info(".aipack")'), undefined);
    await assert.rejects(
      luaIn(ws, 'return aip.file.info(12)'),
      /aip\.file\.info - accepted argument types are String or Nil, but was number/,
    );
  }));

test('list: relative paths, glob order end-weighted, then path order', () =>
  withWs(async (ws) => {
    for (const f of ['src/b.ts', 'src/a.ts', 'src/main.ts', 'README.md', 'notes.txt']) ws.write(f, f);
    const res = await luaIn(ws, 'return aip.file.list({"src/*.ts", "README.md", "src/main.ts"})');
    assert.deepEqual(paths(res), ['src/a.ts', 'src/b.ts', 'README.md', 'src/main.ts']);
    const one = (await luaIn(ws, 'return aip.file.list("*.md")')) as Record<string, unknown>[];
    assert.equal(one.length, 1);
    assert.equal(one[0]._type, 'FileInfo');
    assert.equal(one[0].size, 'README.md'.length);
    assert.equal(typeof one[0].mtime, 'number');
    // with_meta is ignored: meta always there
    const wm = (await luaIn(ws, 'return aip.file.list("*.md", {with_meta = false})')) as Record<string, unknown>[];
    assert.equal(typeof wm[0].size, 'number');
    assert.deepEqual(await luaIn(ws, 'return aip.file.list("*.nothing")'), {});
  }));

test('list: default folder excludes unless a glob names the folder; always-excluded files', () =>
  withWs(async (ws) => {
    for (const f of ['a.js', 'node_modules/m/index.js', '.git/config.js', 'target/t.js', '.aipack/x.js', 'x/__pycache__/c.js', '.build/b.js', '.DS_Store', 'x/y.swp', 'Thumbs.db'])
      ws.write(f, '1');
    assert.deepEqual(paths(await luaIn(ws, 'return aip.file.list("**/*")')), ['a.js']);
    assert.deepEqual(paths(await luaIn(ws, 'return aip.file.list("node_modules/**/*.js")')), ['node_modules/m/index.js']);
    assert.deepEqual(paths(await luaIn(ws, 'return aip.file.list({"**/*.js", "!a.js", ".git/**"})')), [
      '.git/config.js',
    ]);
  }));

test('list: ../ globs are rejected', () =>
  withWs(async (ws) => {
    await assert.rejects(
      luaIn(ws, 'return aip.file.list("../**/*.md")'),
      /Glob '\.\.\/\*\*\/\*\.md' starting with '\.\.\/'\.\nStarting glob with '\.\.\/' is not supported at the moment\./,
    );
    await assert.rejects(luaIn(ws, 'return aip.file.list({"*.md", "./../x/*"})'), /Glob '\.\/\.\.\/x\/\*' starting with/);
  }));

test('list: base_dir, absolute, files outside the base, pack-ref globs, ~/ globs', () =>
  withWs(async (ws) => {
    ws.write('sub/one.md', '1');
    ws.write('sub/deep/two.md', '2');
    ws.write(join(ws.baseDir, 'pack/installed/jc/demo/guide/g.md'), 'g');
    ws.write(join(ws.home, 'notes/n.md'), 'n');
    assert.deepEqual(paths(await luaIn(ws, 'return aip.file.list("**/*.md", {base_dir = "sub"})')), ['deep/two.md', 'one.md']);
    const abs = paths(await luaIn(ws, 'return aip.file.list("*.md", {base_dir = "sub", absolute = true})'));
    assert.deepEqual(abs, ['~/proj/sub/one.md']);
    assert.deepEqual(paths(await luaIn(ws, 'return aip.file.list("jc@demo/guide/**/*.md")')), [
      '~/.aipack-base/pack/installed/jc/demo/guide/g.md',
    ]);
    assert.deepEqual(paths(await luaIn(ws, 'return aip.file.list("~/notes/*.md")')), ['~/notes/n.md']);
    ws.write('.aipack/.session/s1/tmp/t/x.md', 't');
    assert.deepEqual(paths(await luaIn(ws, 'return aip.file.list("$tmp/t/*.md")')), ['.aipack/.session/s1/tmp/t/x.md']);
    const rec = (await luaIn(ws, 'return aip.file.list_load("~/notes/*.md")')) as Record<string, unknown>[];
    assert.equal(rec[0].content, 'n');
  }));

test('list: no workspace and no base_dir → workspace error', () =>
  withWs(
    async (ws) => {
      // aipack's support_list.rs / file_read.rs wording.
      for (const fn of ['list', 'list_load', 'first']) {
        await assert.rejects(luaIn(ws, `return aip.file.${fn}("*.md")`), /eval\.lua:1: Cannot create file records, no workspace$/);
      }
    },
    { noWorkspace: true },
  ));

test('list_load: records with content in list order', () =>
  withWs(async (ws) => {
    ws.write('b.txt', 'B');
    ws.write('a.txt', 'A');
    const recs = (await luaIn(ws, 'return aip.file.list_load({"*.txt"})')) as Record<string, unknown>[];
    assert.deepEqual(
      recs.map((r) => [r._type, r.path, r.content]),
      [
        ['FileRecord', 'a.txt', 'A'],
        ['FileRecord', 'b.txt', 'B'],
      ],
    );
  }));

test('first: a match or nil; no listing excludes for .aipack', () =>
  withWs(async (ws) => {
    ws.write('only/one.toml', 'x=1');
    ws.write('.aipack/config.toml', 'a=1');
    const f = (await luaIn(ws, 'return aip.file.first("only/*.toml")')) as Record<string, unknown>;
    assert.equal(f.path, 'only/one.toml');
    assert.equal(f.size, 3);
    assert.equal(await luaIn(ws, 'return aip.file.first("*.none")'), undefined);
    const cfg = (await luaIn(ws, 'return aip.file.first(".aipack/*.toml")')) as Record<string, unknown>;
    assert.equal(cfg.path, '.aipack/config.toml');
  }));

test('stats: nil globs → nil, no match → zero-filled, aggregates otherwise', () =>
  withWs(async (ws) => {
    ws.write('s/a.txt', '12');
    ws.write('s/b.txt', '345');
    assert.equal(await luaIn(ws, 'return aip.file.stats(nil)'), undefined);
    assert.deepEqual(await luaIn(ws, 'return aip.file.stats("*.none")'), {
      _type: 'FileStats',
      total_size: 0,
      number_of_files: 0,
      ctime_first: 0,
      ctime_last: 0,
      mtime_first: 0,
      mtime_last: 0,
    });
    const s = (await luaIn(ws, 'return aip.file.stats("s/*.txt")')) as Record<string, number>;
    assert.equal(s.number_of_files, 2);
    assert.equal(s.total_size, 5);
    assert.ok(s.mtime_first > 0 && s.mtime_first <= s.mtime_last);
    assert.ok(s.ctime_first > 0 && s.ctime_first <= s.ctime_last);
  }));

test('file functions without a ScriptEnv fail clearly; first with absolute', () =>
  withWs(async (ws) => {
    const { fileCatalog } = await import('../../../src/runtime/script/aip/file');
    const load = fileCatalog.entries.find((e) => e.name === 'load')!;
    const call = { fnName: 'aip.file.load', host: ws.host, signal: new AbortController().signal };
    await assert.rejects(
      (async () => load.impl(call, 'a.txt'))(),
      /aip\.file\.load - no script environment available for file access/,
    );
    ws.write('one/x.md', 'x');
    const f = (await luaIn(ws, 'return aip.file.first("one/*.md", {absolute = true})')) as Record<string, unknown>;
    assert.equal(f.path, '~/proj/one/x.md');
  }));
