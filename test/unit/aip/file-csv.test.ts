import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { luaIn, type TestWorkspace } from './file-env';
import { withWs } from './helpers';

const read = (ws: TestWorkspace, rel: string) => readFileSync(join(ws.wks, rel), 'utf8');

test('load_csv_headers and load_csv (has_header defaults to true here)', () =>
  withWs(async (ws) => {
    ws.write('d.csv', 'name,age\nAnn,31\n\nBob,"4,2"\n');
    assert.deepEqual(await luaIn(ws, 'return aip.file.load_csv_headers("d.csv")'), ['name', 'age']);
    assert.deepEqual(await luaIn(ws, 'return aip.file.load_csv("d.csv")'), {
      _type: 'CsvContent',
      headers: ['name', 'age'],
      rows: [
        ['Ann', '31'],
        ['Bob', '4,2'],
      ],
    });
    const noHeader = (await luaIn(ws, 'return aip.file.load_csv("d.csv", {has_header = false})')) as Record<string, unknown>;
    assert.equal((noHeader.rows as unknown[]).length, 3);
    const labeled = (await luaIn(ws, 'return aip.file.load_csv("d.csv", {header_labels = {full_name = "name"}})')) as Record<string, unknown>;
    assert.deepEqual(labeled.headers, ['full_name', 'age']);
    await assert.rejects(luaIn(ws, 'return aip.file.load_csv("none.csv")'), /aip\.file\.load_csv - Failed to read csv file 'none\.csv'/);
  }));

test('save_as_csv: structured data, matrix with/without header, labels, skip_header_row, cells', () =>
  withWs(async (ws) => {
    const info = (await luaIn(ws, 'return aip.file.save_as_csv("o/a.csv", {headers = {"name", "age"}, rows = {{"Ann", 31}, {"B, b", null}}})')) as Record<string, unknown>;
    assert.equal(info.path, 'o/a.csv');
    assert.equal(read(ws, 'o/a.csv'), 'name,age\nAnn,31\n"B, b",\n');
    await luaIn(ws, 'aip.file.save_as_csv("o/m.csv", {{"h1", "h2"}, {"v1", {k = 1}}})');
    assert.equal(read(ws, 'o/m.csv'), 'h1,h2\nv1,"{""k"":1}"\n');
    await luaIn(ws, 'aip.file.save_as_csv("o/h.csv", {{"id", "n"}, {1, 2}}, {has_header = true, header_labels = {id = "ID"}})');
    assert.equal(read(ws, 'o/h.csv'), 'ID,n\n1,2\n');
    await luaIn(ws, 'aip.file.save_as_csv("o/s.csv", {headers = {"a"}, rows = {{"x"}}}, {skip_header_row = true, delimiter = ";"})');
    assert.equal(read(ws, 'o/s.csv'), 'x\n');
    await assert.rejects(luaIn(ws, 'return aip.file.save_as_csv("o/bad.csv", "nope")'), /aip\.file\.save_as_csv - Data must be a table/);
    await assert.rejects(luaIn(ws, 'return aip.file.save_as_csv("../x.csv", {{"a"}})'), /Save file protection/);
    assert.equal(existsSync(join(ws.home, 'x.csv')), false);
  }));

test('save_records_as_csv: columns in header_keys order, missing values empty', () =>
  withWs(async (ws) => {
    await luaIn(ws, 'aip.file.save_records_as_csv("r.csv", {{name = "Ann", age = 31, x = 1}, {age = 2}}, {"name", "age"}, {header_labels = {name = "Name"}})');
    assert.equal(read(ws, 'r.csv'), 'Name,age\nAnn,31\n,2\n');
    await assert.rejects(
      luaIn(ws, 'return aip.file.save_records_as_csv("r.csv", {"nope"}, {"a"})'),
      /aip\.file\.save_records_as_csv - Records must be a list of tables/,
    );
    await assert.rejects(
      luaIn(ws, 'return aip.file.save_records_as_csv("r.csv", {}, "a")'),
      /aip\.file\.save_records_as_csv - header_keys must be a list of strings/,
    );
  }));

test('append_csv_rows / append_csv_row: data rows only, created if missing, locked', () =>
  withWs(async (ws) => {
    await luaIn(ws, 'aip.file.append_csv_rows("log.csv", {{"a", 1}, {"b", true}}, {has_header = true})');
    await luaIn(ws, 'aip.file.append_csv_row("log.csv", {"c", "with \\"q\\""})');
    assert.equal(read(ws, 'log.csv'), 'a,1\nb,true\nc,"with ""q"""\n');
    assert.equal(ws.lockPeak.get(join(ws.wks, 'log.csv')), 1);
    // aipack's own wording (file_csv.rs): no function prefix; non-table rows of append_csv_rows are skipped.
    await assert.rejects(luaIn(ws, 'return aip.file.append_csv_row("log.csv", "x")'), /eval\.lua:1: values must be a table \(list\)$/);
    await assert.rejects(luaIn(ws, 'return aip.file.append_csv_rows("log.csv", "x")'), /eval\.lua:1: value_lists must be a table \(list of lists\)$/);
    await luaIn(ws, 'return aip.file.append_csv_rows("log.csv", {"x", {"d"}})');
    assert.equal(read(ws, 'log.csv'), 'a,1\nb,true\nc,"with ""q"""\nd\n');
  }));
