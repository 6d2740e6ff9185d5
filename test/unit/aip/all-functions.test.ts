// Issue 7 acceptance: every function of the spec's flat index (§8.19) and the 2 `aip.web`
// constants exist and are callable inside a real Lua state; the catalog counts match §8.4 and
// each entry carries a signature and a user doc with an example.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evalLua } from '../../../src/runtime/script/lua-engine';
import { ALL_CATALOGS } from '../../../src/runtime/script/aip/index';
import { SPEC_COUNTS, SPEC_FUNCTIONS } from './spec-index';

const SPEC = join(__dirname, '../../../../shared/aipack-spec.md');

function specSection(title: string, next: string): string {
  const text = readFileSync(SPEC, 'utf8');
  const start = text.indexOf(title);
  assert.ok(start >= 0, `spec section ${title} not found`);
  return text.slice(start, text.indexOf(next, start));
}

/** `aip.<module>.<fn>` names listed in §8.19, in order (parsed from the spec file). */
function parsedSpecNames(): string[] {
  const sec = specSection('### 8.19', '\n## 9.');
  return [...sec.matchAll(/^- `(aip\.[a-z0-9_]+\.[a-z0-9_]+)\(/gm)].map((m) => m[1]);
}

/** §8.4 table: module → count (parsed from the spec file). */
function parsedSpecCounts(): Map<string, number> {
  const sec = specSection('### 8.4', '### 8.5');
  const out = new Map<string, number>();
  for (const m of sec.matchAll(/\|\s*([a-z0-9]+)\s*\|\s*(\d+)/g)) out.set(m[1], Number(m[2]));
  return out;
}

const specNames = (): string[] => [...SPEC_FUNCTIONS];
const specCounts = (): Map<string, number> => new Map(Object.entries(SPEC_COUNTS));

test('the embedded §8.19 / §8.4 copies match the spec file', { skip: !existsSync(SPEC) && 'spec file not present' }, () => {
  assert.deepEqual(parsedSpecNames(), specNames());
  assert.deepEqual(parsedSpecCounts(), specCounts());
});

test('§8.19 lists 186 functions over 30 modules', () => {
  const names = specNames();
  assert.equal(names.length, 186);
  assert.equal(new Set(names).size, 186);
  assert.equal(new Set(names.map((n) => n.split('.')[1])).size, 30);
});

test('every §8.19 function and both aip.web constants exist and are callable in a real Lua state', async () => {
  const names = specNames();
  const list = names.map((n) => JSON.stringify(n)).join(', ');
  const missing = (await evalLua(
    `local missing = {}
     for _, full in ipairs({ ${list} }) do
       local _, mod, fn = full:match("^(aip)%.([%w_]+)%.([%w_]+)$")
       local m = aip[mod]
       local f = m and m[fn]
       -- callable: a function, or a table/userdata with __call
       local callable = type(f) == "function"
         or ((type(f) == "table" or type(f) == "userdata") and getmetatable(f) ~= nil and getmetatable(f).__call ~= nil)
       if not callable then missing[#missing + 1] = full .. " (" .. type(f) .. ")" end
     end
     if aip.web.UA_AIPACK ~= "aipack" then missing[#missing + 1] = "aip.web.UA_AIPACK" end
     if type(aip.web.UA_BROWSER) ~= "string" or not aip.web.UA_BROWSER:find("Chrome/120", 1, true) then
       missing[#missing + 1] = "aip.web.UA_BROWSER"
     end
     return missing`,
    { catalogs: [...ALL_CATALOGS] },
  )) as unknown;
  // An empty Lua table reads back as `{}`.
  assert.deepEqual(Array.isArray(missing) ? missing : Object.values(missing as object), []);
});

test('calling a function through Lua reaches its impl (pure sample from each static module family)', async () => {
  const r = await evalLua(
    `return { aip.text.trim("  x "), aip.json.stringify({1}), aip.hash.sha256("abc"):sub(1, 8), aip.path.parent("a/b.txt"),
              aip.semver.valid("1.2.3"), aip.code.comment_line("lua", "x"), #aip.uuid.new_v7() }`,
    { catalogs: [...ALL_CATALOGS] },
  );
  assert.deepEqual(r, ['x', '[1]', 'ba7816bf', 'a', true, '-- x', 36]);
});

test('catalog: one module per §8.4 row with its count; no function outside §8.19', () => {
  const counts = specCounts();
  assert.equal(counts.size, 30);
  const byModule = new Map(ALL_CATALOGS.map((c) => [c.module, c]));
  assert.equal(ALL_CATALOGS.length, 30);
  for (const [mod, n] of counts) {
    const cat = byModule.get(mod);
    assert.ok(cat, `module aip.${mod} missing from ALL_CATALOGS`);
    assert.equal(cat.entries.length, n, `aip.${mod}: ${cat.entries.length} entries, §8.4 says ${n}`);
  }
  const spec = new Set(specNames());
  const catalogNames = ALL_CATALOGS.flatMap((c) => c.entries.map((e) => `aip.${c.module}.${e.name}`));
  assert.deepEqual(catalogNames.filter((n) => !spec.has(n)), []);
  assert.equal(new Set(catalogNames).size, 186);
  assert.deepEqual(Object.keys(byModule.get('web')?.constants ?? {}).sort(), ['UA_AIPACK', 'UA_BROWSER']);
});

test('catalog: every entry has its signature and a user doc with an example', () => {
  const bad: string[] = [];
  for (const c of ALL_CATALOGS) {
    assert.ok(c.doc.trim().length > 0, `aip.${c.module} has no module doc`);
    for (const e of c.entries) {
      const full = `aip.${c.module}.${e.name}`;
      if (!e.signature.startsWith(`${full}(`)) bad.push(`${full}: signature '${e.signature}'`);
      if (e.doc.trim().length < 20) bad.push(`${full}: doc too short`);
      // A one-line example: `Example: \`...\`` or a fenced block after "Example".
      if (!/Example[^\n]*(`[^`]+`|\n```)/.test(e.doc)) bad.push(`${full}: doc has no example`);
      if (typeof e.impl !== 'function') bad.push(`${full}: no impl`);
    }
  }
  assert.deepEqual(bad, []);
});
