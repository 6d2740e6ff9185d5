// aip.agent / aip.run / aip.task and aip.flow through Lua with a recording RunBinding:
// argument shapes (pin arity, priority, Marker defaults), stage rules and their messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evalLua } from '../../../src/runtime/script/lua-engine';
import { ALL_CATALOGS } from '../../../src/runtime/script/aip/index';
import type { PinMarker, RunBinding, SubAgentOptions } from '../../../src/runtime/script/catalog';

interface Recorder {
  binding: RunBinding;
  events: unknown[];
}

function recorder(stage: RunBinding['stage']): Recorder {
  const events: unknown[] = [];
  const binding: RunBinding = {
    stage,
    inTask: stage === 'Data' || stage === 'Output',
    runAgent: async (name: string, opts: SubAgentOptions) => {
      events.push(['runAgent', name, opts]);
      if (name === 'fail') throw new Error("Failed to run agent 'fail': boom");
      return { outputs: ['o1', { k: 2 }], after_all: 'aa', redo_requested: false };
    },
    setRunLabel: async (l: string) => void events.push(['runLabel', l]),
    setTaskLabel: async (l: string) => void events.push(['taskLabel', l]),
    pinRun: async (iden: string, p: number | undefined, m: PinMarker) => void events.push(['pinRun', iden, p, m]),
    pinTask: async (iden: string, p: number | undefined, m: PinMarker) => void events.push(['pinTask', iden, p, m]),
  };
  return { binding, events };
}

function run(code: string, rec?: Recorder): Promise<unknown> {
  return evalLua(code, { catalogs: [...ALL_CATALOGS], call: rec ? { run: rec.binding } : {} } as never);
}

/** pcall each expression; error texts without the chunk position. */
async function errs(exprs: string[], rec?: Recorder): Promise<string[]> {
  const body = exprs.map((e) => `function() return ${e} end`).join(',\n');
  const r = (await run(
    `local out = {} for _, f in ipairs({ ${body} }) do local ok, e = pcall(f) out[#out + 1] = ok and "ok" or tostring(e) end return out`,
    rec,
  )) as string[];
  return r.map((s) => s.replace(/^eval\.lua:\d+: /, ''));
}

test('agent.run: input prepended to inputs, options and agent_base_dir passed; response fields', async () => {
  const rec = recorder('Data');
  const r = await run(
    `local res = aip.agent.run("ns@pack/sub", { input = "first", inputs = { "a", "b" }, options = { model = "m" }, agent_base_dir = "x/y" })
     local bare = aip.agent.run("other")
     return { res.outputs, res.after_all, res.redo_requested, bare.outputs[2].k }`,
    rec,
  );
  assert.deepEqual(r, [['o1', { k: 2 }], 'aa', false, 2]);
  assert.deepEqual(rec.events, [
    ['runAgent', 'ns@pack/sub', { inputs: ['first', 'a', 'b'], options: { model: 'm' }, agentBaseDir: 'x/y' }],
    ['runAgent', 'other', { inputs: undefined, options: undefined, agentBaseDir: undefined }],
  ]);
});

test('agent.run errors: bad name, bad options, inputs not a list, failing child, no run', async () => {
  const rec = recorder('Output');
  assert.deepEqual(
    await errs(['aip.agent.run(1)', 'aip.agent.run("a", "x")', 'aip.agent.run("a", { inputs = "x" })', 'aip.agent.run("fail")'], rec),
    [
      "aip.agent.run - expected <string> for parameter 'name' but got number",
      'RunAgentOptions argument must be nil or a table { inputs?, options? }',
      "aip.agent.run - The 'inputs' field must be a Lua array",
      "Failed to run agent 'fail': boom",
    ],
  );
  assert.deepEqual(await errs(['aip.agent.run("a")']), ["Cannot call 'aip.agent.run(...)' outside of a run context (no parent run)."]);
});

test('agent.extract_options keeps only the agent option keys; non-tables give nil', async () => {
  const r = await run(`
    local o = aip.agent.extract_options({ model = "m", temperature = 0.5, input_concurrency = 3, top_p = 0.9,
      model_aliases = { fast = "x" }, allow_run_on_task_fail = true, other = 1, prompt = "p" })
    return { o, aip.agent.extract_options("s") == nil, aip.agent.extract_options(nil) == nil, aip.agent.extract_options(3) == nil }`);
  assert.deepEqual(r, [
    { model: 'm', temperature: 0.5, input_concurrency: 3, top_p: 0.9, model_aliases: { fast: 'x' }, allow_run_on_task_fail: true },
    true,
    true,
    true,
  ]);
});

test('run.set_label / run.pin in any stage: (iden, content) and (iden, priority, content), Marker defaults', async () => {
  const rec = recorder('BeforeAll');
  await run(
    `aip.run.set_label("Docs pass")
     aip.run.pin("summary", "text")
     aip.run.pin("p", 0.5, { label = "Cost:", content = "$1" })
     aip.run.pin("q", 2, {})
     aip.run.pin("r", "x", nil)`,
    rec,
  );
  assert.deepEqual(rec.events, [
    ['runLabel', 'Docs pass'],
    ['pinRun', 'summary', undefined, { label: 'Pin:', content: 'text' }],
    ['pinRun', 'p', 0.5, { label: 'Cost:', content: '$1' }],
    ['pinRun', 'q', 2, { label: 'Pin:', content: 'No Content' }],
    ['pinRun', 'r', undefined, { label: 'Pin:', content: 'x' }],
  ]);
});

test('pin argument errors (§12.5 #11: content is a string or {label?, content?})', async () => {
  const rec = recorder('AfterAll');
  assert.deepEqual(
    await errs(['aip.run.pin("a")', 'aip.run.pin("a", 1, "b", "c")', 'aip.run.pin(1, "x")', 'aip.run.pin("a", "hi", "x")', 'aip.run.pin("a", 12)', 'aip.run.set_label(nil)'], rec),
    [
      'aip.run.pin(...) - expected 2 or 3 parameters: (iden, content) or (iden, priority, content).',
      'aip.run.pin(...) - expected 2 or 3 parameters: (iden, content) or (iden, priority, content).',
      "aip.run.pin(iden, content) - expected <string> for parameter 'iden'.",
      "aip.run.pin(iden, priority, content) - expected <number> for parameter 'priority'.",
      'aip.run.pin - expected a string or a table {label?, content?} for the pin content',
      "aip.run.set_label - expected <string> for parameter 'label' but got nil",
    ],
  );
  assert.deepEqual(rec.events, []);
});

test('task.set_label / task.pin work in Data and Output, and are refused in Before All / After All', async () => {
  const data = recorder('Data');
  await run('aip.task.set_label("in.md") aip.task.pin("t", 1, "one")', data);
  assert.deepEqual(data.events, [
    ['taskLabel', 'in.md'],
    ['pinTask', 't', 1, { label: 'Pin:', content: 'one' }],
  ]);
  for (const stage of ['BeforeAll', 'AfterAll'] as const) {
    const rec = recorder(stage);
    assert.deepEqual(await errs(['aip.task.set_label("x")', 'aip.task.pin("t", "x")'], rec), [
      "Cannot call 'aip.task.set_label(...)' outside of a task context.",
      "Cannot call 'aip.task.pin(...)' in a before all or after all code block.\nCall `aip.run.pin(..)`'",
    ]);
    assert.deepEqual(rec.events, []);
  }
});

test('flow directives through Lua: data_response, before_all_response, skip, redo_run', async () => {
  const r = await run(`return {
    aip.flow.data_response({ input = "i", data = { d = 1 }, options = { model = "m" } }),
    aip.flow.before_all_response({ inputs = { 1, 2 }, before_all = "b" }),
    aip.flow.skip("because"), aip.flow.skip(), aip.flow.redo_run(),
  }`);
  assert.deepEqual(r, [
    { _aipack_: { kind: 'DataResponse', data: { input: 'i', data: { d: 1 }, options: { model: 'm' } } } },
    { _aipack_: { kind: 'BeforeAllResponse', data: { inputs: [1, 2], before_all: 'b' } } },
    { _aipack_: { kind: 'Skip', data: { reason: 'because' } } },
    { _aipack_: { kind: 'Skip', data: {} } },
    { _aipack_: { kind: 'Redo' } },
  ]);
  assert.deepEqual(await errs(['aip.flow.skip(3)']), ["aip.flow.skip - expected <string> for parameter 'reason' but got number"]);
});
