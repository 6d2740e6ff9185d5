// aip.text functions not covered elsewhere through Lua: escape decoding, line removal,
// trailing newline, line splits, trims, plus nil in → nil out and the argument errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { luaAll, pcallErr } from './lua-all-env';

test('escape_decode decodes HTML entities; escape_decode_if_needed only when `&lt;` is present', async () => {
  const r = await luaAll(`return {
    aip.text.escape_decode("&lt;a&gt; &amp;amp; &quot;x&quot; &#39;"),
    aip.text.escape_decode_if_needed("a &lt; b &amp; c"),
    aip.text.escape_decode_if_needed("a < b &amp; c"),
  }`);
  assert.deepEqual(r, ['<a> &amp; "x" \'', 'a < b & c', 'a < b &amp; c']);
});

test('remove_first_line / remove_last_line / remove_last_lines count newlines (too few → "")', async () => {
  const r = await luaAll(`return {
    aip.text.remove_first_line("l1\\nl2\\nl3"), aip.text.remove_first_line("only"),
    aip.text.remove_last_line("l1\\nl2\\nl3"), aip.text.remove_last_lines("l1\\nl2\\nl3\\n", 2),
    aip.text.remove_last_lines("l1", 5), aip.text.remove_first_lines("a\\nb\\nc", 1),
  }`);
  assert.deepEqual(r, ['l2\nl3', '', 'l1\nl2', 'l1\nl2', '', 'b\nc']);
});

test('ensure_single_trailing_newline (and its deprecated alias): exactly one trailing \\n, empty → \\n', async () => {
  const r = await luaAll(`return {
    aip.text.ensure_single_trailing_newline("a\\n\\n\\n"), aip.text.ensure_single_trailing_newline("a"),
    aip.text.ensure_single_trailing_newline("a\\n"), aip.text.ensure_single_trailing_newline(""),
    -- only newlines count as the ending (the original's behaviour), other whitespace stays
    aip.text.ensure_single_trailing_newline("a \\t"),
    aip.text.ensure_single_ending_newline("b\\n\\n"),
  }`);
  assert.deepEqual(r, ['a\n', 'a\n', 'a\n', '\n', 'a \t\n', 'b\n']);
});

test('split_first_line: splits at the first line exactly equal to sep (line dropped); not found → (s, nil)', async () => {
  const r = await luaAll(`
    local a, b = aip.text.split_first_line("a\\n---\\nb\\n---\\nc", "---")
    local c, d = aip.text.split_first_line("a\\n --- \\nb", "---")
    return { a, b, c, d == nil, select("#", aip.text.split_first_line(nil, "x")) }`);
  assert.deepEqual(r, ['a', 'b\n---\nc', 'a\n --- \nb', true, 2]);
});

test('trim_start / trim_end', async () => {
  assert.deepEqual(await luaAll('return { aip.text.trim_start("  x  "), aip.text.trim_end("  x  \\n"), aip.text.trim_start("\\t\\n") }'), ['x  ', '  x', '']);
});

test('nil content → nil for each function', async () => {
  const r = await luaAll(`
    local fns = { "escape_decode", "escape_decode_if_needed", "remove_first_line", "remove_last_line",
                  "ensure_single_trailing_newline", "ensure_single_ending_newline", "trim_start", "trim_end" }
    local out = {}
    for _, n in ipairs(fns) do out[#out + 1] = aip.text[n](nil) == nil end
    out[#out + 1] = aip.text.remove_last_lines(nil, 2) == nil
    return out`);
  assert.deepEqual(r, Array(9).fill(true));
});

test('argument errors are Lua errors with the function name', async () => {
  assert.equal(await pcallErr('aip.text.escape_decode(1)'), 'aip.text.escape_decode - accepted argument types are String or Nil, but was number');
  assert.equal(await pcallErr('aip.text.trim_end({})'), 'aip.text.trim_end - accepted argument types are String or Nil, but was table');
  assert.equal(await pcallErr('aip.text.remove_last_lines("a", "x")'), "aip.text.remove_last_lines - expected <number> for parameter 'n' but got string");
  assert.equal(await pcallErr('aip.text.split_first_line("a", nil)'), "aip.text.split_first_line - expected <string> for parameter 'sep_line' but got nil");
});
