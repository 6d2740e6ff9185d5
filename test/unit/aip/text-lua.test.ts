// The text-family modules through the real Lua engine: nil passing, multi-returns,
// float/integer values and errors as Lua errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evalLua } from '../../../src/runtime/script/lua-engine';
import { textCatalog } from '../../../src/runtime/script/aip/text';
import { mdCatalog } from '../../../src/runtime/script/aip/md';
import { tagCatalog } from '../../../src/runtime/script/aip/tag';
import { codeCatalog } from '../../../src/runtime/script/aip/code';
import { rustCatalog } from '../../../src/runtime/script/aip/rust';
import { hbsCatalog } from '../../../src/runtime/script/aip/hbs';

const run = (code: string) => evalLua(code, { catalogs: [textCatalog, mdCatalog, tagCatalog, codeCatalog, rustCatalog, hbsCatalog] });

test('Lua: aip.text functions with nil content return nil / nil, nil', async () => {
  const r = await run(`
    local a, b = aip.text.split_first(nil, "=")
    local c, d = aip.text.extract_line_blocks(nil, { starts_with = ">" })
    return { a == nil, b == nil, c == nil, d == nil, aip.text.trim(nil) == nil, select("#", aip.text.split_last(nil, "x")) }`);
  assert.deepEqual(r, [true, true, true, true, true, 2]);
});

test('Lua: split functions return two values; no match gives (s, nil)', async () => {
  const r = await run(`
    local a, b = aip.text.split_first("k=v=w", "=")
    local c, d = aip.text.split_last_line("x\\n---\\ny", "---")
    local e, f = aip.text.split_first("none", "=")
    return { a, b, c, d, e, f == nil }`);
  assert.deepEqual(r, ['k', 'v=w', 'x', 'y', 'none', true]);
});

test('Lua: errors surface as Lua errors catchable with pcall', async () => {
  const r = await run(`
    local ok, err = pcall(aip.text.trim, 12)
    local ok2, err2 = pcall(aip.text.replace_markers, "<<START>>\\nx\\n<<END>>", {})
    return { ok, tostring(err), ok2, tostring(err2) }`);
  const [ok, err, ok2, err2] = r as [boolean, string, boolean, string];
  assert.equal(ok, false);
  assert.match(err, /aip\.text\.trim - accepted argument types are String or Nil, but was number/);
  assert.equal(ok2, false);
  assert.match(err2, /replace_markers - Not enough matching sections/);
});

test('Lua: aip.md.extract_blocks with extrude and extract_meta floats', async () => {
  const r = await run(`
    local F = "\`\`\`"
    local md = "intro\\n" .. F .. "lua\\nprint(1)\\n" .. F .. "\\n" .. F .. "toml\\n#!meta\\nt = 1.0\\nn = 2\\n" .. F .. "\\nend"
    local blocks, rest = aip.md.extract_blocks(md, { lang = "lua", extrude = "content" })
    local meta, body = aip.md.extract_meta(md)
    local only = { aip.md.extract_blocks(md, "lua") }
    return { #blocks, blocks[1].lang, blocks[1].content, blocks[1]._type, math.type(meta.t), math.type(meta.n), body, #only }`);
  const F = '```';
  assert.deepEqual(r, [1, 'lua', 'print(1)\n', 'MdBlock', 'float', 'integer', `intro\n${F}lua\nprint(1)\n${F}\nend`, 1]);
});

test('Lua: aip.md.extract_refs(nil) is an empty table; MdRef without text has text nil', async () => {
  const r = await run(`
    local refs = aip.md.extract_refs("[](a.md) ![x](http://i/p.png)")
    return { #aip.md.extract_refs(nil), #refs, refs[1].text == nil, refs[1].kind, refs[2].inline, refs[2].kind }`);
  assert.deepEqual(r, [0, 2, true, 'File', true, 'Url']);
});

test('Lua: aip.tag.extract returns one value, two with extrude; attrs nil when none', async () => {
  const r = await run(`
    local n = select("#", aip.tag.extract("<A>x</A>", "A"))
    local elems, rest = aip.tag.extract("a <A k=1>x</A> b <A>y</A>", "A", { extrude = "content" })
    local map = aip.tag.extract_as_map("<A>1</A><A>2</A>", { "A" })
    return { n, #elems, elems[1].attrs.k, elems[2].attrs == nil, rest, map.A.content }`);
  assert.deepEqual(r, [1, 2, '1', true, 'a  b ', '2']);
});

test('Lua: aip.code, aip.rust and aip.hbs', async () => {
  const r = await run(`
    return {
      aip.code.comment_line("lua", "hi"),
      aip.rust.prune_to_declarations("fn a() { 1 }"),
      aip.hbs.render("{{#each items}}{{this}};{{/each}} {{#if empty}}T{{else}}F{{/if}} {{n}}", { items = { "a", "b" }, empty = {}, n = 2.5 }),
    }`);
  assert.deepEqual(r, ['-- hi', 'fn a() {\n    // ...\n}', 'a;b; F 2.5']);
});
