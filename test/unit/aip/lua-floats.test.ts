// Integral floats (`1.0`) reach catalog functions as LuaFloat (lua-values.ts 'catalog' reading):
// writers keep the `.0` as aipack does, and functions taking numbers or number-as-string still work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { luaAll } from './lua-all-env';
import { makeWorkspace } from './file-env';

test('json/yaml/toml writers keep integral floats as floats', async () => {
  const r = await luaAll(`return {
    aip.json.stringify({ x = 1.0, y = 2, z = 2.5 }),
    aip.json.stringify_pretty({ x = 1.0 }),
    aip.json.stringify_to_line({ 3.0 }),
    aip.yaml.stringify({ x = 1.0, y = 2 }),
    aip.toml.stringify({ x = 1.0, y = 2 }),
  }`);
  assert.deepEqual(r, ['{"x":1.0,"y":2,"z":2.5}', '{\n  "x": 1.0\n}', '[3.0]', 'x: 1.0\ny: 2\n', 'x = 1.0\ny = 2\n']);
});

test('CSV cells print numbers as Rust Display does (1.0 → "1"), tables in cells as JSON keep 1.0', async () => {
  const r = await luaAll(`return aip.csv.values_to_row({ 1.0, 2, 2.5, { a = 1.0 } })`);
  assert.equal(r, '1,2,2.5,"{""a"":1.0}"');
});

test('file writers: append_json_line(s) keep 1.0; append_csv_row prints 1', async () => {
  const ws = makeWorkspace();
  try {
    await luaAll(`
      aip.file.append_json_line("a.jsonl", { v = 1.0 })
      aip.file.append_json_lines("a.jsonl", { 2.0, { w = 3.0 } })
      aip.file.append_csv_row("a.csv", { 1.0, "x" })`, ws);
    const read = (f: string) => readFileSync(join(ws.wks, f), 'utf8');
    assert.equal(read('a.jsonl'), '{"v":1.0}\n2.0\n{"w":3.0}\n');
    assert.equal(read('a.csv'), '1,x\n');
  } finally {
    ws.cleanup();
  }
});

test('number parameters accept integral floats', async () => {
  const r = await luaAll(`return {
    aip.text.truncate("abcdef", 3.0),
    aip.text.format_size(1000.0),
    math.type(aip.shape.to_record({ "a", "b" }, { 1, 2.0 }).b),
    aip.lua.dump(2.0),
    aip.hbs.render("{{x}}", { x = 1.0 }),
    aip.text.remove_first_lines("a\\nb\\nc", 2.0),
    aip.file ~= nil,
  }`);
  assert.deepEqual(r, ['abc', '  1.00 KB', 'float', '2', '1.0', 'c', true]);
});

test('numbers given for strings take their Lua text (2.0 → "2.0")', async () => {
  const r = (await luaAll(`
    local tags = aip.tag.extract("<1.0>x</1.0>", { 1.0 })
    local blocks = aip.text.extract_line_blocks("1.0 a\\nb", { starts_with = 1.0, first = 1.0 })
    return { tags[1].tag, blocks[1], aip.text.ensure("a", { prefix = 1.0 }), aip.semver.valid(1.0) }`)) as unknown[];
  assert.deepEqual(r, ['1.0', '1.0 a\n', '1.0a', false]);
});

test('web.post: a table body is JSON as serde writes it (sorted keys, 1.0 kept); redirect_limit accepts 1.0', async () => {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    let b = '';
    req.on('data', (c) => (b += c));
    req.on('end', () => {
      bodies.push(`${req.headers['content-type']}|${b}`);
      if (req.url === '/r') {
        res.writeHead(302, { location: '/r' });
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const r = (await luaAll(`
      local res = aip.web.post("${base}/p", { b = 1.0, a = { 2.5, 3 } })
      local ok, err = pcall(aip.web.get, "${base}/r", { redirect_limit = 1.0 })
      return { res.content, ok, tostring(err) }`)) as [string, boolean, string];
    assert.equal(r[0], 'ok');
    assert.equal(bodies[0], 'application/json|{"a":[2.5,3],"b":1.0}');
    assert.equal(r[1], false);
    // 1 redirect allowed: the request and one follow, then the limit error.
    assert.equal(bodies.length, 3);
    assert.match(r[2], /Fail to do aip\.web\.get for url:/);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
});

test('an integral float where a table is expected fails exactly as an integer does', async () => {
  const ws = makeWorkspace();
  try {
    const calls = [
      'aip.tag.extract("<a>x</a>", "a", N)',
      'aip.text.ensure("a", N)',
      'aip.web.get("http://127.0.0.1:1/", N)',
      'aip.zip.list("x.zip", N)',
      'aip.file.save_as_csv("a.csv", N)',
      'aip.file.save_records_as_csv("a.csv", { N }, { "a" })',
      'aip.path.sort_by_globs(N, "*")',
      'aip.path.sort_by_globs({ N }, "*")',
      'aip.lua.merge({}, N)',
    ];
    const run = async (n: string) =>
      (await luaAll(
        `local out = {} for _, f in ipairs({ ${calls.map((c) => `function() return ${c.replace('N', n)} end`).join(', ')} }) do
           local ok, e = pcall(f) out[#out + 1] = ok and "ok" or tostring(e):gsub("^eval%.lua:%d+: ", "") end
         return out`,
        ws,
      )) as string[];
    const asFloat = await run('1.0');
    assert.deepEqual(asFloat, await run('1'));
    assert.ok(asFloat.every((e) => e !== 'ok'));
    assert.equal(asFloat[0], "aip.tag.extract - expected <table> for parameter 'options' but got number");
    assert.equal(asFloat[8], 'Cannot merge a non table type. Actual type: number');
    assert.ok(!existsSync(join(ws.wks, 'a.csv')));
  } finally {
    ws.cleanup();
  }
});
