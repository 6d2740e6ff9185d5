/**
 * Where aipack's null sentinel reaches Lua, and where it gives nil instead (§2.9, §10.1),
 * place by place as aipack converts values:
 * - stage variables (`input`, `inputs`, `data`, `before_all`, `outputs`): a top-level null is
 *   nil, nulls inside tables are the sentinel (After All's `outputs` keeps the sentinel);
 * - `aip.agent.run`: each output is converted on its own, so a null output is nil (a hole),
 *   and a null `after_all` is nil;
 * - `aip.agent.extract_options`: exactly one nil for a non-table.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sandbox, type Sandbox } from '../../support/run-harness';
import { run } from '../script/helpers';

let sb: Sandbox;
before(async () => {
  sb = await sandbox();
});
after(async () => {
  await sb.close();
});

const lua = (code: string) => `\`\`\`lua\n${code}\n\`\`\`\n`;

test('bridge contract: an undefined array entry is a Lua hole, null is the sentinel', async () => {
  const r = await run('return { #one, one[1] == nil, type(mixed[1]), type(mixed[2]), mixed[3], is_null(mixed[2]) }', {
    globals: { one: [undefined], mixed: [undefined, null, 'c'] },
  });
  assert.deepEqual(r, [0, true, 'nil', 'userdata', 'c', true]);
});

test('aip.agent.run: a task that produced nothing is a hole in outputs, not the sentinel', async () => {
  sb.write('nv/child-nil.aip', '# Data\n' + lua('return nil') + '# Output\n' + lua('return nil'));
  sb.write(
    'nv/parent-one.aip',
    '# Before All\n' +
      lua(
        'local r = aip.agent.run("child-nil.aip")\n' +
          'return aip.flow.before_all_response({ before_all = { n = #r.outputs, t = type(r.outputs[1]), aa = r.after_all == nil } })',
      ) +
      '# After All\n' +
      lua('return before_all'),
  );
  const r = await sb.run('nv/parent-one.aip');
  assert.equal(r.endState, 'Ok', r.error?.message);
  assert.deepEqual(r.afterAll, { n: 0, t: 'nil', aa: true });
});

test('aip.agent.run: holes keep the other positions; nulls nested inside an output stay the sentinel', async () => {
  sb.write(
    'nv/child-mixed.aip',
    '# Output\n' + lua('if input == 2 then return nil end\nif input == 3 then return { inner = null, n = input } end\nreturn "v" .. input'),
  );
  sb.write(
    'nv/parent-mixed.aip',
    '# After All\n' +
      lua(
        'local r = aip.agent.run("child-mixed.aip", { inputs = { 1, 2, 3 } })\n' +
          'local o = r.outputs\n' +
          'return { o[1], type(o[2]), o[3].n, is_null(o[3].inner), type(o[3].inner) }',
      ),
  );
  const r = await sb.run('nv/parent-mixed.aip');
  assert.equal(r.endState, 'Ok', r.error?.message);
  assert.deepEqual(r.afterAll, ['v1', 'nil', 3, true, 'userdata']);
});

test('a sub-agent returning nil is success: a caller that accepts "table or nil" goes on', async () => {
  // The shape of a pack helper that validates a sub-agent's answer.
  sb.write('nv/child-quiet.aip', '# Data\n' + lua('return nil') + '# Output\n' + lua('return nil'));
  sb.write(
    'nv/parent-check.aip',
    '# Before All\n' +
      lua(
        'local r = aip.agent.run("child-quiet.aip", { input = "x" })\n' +
          'local first = r.outputs and r.outputs[1]\n' +
          'if first ~= nil and type(first) ~= "table" then error("invalid response type, expected table or nil") end\n' +
          'return aip.flow.before_all_response({ before_all = "accepted" })',
      ) +
      '# After All\n' +
      lua('return before_all'),
  );
  const r = await sb.run('nv/parent-check.aip');
  assert.equal(r.endState, 'Ok', r.error?.message);
  assert.equal(r.afterAll, 'accepted');
});

test('After All outputs keep the sentinel for a nil output (as aipack), so #outputs == #inputs', async () => {
  sb.write('nv/aa.aip', '# Output\n' + lua('if input == 1 then return nil end\nreturn input') + '# After All\n' + lua('return { #outputs, is_null(outputs[1]), outputs[2] }'));
  const r = await sb.run('nv/aa.aip', [1, 2]);
  assert.equal(r.endState, 'Ok', r.error?.message);
  assert.deepEqual(r.afterAll, [2, true, 2]);
});

test('stage variables: top-level nulls are nil, nested nulls the sentinel', async () => {
  sb.write(
    'nv/scope.aip',
    '# Before All\n' +
      lua('return aip.flow.before_all_response({ before_all = null, inputs = { null, { k = null } } })') +
      '# Data\n' +
      lua(
        'if CTX.TASK_NUM == 1 then return { input_nil = input == nil, ba_nil = before_all == nil } end\n' +
          'return null',
      ) +
      '# Output\n' +
      lua('if CTX.TASK_NUM == 1 then return data end\nreturn { data_nil = data == nil, k_null = is_null(input.k) }') +
      '# After All\n' +
      lua('return { outputs[1], outputs[2], ba_nil = before_all == nil, first_input_null = is_null(inputs[1]) }'),
  );
  const r = await sb.run('nv/scope.aip');
  assert.equal(r.endState, 'Ok', r.error?.message);
  assert.deepEqual(r.afterAll, {
    1: { input_nil: true, ba_nil: true },
    2: { data_nil: true, k_null: true },
    ba_nil: true,
    first_input_null: true,
  });
});

test('aip.agent.extract_options: exactly one nil for a non-table, a copy of the option keys for a table', async () => {
  sb.write(
    'nv/extract.aip',
    '# After All\n' +
      lua(
        'local o = aip.agent.extract_options({ model = "m", temperature = 0.5, other = 1, top_p = null })\n' +
          'return { select("#", aip.agent.extract_options("s")), tostring(aip.agent.extract_options("s")),\n' +
          '  tostring(aip.agent.extract_options(nil)), select("#", aip.agent.extract_options(42)),\n' +
          '  o.model, o.temperature, o.other == nil, is_null(o.top_p), type(aip.agent.extract_options({ 1, 2 })) }',
      ),
  );
  const r = await sb.run('nv/extract.aip');
  assert.equal(r.endState, 'Ok', r.error?.message);
  assert.deepEqual(r.afterAll, [1, 'nil', 'nil', 1, 'm', 0.5, true, true, 'table']);
});

test('aip.* values parsed from JSON: a top-level null is nil, a nested one the sentinel (as aipack converts them)', async () => {
  sb.write('nv/data.json', '{"a": null, "list": [1, null, 3]}');
  sb.write('nv/null.json', 'null');
  sb.write(
    'nv/json.aip',
    '# After All\n' +
      lua(
        'local top = aip.json.parse("null")\n' +
          'local doc = aip.file.load_json("nv/data.json")\n' +
          'return { top == nil, aip.file.load_json("nv/null.json") == nil, is_null(doc.a), #doc.list, is_null(doc.list[2]) }',
      ),
  );
  const r = await sb.run('nv/json.aip');
  assert.equal(r.endState, 'Ok', r.error?.message);
  assert.deepEqual(r.afterAll, [true, true, true, 3, true]);
});
