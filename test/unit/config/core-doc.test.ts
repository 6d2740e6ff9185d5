/**
 * core@doc (§5.9): the Lua API reference generated from the aip catalog, installed by
 * init-base, reachable with the knowledge globs packs document.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { initBase } from '../../../src/runtime/init';
import { CORE_DOC_DIR, coreDocFiles } from '../../../src/runtime/init/assets/core-doc';
import { ALL_CATALOGS } from '../../../src/runtime/script/aip';
import type { ModuleCatalog } from '../../../src/runtime/script/catalog';
import { sandbox, type Sandbox } from '../../support/run-harness';
import { tempRoot } from '../../support/pack-fixtures';

let sb: Sandbox;
before(async () => {
  sb = await sandbox();
});
after(async () => {
  await sb.close();
});

test('one Markdown file per module plus a README and a single-file reference; every function documented', () => {
  const files = coreDocFiles();
  const names = Object.keys(files).map((k) => k.slice(CORE_DOC_DIR.length + 1));
  assert.equal(names.length, ALL_CATALOGS.length + 2);
  assert.ok(names.includes('standard/README.md'));
  assert.ok(names.includes('for-llm/api-reference-for-llm.md'));
  const single = files[`${CORE_DOC_DIR}/for-llm/api-reference-for-llm.md`];
  for (const mod of ALL_CATALOGS) {
    const page = files[`${CORE_DOC_DIR}/standard/lua-apis-aip-${mod.module}.md`];
    assert.ok(page, `page for aip.${mod.module}`);
    for (const e of mod.entries) {
      assert.ok(page.includes(`## aip.${mod.module}.${e.name}\n`), `aip.${mod.module}.${e.name} in its page`);
      assert.ok(page.includes(e.signature), `signature of aip.${mod.module}.${e.name}`);
      assert.ok(single.includes(`### aip.${mod.module}.${e.name}\n`), `aip.${mod.module}.${e.name} in the single file`);
    }
  }
  // Spec section marks are the port's internals, not agent-author documentation.
  for (const [name, text] of Object.entries(files)) assert.equal(/§/.test(text), false, name);
});

test('generated from the catalog it is given: a new function appears, a removed one disappears (no drift)', () => {
  const fake: ModuleCatalog = {
    module: 'zz',
    doc: 'A module made for this test.',
    entries: [{ name: 'ping', signature: 'aip.zz.ping() -> string', doc: 'Answers pong (see §1.2).', impl: () => 'pong' }],
  };
  const files = coreDocFiles([fake]);
  assert.deepEqual(Object.keys(files).sort(), [
    `${CORE_DOC_DIR}/for-llm/api-reference-for-llm.md`,
    `${CORE_DOC_DIR}/standard/README.md`,
    `${CORE_DOC_DIR}/standard/lua-apis-aip-zz.md`,
  ]);
  assert.match(files[`${CORE_DOC_DIR}/standard/lua-apis-aip-zz.md`], /## aip\.zz\.ping\n\n```lua\naip\.zz\.ping\(\) -> string\n```\n\nAnswers pong\.\n/);
  assert.match(files[`${CORE_DOC_DIR}/standard/README.md`], /\[aip\.zz\]\(lua-apis-aip-zz\.md\) \(1\)/);
});

test('init-base installs core@doc; an edited or stale file is put right by the next refresh', async () => {
  const root = tempRoot('aip-coredoc-');
  try {
    const base = path.join(root.dir, 'base');
    await initBase(base);
    const dir = path.join(base, CORE_DOC_DIR);
    const readme = path.join(dir, 'standard/README.md');
    assert.equal(fs.readFileSync(readme, 'utf8'), coreDocFiles()[`${CORE_DOC_DIR}/standard/README.md`]);
    fs.writeFileSync(readme, 'edited');
    fs.writeFileSync(path.join(dir, 'standard/stale-page.md'), 'from an older release');
    await initBase(base, { force: true });
    assert.equal(fs.readFileSync(readme, 'utf8'), coreDocFiles()[`${CORE_DOC_DIR}/standard/README.md`]);
    assert.equal(fs.existsSync(path.join(dir, 'standard/stale-page.md')), false);
  } finally {
    root.cleanup();
  }
});

test('the knowledge globs pro@coder documents find the files from an agent', async () => {
  sb.write(
    'agents/kg.aip',
    '# After All\n```lua\n' +
      'local all = aip.file.list("core@doc/**/*.md")\n' +
      'local llm = aip.file.list("core@doc/for-llm/**/*.md")\n' +
      'local one = aip.file.load(llm[1].path)\n' +
      'return { #all, #llm, one.content:find("aip.file.load", 1, true) ~= nil }\n```\n',
  );
  const r = await sb.run('agents/kg.aip');
  assert.equal(r.endState, 'Ok', r.error?.message);
  assert.deepEqual(r.afterAll, [ALL_CATALOGS.length + 2, 1, true]);
});
