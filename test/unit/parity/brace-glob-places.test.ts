// Regression: a one-alternative brace group (`{*.rs}`, as aipack's dev@docaify lists `src/**/{*.rs}`)
// is read as globset reads it — an alternation of one — in every place that takes a glob. Before the
// shared glob module, picomatch/fast-glob read it as literal text and these matched nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { zipCatalog } from '../../../src/runtime/script/aip/zip';
import { udiffxCatalog } from '../../../src/runtime/script/aip/udiffx';
import { fileInputs } from '../../../src/runtime/run/file-inputs';
import { assembleInputs } from '../../../src/extension/input-files';
import { parseGlobList } from '../../../src/extension/inputs';
import { fakeEnv, invoke } from '../../fixtures/aip-io/call';
import { luaIn, makeWorkspace, type TestWorkspace } from '../aip/file-env';

const TREE: Record<string, string> = {
  'src/main.rs': 'fn main() {}',
  'src/util/mod.rs': 'pub mod x;',
  'src/notes.md': '# notes',
  'README.md': '# readme',
};

let ws: TestWorkspace;
let plain: string;

before(() => {
  ws = makeWorkspace();
  for (const [rel, content] of Object.entries(TREE)) ws.write(rel, content);
  plain = realpathSync(mkdtempSync(join(tmpdir(), 'aip-brace-')));
  for (const [rel, content] of Object.entries(TREE)) {
    mkdirSync(dirname(join(plain, rel)), { recursive: true });
    writeFileSync(join(plain, rel), content);
  }
  mkdirSync(join(plain, '.aipack'));
});
after(() => {
  ws.cleanup();
  rmSync(plain, { recursive: true, force: true });
});

const paths = (v: unknown) => (v as { path: string }[]).map((f) => f.path);

test('aip.file.list / list_load / first / stats take `src/**/{*.rs}`', async () => {
  assert.deepEqual(paths(await luaIn(ws, 'return aip.file.list("src/**/{*.rs}")')), ['src/main.rs', 'src/util/mod.rs']);
  assert.deepEqual(paths(await luaIn(ws, 'return aip.file.list_load({"{*.md}"})')), ['README.md']);
  assert.equal(((await luaIn(ws, 'return aip.file.first("src/{util}/{*.rs}")')) as { path: string }).path, 'src/util/mod.rs');
  const stats = (await luaIn(ws, 'return aip.file.stats("src/**/{*.rs}")')) as { number_of_files: number };
  assert.equal(stats.number_of_files, 2);
});

test('aip.file.list: a `!{…}` exclude is read as globset too', async () => {
  assert.deepEqual(paths(await luaIn(ws, 'return aip.file.list({"**/*.{rs,md}", "!src/**/{*.md}"})')), ['README.md', 'src/main.rs', 'src/util/mod.rs']);
});

test('aip.path.matches_glob and sort_by_globs take `{*.rs}`', async () => {
  assert.deepEqual(await luaIn(ws, 'return {aip.path.matches_glob("src/a/b.rs", "src/**/{*.rs}"), aip.path.matches_glob("a.rs", "{*.rs}")}'), [true, true]);
  assert.deepEqual(await luaIn(ws, 'return aip.path.sort_by_globs({"b.md", "a.rs", "c.txt"}, {"{*.rs}", "{*.md}"})'), ['a.rs', 'b.md', 'c.txt']);
});

test('aip.udiffx.load_files_context takes `{*.rs}`', async () => {
  const env = fakeEnv(plain);
  const text = (await invoke(udiffxCatalog, 'load_files_context', ['src/**/{*.rs}'], { env })) as string;
  assert.ok(text.includes('src/main.rs') && text.includes('src/util/mod.rs') && !text.includes('notes.md'), text);
});

test('aip.zip list / create / extract take `{*.rs}`', async () => {
  const env = fakeEnv(plain);
  writeFileSync(join(plain, 'a.zip'), zipSync({ 'x/a.rs': strToU8('a'), 'x/b.md': strToU8('b') }));
  assert.deepEqual(await invoke(zipCatalog, 'list', ['a.zip', { globs: ['x/{*.rs}'] }], { env }), ['x/a.rs']);
  await invoke(zipCatalog, 'create', ['src', 'out/rs.zip', { globs: ['**/{*.rs}'] }], { env });
  // Directory entries on the way to a kept file are written too (as aipack's zip_dir_with_globs does).
  assert.deepEqual(await invoke(zipCatalog, 'list', ['out/rs.zip'], { env }), ['main.rs', 'util/', 'util/mod.rs']);
  const extracted = await invoke(zipCatalog, 'extract', ['a.zip', 'ex', { globs: ['**/{*.rs}'] }], { env });
  assert.deepEqual(paths(extracted), ['ex/x/a.rs']);
});

test('aip run -f and the editor glob box take `src/**/{*.rs}`', async () => {
  const files = await fileInputs(['src/**/{*.rs}'], plain, plain);
  assert.deepEqual(files.map((f) => f.path), ['src/main.rs', 'src/util/mod.rs']);
  assert.deepEqual(parseGlobList('src/**/*.{rs,md}, {README.md}'), ['src/**/*.{rs,md}', '{README.md}']);
  const r = await assembleInputs({ texts: [], globs: parseGlobList('src/**/*.{rs,toml}'), files: [] }, plain, plain);
  assert.ok(r.ok);
  assert.deepEqual((r.inputs as { path: string }[]).map((f) => f.path), ['src/main.rs', 'src/util/mod.rs']);
});
