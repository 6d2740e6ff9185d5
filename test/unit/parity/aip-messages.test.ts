// Value/message differences aipack's own `#[cfg(test)]` modules show, through a real Lua call
// (the checks need the live Lua value: a function in a list, an integer table key).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evalLua } from '../../../src/runtime/script/lua-engine';
import { shapeCatalog } from '../../../src/runtime/script/aip/shape';
import { csvCatalog } from '../../../src/runtime/script/aip/csv';

const run = (code: string) => evalLua(code, { catalogs: [shapeCatalog, csvCatalog], call: {} });

test('records_to_columnar: a non-string key is an error (aipack shape_records_tests.rs)', async () => {
  await assert.rejects(run('return aip.shape.records_to_columnar({ {id = 1, [123] = "bad"} })'), /aip\.shape\.records_to_columnar - Record keys must be strings\. Found key of type 'integer'/);
  await assert.rejects(run('return aip.shape.records_to_columnar({ {id = 1}, {id = 2, [1.5] = 0} })'), /Found key of type 'number'/);
  // A string key that looks like a number is fine, and a non-table record is named first.
  assert.deepEqual(await run('return aip.shape.records_to_columnar({ {id = 1, ["123"] = "a"}, {id = 2, ["123"] = "b"} })'), { '123': ['a', 'b'], id: [1, 2] });
  await assert.rejects(run('return aip.shape.records_to_columnar({ {[1] = 1}, 3 })'), /Each record must be a table\. Found 'integer'/);
});

test("csv: a function value is `unsupported value type 'function'` (aipack aip_csv.rs test_aip_csv_values_to_row_error)", async () => {
  await assert.rejects(run('return aip.csv.values_to_row({"a", function() end})'), /aip\.csv\.values_to_row - unsupported value type 'function'/);
  await assert.rejects(run('return aip.csv.value_lists_to_rows({ {"a"}, {"b", coroutine.create(function() end)} })'), /Row 2: aip\.csv\.value_lists_to_rows - unsupported value type 'thread'/);
  assert.equal(await run('return aip.csv.values_to_row({"a,b", 1, true}, {delimiter = ";"})'), 'a,b;1;true');
  assert.deepEqual(await run('return aip.csv.value_lists_to_rows({ {"a", 2}, {"b"} })'), ['a,2', 'b']);
  await assert.rejects(run('return aip.csv.values_to_row("x")'), /aip\.csv\.values_to_row - values must be a table \(list\)/);
});
