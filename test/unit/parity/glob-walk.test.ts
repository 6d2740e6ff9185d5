// The walker behind every file listing: fast-glob only prunes, the globset matcher decides.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { splitStaticPrefix, walkGlobs, walkPattern } from '../../../src/runtime/glob/walk';
import { compileGlobSet, splitGlobList } from '../../../src/runtime/glob/globset';

let root: string;
const rel = (es: { rel: string }[]) => es.map((e) => e.rel);

before(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'aip-walk-')));
  for (const f of ['wks/a.md', 'wks/.env', 'wks/d/b.md', 'wks/d/e/c.md', 'wks/(x|y).txt', 'wks/.git/config', 'side/s.md']) {
    mkdirSync(dirname(join(root, f)), { recursive: true });
    writeFileSync(join(root, f), f);
  }
});
after(() => rmSync(root, { recursive: true, force: true }));

test('static prefix and prune pattern', () => {
  assert.deepEqual(splitStaticPrefix('src/a/*.md'), { prefix: 'src/a/', rest: '*.md' });
  assert.deepEqual(splitStaticPrefix('{src}/*.md'), { prefix: '', rest: '{src}/*.md' });
  assert.deepEqual(splitStaticPrefix('a/\\*.md'), { prefix: 'a/', rest: '\\*.md' });
  assert.deepEqual(splitStaticPrefix('README.md'), { prefix: 'README.md', rest: '' });
  assert.equal(walkPattern('*/*.md'), '*/*');
  assert.equal(walkPattern('**/*.md'), '**');
  assert.equal(walkPattern('{a/b,c}/*.md'), '**', 'an alternate may hold a /');
  assert.equal(walkPattern('x[/]y'), '**', 'a class may match /');
});

test('walk: `*` stays in one folder, dotfiles match, `**` at start/middle/end', async () => {
  const cwd = join(root, 'wks');
  assert.deepEqual(rel(await walkGlobs(cwd, ['*'], { ignore: ['**/.git/**'] })), ['(x|y).txt', '.env', 'a.md']);
  assert.deepEqual(rel(await walkGlobs(cwd, ['**/*.md'])), ['a.md', 'd/b.md', 'd/e/c.md']);
  assert.deepEqual(rel(await walkGlobs(cwd, ['d/**/c.md'])), ['d/e/c.md']);
  assert.deepEqual(rel(await walkGlobs(cwd, ['d/**'])), ['d/b.md', 'd/e/c.md']);
  assert.deepEqual(rel(await walkGlobs(cwd, ['(x|y).txt'])), ['(x|y).txt'], 'parens and | are plain text');
  assert.deepEqual(rel(await walkGlobs(cwd, ['?.md', 'd/?.md'])), ['a.md', 'd/b.md']);
});

test('walk: `../` and absolute bases, excludes, first only', async () => {
  const cwd = join(root, 'wks');
  assert.deepEqual(rel(await walkGlobs(cwd, ['../side/*.md'])), ['../side/s.md']);
  const abs = await walkGlobs(cwd, [`${root}/side/{*.md}`]);
  assert.deepEqual(abs.map((e) => e.abs), [`${root}/side/s.md`]);
  assert.deepEqual(rel(await walkGlobs(cwd, ['**/*.md'], { exclude: compileGlobSet(['d/**']) })), ['a.md']);
  assert.equal((await walkGlobs(cwd, ['**/*.md'], { firstOnly: true })).length, 1);
  assert.deepEqual(rel(await walkGlobs(cwd, ['nope/*.md', 'missing.md'])), []);
});

test('a glob globset refuses is an error with its message, not an empty match', async () => {
  await assert.rejects(walkGlobs(root, ['src/[abc']), { message: "Cannot create glob pattern 'src/[abc'.\nCause: error parsing glob 'src/[abc': unclosed character class; missing ']'" });
});

test('splitGlobList keeps commas inside groups, classes and escapes', () => {
  assert.deepEqual(splitGlobList('a/*.{ts,js}, b/[,x].md\nc\\,d ,, '), ['a/*.{ts,js}', 'b/[,x].md', 'c\\,d']);
  assert.deepEqual(splitGlobList('[],]x, y'), ['[],]x', 'y']);
});

test('bad globs fail with simple-fs/globset wording in matches_glob, sort_by_globs and listings', async () => {
  const { luaIn, makeWorkspace } = await import('../aip/file-env');
  const ws = makeWorkspace();
  try {
    await assert.rejects(luaIn(ws, 'return aip.path.matches_glob("a", "{a,b")'), /Cannot create glob pattern '\{a,b'\.\nCause: error parsing glob '\{a,b': unclosed alternate group/);
    await assert.rejects(luaIn(ws, 'return aip.path.sort_by_globs({"a"}, {"[z-a]"})'), /aip\.path\.sort_by_globs error: Cannot sort by globs\.\nCause: error parsing glob '\[z-a\]': invalid range; 'z' > 'a'/);
    await assert.rejects(luaIn(ws, 'return aip.file.list("src/[abc")'), /Cannot create glob pattern 'src\/\[abc'/);
  } finally {
    ws.cleanup();
  }
});
