/**
 * The run-bound modules (§8.18, §10): `aip.agent`, `aip.run`, `aip.task`. Their
 * functions act on the run the stage belongs to, reached through `call.run`
 * (filled by the pipeline per stage; absent in the language server and in tests
 * of pure modules).
 */
import { type CallContext, LuaFloat, type ModuleCatalog, type PinMarker, type RunBinding, argString } from '../catalog';

function binding(call: CallContext, what: string): RunBinding {
  if (!call.run) throw new Error(`Cannot call '${call.fnName}(...)' outside of a run context (${what}).`);
  return call.run;
}

const EXTRACT_KEYS = ['model', 'model_aliases', 'input_concurrency', 'temperature', 'top_p', 'allow_run_on_task_fail'];

/** §10.3 Marker: a string → `{label="Pin:", content=s}`; a table → its label/content or the defaults. */
export function toPinMarker(fnName: string, v: unknown): PinMarker {
  if (typeof v === 'string') return { label: 'Pin:', content: v };
  // A Lua float arrives as LuaFloat (an object): it is a number here, not a table.
  if (v !== null && typeof v === 'object' && !(v instanceof LuaFloat)) {
    const o = Array.isArray(v) ? {} : (v as Record<string, unknown>);
    return {
      label: typeof o.label === 'string' ? o.label : 'Pin:',
      content: typeof o.content === 'string' ? o.content : 'No Content',
    };
  }
  throw new Error(`${fnName} - expected a string or a table {label?, content?} for the pin content`);
}

/** `(iden, content)` or `(iden, priority, content)` (§10.3); any other arity is an error. */
export function parsePinArgs(call: CallContext, args: unknown[]): { iden: string; priority?: number; marker: PinMarker } {
  // Trailing nils are not arguments in Lua's eyes.
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  if (n !== 2 && n !== 3) {
    throw new Error(`${call.fnName}(...) - expected 2 or 3 parameters: (iden, content) or (iden, priority, content).`);
  }
  if (typeof args[0] !== 'string') throw new Error(`${call.fnName}(iden, content) - expected <string> for parameter 'iden'.`);
  if (n === 2) return { iden: args[0], marker: toPinMarker(call.fnName, args[1]) };
  const p = args[1];
  const priority = typeof p === 'number' ? p : p !== null && typeof p === 'object' && 'value' in (p as object) ? Number((p as { value: number }).value) : NaN;
  if (!Number.isFinite(priority)) {
    throw new Error(`${call.fnName}(iden, priority, content) - expected <number> for parameter 'priority'.`);
  }
  return { iden: args[0], priority, marker: toPinMarker(call.fnName, args[2]) };
}

export const agentCatalog: ModuleCatalog = {
  module: 'agent',
  doc: 'Run other agents from a stage (as child runs) and pick agent options out of a table.',
  entries: [
    {
      name: 'run',
      signature: 'aip.agent.run(name: string, opts?: {input?: any, inputs?: any[], options?: AgentOptions, agent_base_dir?: string}) -> RunAgentResponse',
      doc:
        'Run another agent as a child run of this one and wait for it (§10.1).\n\n' +
        '- `name`: pack ref (`ns@pack/agent`) or path, relative to this agent\'s dir (or `agent_base_dir`).\n' +
        '- `input` is prepended to `inputs`; `options` overlays the child\'s own options.\n\n' +
        'Returns `{outputs, after_all, redo_requested}`. Errors: `Failed to find agent …`, `Failed to run agent …`.\n\n' +
        'Example: `local res = aip.agent.run("sub-agent.aip", {inputs = {"a", "b"}})`',
      impl: async (call, name, opts) => {
        const agentName = argString(call, name, 'name');
        const run = binding(call, 'no parent run');
        if (opts !== undefined && opts !== null && (typeof opts !== 'object' || Array.isArray(opts) || opts instanceof LuaFloat)) {
          throw new Error('RunAgentOptions argument must be nil or a table { inputs?, options? }');
        }
        const o = (opts ?? {}) as Record<string, unknown>;
        let inputs: unknown[] = [];
        if (o.inputs !== undefined && o.inputs !== null) {
          const isEmptyObj = typeof o.inputs === 'object' && !Array.isArray(o.inputs) && Object.keys(o.inputs).length === 0;
          if (!Array.isArray(o.inputs) && !isEmptyObj) throw new Error("aip.agent.run - The 'inputs' field must be a Lua array");
          inputs = Array.isArray(o.inputs) ? [...o.inputs] : [];
        }
        if (o.input !== undefined) inputs.unshift(o.input);
        const options = o.options !== undefined && o.options !== null ? (o.options as Record<string, unknown>) : undefined;
        const agentBaseDir = typeof o.agent_base_dir === 'string' ? o.agent_base_dir : undefined;
        const res = await run.runAgent(agentName, { inputs: inputs.length > 0 ? inputs : undefined, options, agentBaseDir });
        // As aipack converts a sub-run's values: a top-level null (a task that produced nothing) is
        // Lua nil, so `outputs` has a hole there (`#outputs == 0` for one nil output); nulls nested
        // inside an output stay the sentinel. (After All's own `outputs` keeps the sentinel.)
        return {
          outputs: res.outputs?.map((v) => (v === null ? undefined : v)),
          after_all: res.after_all === null ? undefined : res.after_all,
          redo_requested: res.redo_requested,
        };
      },
    },
    {
      name: 'extract_options',
      signature: 'aip.agent.extract_options(value: any) -> table | nil',
      doc:
        'Copy only the agent option keys (`model`, `model_aliases`, `input_concurrency`, `temperature`, `top_p`, ' +
        '`allow_run_on_task_fail`) out of a table; nil for a non-table.\n\nExample: `local opts = aip.agent.extract_options(options)`',
      // `multi`: a non-table gives exactly one nil (a value for `tostring`/`select('#')`), not none.
      multi: true,
      impl: (_call, value) => {
        if (value === null || typeof value !== 'object' || value instanceof LuaFloat) return [undefined];
        // An array-like table is still a table (aipack copies nothing from it).
        const src = Array.isArray(value) ? {} : (value as Record<string, unknown>);
        const out: Record<string, unknown> = {};
        // Any non-nil value is copied, the null sentinel included, as aipack does.
        for (const k of EXTRACT_KEYS) if (src[k] !== undefined) out[k] = src[k];
        return [out];
      },
    },
  ],
};

export const runCatalog: ModuleCatalog = {
  module: 'run',
  doc: 'Annotate the current run: a label and pins shown in the Runs view.',
  entries: [
    {
      name: 'set_label',
      signature: 'aip.run.set_label(label: string)',
      doc: "Set the current run's label (any stage).\n\nExample: `aip.run.set_label(\"Docs pass\")`",
      impl: async (call, label) => {
        const l = argString(call, label, 'label');
        await binding(call, 'no run').setRunLabel(l);
      },
    },
    {
      name: 'pin',
      signature: 'aip.run.pin(iden: string, priority?: number, content: string | {label?: string, content?: string})',
      doc:
        'Create or replace (same `iden`) a pin on the current run. Content is a string or `{label, content}` ' +
        '(defaults `Pin:` / `No Content`). Pins are ordered by priority, then creation.\n\n' +
        'Example: `aip.run.pin("summary", 1, {label = "Files:", content = "12"})`',
      impl: async (call, ...args) => {
        const { iden, priority, marker } = parsePinArgs(call, args);
        await binding(call, 'no run').pinRun(iden, priority, marker);
      },
    },
  ],
};

function taskBinding(call: CallContext, fnLabel: string): RunBinding {
  const run = binding(call, 'no run');
  if (!run.inTask) {
    throw new Error(
      fnLabel === 'pin'
        ? "Cannot call 'aip.task.pin(...)' in a before all or after all code block.\nCall `aip.run.pin(..)`'"
        : "Cannot call 'aip.task.set_label(...)' outside of a task context.",
    );
  }
  return run;
}

export const taskCatalog: ModuleCatalog = {
  module: 'task',
  doc: 'Annotate the current task (Data and Output stages): a label and pins.',
  entries: [
    {
      name: 'set_label',
      signature: 'aip.task.set_label(label: string)',
      doc: "Set the current task's label (Data / Output only).\n\nExample: `aip.task.set_label(input.path)`",
      impl: async (call, label) => {
        const l = argString(call, label, 'label');
        await taskBinding(call, 'set_label').setTaskLabel(l);
      },
    },
    {
      name: 'pin',
      signature: 'aip.task.pin(iden: string, priority?: number, content: string | {label?: string, content?: string})',
      doc:
        'Create or replace (same `iden`) a pin on the current task (Data / Output only; use `aip.run.pin` in ' +
        'Before All / After All).\n\nExample: `aip.task.pin("status", "done")`',
      impl: async (call, ...args) => {
        const run = taskBinding(call, 'pin');
        const { iden, priority, marker } = parsePinArgs(call, args);
        await run.pinTask(iden, priority, marker);
      },
    },
  ],
};
