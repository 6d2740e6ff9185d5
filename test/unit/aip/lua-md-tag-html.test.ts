// aip.md.outer_block_content_or_raw, aip.tag.extract_as_multi_map and aip.html.slim / to_md /
// prune_to_content through Lua.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { luaAll, pcallErr } from './lua-all-env';

test('md.outer_block_content_or_raw: content between the first and last fence lines + \\n, else the text as is', async () => {
  const r = await luaAll(`
    local md = "pre\\n\`\`\`lua\\nprint(1)\\n\`\`\`\\nmid\\n"
    return { aip.md.outer_block_content_or_raw("  \`\`\`lua\\na\\nb\\n\`\`\`  "), aip.md.outer_block_content_or_raw("no fence"),
             aip.md.outer_block_content_or_raw(md), aip.md.outer_block_content_or_raw("\`\`\`\\nx\\n\`\`\`\\nafter\\n\`\`\`") }`);
  // Trimmed text not starting with a fence is returned untouched; the last fence line ends the block.
  assert.deepEqual(r, ['a\nb\n', 'no fence', 'pre\n```lua\nprint(1)\n```\nmid\n', 'x\n```\nafter\n']);
  assert.equal(await pcallErr('aip.md.outer_block_content_or_raw(nil)'), "aip.md.outer_block_content_or_raw - expected <string> for parameter 'md' but got nil");
});

test('tag.extract_as_multi_map: all occurrences per name, names trimmed, rest with extrude', async () => {
  const r = await luaAll(`
    local m, rest = aip.tag.extract_as_multi_map('<A x="1">one</A> t <B>b</B><A>two</A> end', { "A", " B " }, { extrude = "content" })
    local none, r2 = aip.tag.extract_as_multi_map("none", "A")
    return { m, rest, none, r2 == nil }`);
  assert.deepEqual(r, [
    { A: [{ tag: 'A', attrs: { x: '1' }, content: 'one' }, { tag: 'A', content: 'two' }], B: [{ tag: 'B', content: 'b' }] },
    ' t  end',
    {},
    true,
  ]);
  assert.equal(await pcallErr('aip.tag.extract_as_multi_map("x", "")'), 'tag_names cannot contain empty entries after trimming');
  assert.equal(await pcallErr('aip.tag.extract_as_multi_map("x", { " " })'), 'tag_names cannot contain empty entries after trimming');
  assert.equal(await pcallErr('aip.tag.extract_as_multi_map("x", "A", { extrude = "x" })'), "aip.tag.extract_as_multi_map - extrude must be = to 'content' for now");
});

const PAGE =
  '<html><head><script>x()</script><style>p{}</style></head><body><!-- c --><div class="a" style="s">' +
  '<a href="/x" target="_b">Link</a><svg><path/></svg></div></body></html>';

test('html.slim drops scripts, styles, svg, comments and most attributes; prune_to_content is its alias', async () => {
  const r = (await luaAll(`local h = ${JSON.stringify(PAGE)} return { aip.html.slim(h), aip.html.prune_to_content(h) }`)) as string[];
  assert.equal(r[0], '<body>\n  <div class="a">\n    <a href="/x">Link</a>\n  </div>\n</body>');
  assert.equal(r[1], r[0]);
  assert.equal(await pcallErr('aip.html.slim(nil)'), "aip.html.slim - expected <string> for parameter 'html' but got nil");
  assert.equal(await pcallErr('aip.html.prune_to_content({})'), "aip.html.prune_to_content - expected <string> for parameter 'html' but got table");
});

test('html.to_md converts headings, emphasis, links and lists', async () => {
  const r = await luaAll('return aip.html.to_md("<h1>T</h1><p>Hello <b>w</b> <a href=\\"u\\">l</a></p><ul><li>a</li><li>b</li></ul>")');
  assert.equal(r, '# T\n\nHello **w** [l](u)\n\n- a\n- b');
  assert.equal(await pcallErr('aip.html.to_md(3)'), "aip.html.to_md - expected <string> for parameter 'html' but got number");
});
