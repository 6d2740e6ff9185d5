import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { luaIn } from './file-env';
import { withWs } from './helpers';

test('load_json: lenient JSONC, empty file → nil, nested null → null sentinel, errors', () =>
  withWs(async (ws) => {
    ws.write('c.jsonc', '{\n  // comment\n  "name": "x",\n  "list": [1, 2, ],\n}\n');
    assert.deepEqual(await luaIn(ws, 'local v = aip.file.load_json("c.jsonc"); return {v.name, #v.list}'), ['x', 2]);
    ws.write('empty.json', '  \n');
    assert.equal(await luaIn(ws, 'return aip.file.load_json("empty.json") == nil'), true);
    ws.write('null.json', '{"a": null, "b": [null, 1]}');
    assert.deepEqual(
      await luaIn(ws, 'local v = aip.file.load_json("null.json"); return {v.a == null, v.b[1] == null, v.b[2]}'),
      [true, true, 1],
    );
    ws.write('bad.json', '{"a": }');
    await assert.rejects(luaIn(ws, 'return aip.file.load_json("bad.json")'), /aip\.file\.load_json - Failed to read json file 'bad\.json'\.\nCause: /);
    await assert.rejects(luaIn(ws, 'return aip.file.load_json("missing.json")'), /aip\.file\.load_json - Failed to read json file 'missing\.json'/);
    // ⚠ §12.5 #14: nil is not accepted
    await assert.rejects(luaIn(ws, 'return aip.file.load_json(nil)'), /aip\.file\.load_json - expected <string> for parameter 'path' but got nil/);
  }));

test('load_toml: table, dates as strings, parse errors', () =>
  withWs(async (ws) => {
    ws.write('Cargo.toml', '[package]\nname = "demo"\nversion = "0.1.0"\n[meta]\nwhen = 1979-05-27\nn = 3\n');
    assert.deepEqual(await luaIn(ws, 'local t = aip.file.load_toml("Cargo.toml"); return {t.package.name, t.meta.when, t.meta.n}'), [
      'demo',
      '1979-05-27',
      3,
    ]);
    ws.write('bad.toml', 'a = ');
    await assert.rejects(luaIn(ws, 'return aip.file.load_toml("bad.toml")'), /aip\.file\.load_toml - Failed to parse toml file 'bad\.toml'/);
  }));

test('load_yaml: always a list of documents', () =>
  withWs(async (ws) => {
    ws.write('one.yaml', 'name: a\nitems: [1, 2]\n');
    assert.deepEqual(await luaIn(ws, 'return aip.file.load_yaml("one.yaml")'), [{ name: 'a', items: [1, 2] }]);
    ws.write('multi.yaml', 'a: 1\n---\nb: 2\n');
    assert.deepEqual(await luaIn(ws, 'return aip.file.load_yaml("multi.yaml")'), [{ a: 1 }, { b: 2 }]);
    ws.write('bad.yaml', 'a: [1, 2\n');
    await assert.rejects(luaIn(ws, 'return aip.file.load_yaml("bad.yaml")'), /aip\.file\.load_yaml - Failed to parse yaml file 'bad\.yaml'/);
  }));

test('load_ndjson: one value per non-empty line; bad line is an error', () =>
  withWs(async (ws) => {
    ws.write('e.ndjson', '{"a":1}\n\n  [1,2]\n"s"\n');
    assert.deepEqual(await luaIn(ws, 'return aip.file.load_ndjson("e.ndjson")'), [{ a: 1 }, [1, 2], 's']);
    ws.write('bad.ndjson', '{"a":1}\n{oops}\n');
    await assert.rejects(
      luaIn(ws, 'return aip.file.load_ndjson("bad.ndjson")'),
      /^.*aip\.file\.load_ndjson - Failed to load newline json file 'bad\.ndjson'\.\nCause: Error processing NDJSON: aip\.file\.load_ndjson - Failed to parse JSON on line 2\. Cause: /,
    );
    // aipack's file_json.rs test_lua_file_load_jsonnd_file_not_found: the load wording, not "Failed to read".
    await assert.rejects(
      luaIn(ws, 'return aip.file.load_ndjson("other/missing.ndjson")'),
      /aip\.file\.load_ndjson - Failed to load newline json file 'other\/missing\.ndjson'\.\nCause: Cannot open file '.*other\/missing\.ndjson'/,
    );
  }));

test('append_json_line(s): compact JSON lines, FileInfo of the path as given, guard', () =>
  withWs(async (ws) => {
    const info = (await luaIn(ws, 'return aip.file.append_json_line("out/r.ndjson", {b = 2, a = "x"})')) as Record<string, unknown>;
    assert.equal(info.path, 'out/r.ndjson');
    await luaIn(ws, 'aip.file.append_json_lines("out/r.ndjson", {1, "two", {k = true}})');
    await luaIn(ws, 'aip.file.append_json_lines("out/r.ndjson", {})');
    assert.equal(readFileSync(join(ws.wks, 'out/r.ndjson'), 'utf8'), '{"a":"x","b":2}\n1\n"two"\n{"k":true}\n');
    assert.deepEqual(await luaIn(ws, 'return aip.file.load_ndjson("out/r.ndjson")'), [{ a: 'x', b: 2 }, 1, 'two', { k: true }]);
    await assert.rejects(
      luaIn(ws, 'return aip.file.append_json_lines("out/r.ndjson", "nope")'),
      /aip\.file\.append_json_lines - Failed to append json lines to 'out\/r\.ndjson'\.\nCause: expected a list/,
    );
    await assert.rejects(luaIn(ws, 'return aip.file.append_json_line("../x.ndjson", 1)'), /Save file protection - The path `\.\.\/x\.ndjson`/);
    assert.equal(existsSync(join(ws.home, 'x.ndjson')), false);
  }));

test('load_md_sections: all sections or filtered by heading name(s)', () =>
  withWs(async (ws) => {
    ws.write('doc.md', 'intro\n# One\ntext 1\n## Sub\nsub text\n# Two\ntext 2\n');
    const all = (await luaIn(ws, 'return aip.file.load_md_sections("doc.md")')) as Record<string, unknown>[];
    assert.equal(all[0]._type, 'MdSection');
    assert.equal(all[0].heading_level, 0);
    assert.ok((all[0].content as string).startsWith('intro'));
    assert.ok(all.some((s) => s.heading_name === 'Two'));
    const one = (await luaIn(ws, 'return aip.file.load_md_sections("doc.md", "# One")')) as Record<string, unknown>[];
    assert.equal(one.length, 1);
    assert.equal(one[0].heading_name, 'One');
    assert.match(one[0].content as string, /sub text/);
    const two = (await luaIn(ws, 'return aip.file.load_md_sections("doc.md", {"# Two", "## Sub"})')) as Record<string, unknown>[];
    assert.deepEqual(two.map((s) => s.heading_name).sort(), ['Sub', 'Two']);
  }));

test('load_md_split_first: first section (text before the first heading when any) and the rest', () =>
  withWs(async (ws) => {
    ws.write('doc.md', 'pre\n# One\nbody\n# Two\nrest\n');
    const s = (await luaIn(ws, 'return aip.file.load_md_split_first("doc.md")')) as Record<string, unknown>;
    assert.equal(s.before, '');
    assert.equal((s.first as Record<string, unknown>).heading_level, 0);
    assert.equal((s.first as Record<string, unknown>).content, 'pre\n');
    assert.match(s.after as string, /^# One\nbody\n# Two/);
    ws.write('h.md', '# One\nbody\n# Two\nrest\n');
    const h = (await luaIn(ws, 'return aip.file.load_md_split_first("h.md")')) as Record<string, unknown>;
    assert.equal((h.first as Record<string, unknown>).heading_name, 'One');
    assert.match(h.after as string, /^# Two\nrest/);
    ws.write('plain.md', 'no heading\n');
    const p = (await luaIn(ws, 'local s = aip.file.load_md_split_first("plain.md"); return {s.first.heading_level, s.first.content, s.after}')) as unknown[];
    assert.deepEqual(p, [0, 'no heading\n', '']);
    ws.write('empty.md', '');
    assert.equal(await luaIn(ws, 'return aip.file.load_md_split_first("empty.md").first == nil'), true);
  }));
