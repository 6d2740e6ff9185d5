import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathCatalog } from '../../../src/runtime/script/aip/path';
import { luaIn } from './file-env';
import { withWs } from './helpers';

test('catalog: the 11 §8.19 names', () => {
  assert.deepEqual(
    pathCatalog.entries.map((e) => e.name).sort(),
    ['diff', 'exists', 'is_dir', 'is_file', 'join', 'matches_glob', 'parent', 'parse', 'resolve', 'sort_by_globs', 'split'],
  );
  for (const e of pathCatalog.entries) assert.ok(e.signature.startsWith(`aip.path.${e.name}(`) && e.doc.includes('Example'), e.name);
});

test('parse: FileInfo without meta; nil → nil; home → ~/', () =>
  withWs(async (ws) => {
    assert.deepEqual(await luaIn(ws, 'return aip.path.parse("docs/guide/intro.md")'), {
      _type: 'FileInfo',
      path: 'docs/guide/intro.md',
      dir: 'docs/guide',
      name: 'intro.md',
      stem: 'intro',
      ext: 'md',
      is_likely_text: true,
    });
    const noExt = (await luaIn(ws, 'return aip.path.parse("Makefile")')) as Record<string, unknown>;
    assert.deepEqual([noExt.dir, noExt.stem, noExt.ext], ['', 'Makefile', '']);
    const home = (await luaIn(ws, `return aip.path.parse("${join(ws.home, 'a/b.db')}")`)) as Record<string, unknown>;
    assert.deepEqual([home.path, home.dir, home.is_likely_text], ['~/a/b.db', '~/a', false]);
    assert.equal(await luaIn(ws, 'return aip.path.parse(nil)'), undefined);
    await assert.rejects(luaIn(ws, 'return aip.path.parse({})'), /aip\.path\.parse - accepted argument types are String or Nil, but was table/);
  }));

test('join: parts concatenated without separator, lists joined with /, slashes collapsed', () =>
  withWs(async (ws) => {
    const cases: [string, string, string][] = [
      ['./', '"file.txt"', './file.txt'],
      ['./', '{"my-dir","file.txt"}', './my-dir/file.txt'],
      ['', '{"my-dir","file.txt"}', 'my-dir/file.txt'],
      ['', '{"my-dir/","//file.txt"}', 'my-dir/file.txt'],
      ['some-base/', '"my-dir/","file.txt"', 'some-base/my-dir/file.txt'],
      ['a', '"b", "c"', 'a/bc'],
      ['a/', '"b/", "c/"', 'a/b/c/'],
      ['root/', '{"user", "docs"}, "projectA", {"report", "final.pdf"}', 'root/user/docsprojectAreport/final.pdf'],
    ];
    for (const [base, args, expected] of cases) {
      assert.equal(await luaIn(ws, `return aip.path.join("${base}", ${args})`), expected, `${base} ${args}`);
    }
    await assert.rejects(luaIn(ws, 'return aip.path.join("a", 12)'), /aip\.path\.join - Expected a string or a list of strings, but got number/);
  }));

test('parent and split follow Rust Path rules', () =>
  withWs(async (ws) => {
    const parents: [string, string | undefined][] = [
      ['./agent-hello.aipack', '.'],
      ['./', ''],
      ['.', ''],
      ['./sub-dir/file.txt', './sub-dir'],
      ['./sub-dir/', '.'],
      ['a/b/c.md', 'a/b'],
      ['/file', '/'],
      ['/', undefined],
      ['', undefined],
    ];
    for (const [p, expected] of parents) assert.equal(await luaIn(ws, `return aip.path.parent("${p}")`), expected, p);
    const splits: [string, string, string][] = [
      ['some/path/to_file.md', 'some/path', 'to_file.md'],
      ['justafile.md', '', 'justafile.md'],
      ['/absolute/path/file.log', '/absolute/path', 'file.log'],
      ['/file_at_root', '/', 'file_at_root'],
      ['trailing/slash/', 'trailing', 'slash'],
    ];
    for (const [p, parent, name] of splits) {
      assert.deepEqual(await luaIn(ws, `local a, b = aip.path.split("${p}") return {a, b}`), [parent, name], p);
    }
  }));

test('diff: relative path between two paths, ~ expanded, "" when not computable', () =>
  withWs(async (ws) => {
    assert.equal(await luaIn(ws, 'return aip.path.diff("src/a/b.rs", "src")'), 'a/b.rs');
    assert.equal(await luaIn(ws, 'return aip.path.diff("src/a.rs", "docs/x")'), '../../src/a.rs');
    assert.equal(await luaIn(ws, 'return aip.path.diff("/a/b/c", "/a/d")'), '../b/c');
    assert.equal(await luaIn(ws, `return aip.path.diff("~/proj/x.md", "${ws.home}")`), 'proj/x.md');
    assert.equal(await luaIn(ws, 'return aip.path.diff("/abs/x", "rel")'), '/abs/x');
    assert.equal(await luaIn(ws, 'return aip.path.diff("rel/x", "/abs")'), '');
    assert.equal(await luaIn(ws, 'return aip.path.diff("a/b", "../c")'), '');
    assert.equal(await luaIn(ws, 'return aip.path.diff("same", "same")'), '');
  }));

test('resolve, exists, is_file, is_dir', () =>
  withWs(async (ws) => {
    ws.write('d/f.txt', 'x');
    assert.equal(await luaIn(ws, 'return aip.path.resolve("d/../d/f.txt")'), join(ws.wks, 'd/f.txt'));
    assert.equal(await luaIn(ws, 'return aip.path.resolve("~/x")'), join(ws.home, 'x'));
    assert.equal(await luaIn(ws, 'return aip.path.resolve("jc@demo/lua")'), join(ws.baseDir, 'pack/installed/jc/demo/lua'));
    assert.deepEqual(
      await luaIn(ws, 'return {aip.path.exists("d/f.txt"), aip.path.exists("d"), aip.path.exists("nope"), aip.path.exists("bad@@x")}'),
      [true, true, false, false],
    );
    assert.deepEqual(await luaIn(ws, 'return {aip.path.is_file("d/f.txt"), aip.path.is_file("d"), aip.path.is_file("nope")}'), [
      true,
      false,
      false,
    ]);
    assert.deepEqual(await luaIn(ws, 'return {aip.path.is_dir("d"), aip.path.is_dir("d/f.txt"), aip.path.is_dir("nope")}'), [
      true,
      false,
      false,
    ]);
    await assert.rejects(luaIn(ws, 'return aip.path.is_file(nil)'), /aip\.path\.is_file - expected <string> for parameter 'path' but got nil/);
  }));

test('matches_glob: nil path → nil, empty globs → false, * stops at /', () =>
  withWs(async (ws) => {
    assert.deepEqual(
      await luaIn(
        ws,
        `return {
          aip.path.matches_glob("src/main.rs", "src/**/*.rs"),
          aip.path.matches_glob("src/a/main.rs", "src/*.rs"),
          aip.path.matches_glob("src/a/main.rs", {"*.md", "src/**/*.rs"}),
          aip.path.matches_glob(".hidden/x.md", "**/*.md"),
          aip.path.matches_glob("./src/x.rs", "src/*.rs"),
          aip.path.matches_glob("./src/x.rs", "./src/*.rs"),
          aip.path.matches_glob("a.md", {}),
        }`,
      ),
      // The path is matched as given (globset's Candidate does not drop a leading `./`).
      [true, false, true, true, false, true, false],
    );
    assert.equal(await luaIn(ws, 'return aip.path.matches_glob(nil, "*")'), undefined);
  }));

test('sort_by_globs: glob priority, no-match position, end-weighted, tables with path', () =>
  withWs(async (ws) => {
    const files = '{"src/main.rs", "README.md", "src/lib.rs", "Cargo.toml"}';
    assert.deepEqual(await luaIn(ws, `return aip.path.sort_by_globs(${files}, {"*.toml", "*.md"})`), [
      'Cargo.toml',
      'README.md',
      'src/lib.rs',
      'src/main.rs',
    ]);
    assert.deepEqual(await luaIn(ws, `return aip.path.sort_by_globs(${files}, {"*.toml"}, "start")`), [
      'README.md',
      'src/lib.rs',
      'src/main.rs',
      'Cargo.toml',
    ]);
    assert.deepEqual(
      await luaIn(ws, 'return aip.path.sort_by_globs({"src/main.rs", "README.md", "Cargo.toml"}, {"*.toml", "*.md"}, {no_match_position = "start"})'),
      ['src/main.rs', 'Cargo.toml', 'README.md'],
    );
    // End-weighted: an item goes with the last glob it matches.
    assert.deepEqual(await luaIn(ws, 'return aip.path.sort_by_globs({"src/main.rs", "src/a.rs"}, {"src/*.rs", "src/main.rs", "x"}, true)'), [
      'src/a.rs',
      'src/main.rs',
    ]);
    assert.deepEqual(await luaIn(ws, 'return aip.path.sort_by_globs({"src/main.rs", "src/a.rs"}, {"src/*.rs", "src/main.rs"})'), [
      'src/a.rs',
      'src/main.rs',
    ]);
    const tables = (await luaIn(ws, 'return aip.path.sort_by_globs({{path = "b.md", n = 1}, {path = "a.toml", n = 2}}, "*.toml")')) as Record<string, unknown>[];
    assert.deepEqual(tables.map((t) => t.n), [2, 1]);
    await assert.rejects(
      luaIn(ws, 'return aip.path.sort_by_globs({"a"}, "*", "middle")'),
      /aip\.path\.sort_by_globs options string must be 'start' or 'end', got 'middle'/,
    );
    await assert.rejects(
      luaIn(ws, 'return aip.path.sort_by_globs({{name = "x"}}, "*")'),
      /aip\.path\.sort_by_globs each file table must have a 'path' string field/,
    );
    await assert.rejects(luaIn(ws, 'return aip.path.sort_by_globs("x", "*")'), /aip\.path\.sort_by_globs 'files' argument must be a list \(table\)/);
  }));
