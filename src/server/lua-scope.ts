/**
 * Names a stage script can use without declaring them: the stage variables
 * of §2.2, the `CTX` keys of §3 and the global helpers of §8.2, with the
 * short documentation shown in completion and hover.
 */
import type { LuaStage } from './aip-doc';

export interface ScopeName {
  name: string;
  doc: string;
}

const VAR_DOCS: Record<string, string> = {
  inputs: 'The run inputs: an array, or `nil` when the run has none. Reshape them with `aip.flow.before_all_response({inputs = …})`.',
  outputs: "The tasks' outputs, aligned with `inputs` (an array, or `nil` when there were no tasks).",
  input: "This task's input (`nil` when the run has no inputs).",
  data: 'What the Data stage returned for this task.',
  before_all: 'What the Before All stage returned (or `before_all` of `aip.flow.before_all_response`); `nil` when none.',
  ai_response: 'The AI response of this task: `{content, reasoning_content, model_name, usage, price_usd, info, …}`; `nil` when no AI call was made.',
  options: 'The effective options: `{model, resolved_model, temperature, top_p, input_concurrency, allow_run_on_task_fail, model_aliases}`.',
};

/** Stage variables in scope per stage (§2.2). */
export const STAGE_VARIABLES: Record<LuaStage, readonly string[]> = {
  BeforeAll: ['inputs', 'options'],
  Data: ['input', 'before_all', 'options'],
  Output: ['input', 'data', 'before_all', 'ai_response', 'options'],
  AfterAll: ['inputs', 'outputs', 'before_all', 'options'],
};

/** Variables a prompt part template sees (§2.2): no `options`, no `CTX`, no `aip`. */
export const TEMPLATE_VARIABLES: readonly string[] = ['input', 'data', 'before_all'];

export function stageVariables(stage: LuaStage): ScopeName[] {
  return STAGE_VARIABLES[stage].map((name) => ({ name, doc: VAR_DOCS[name] }));
}

export function templateVariables(): ScopeName[] {
  return TEMPLATE_VARIABLES.map((name) => ({ name, doc: VAR_DOCS[name] }));
}

export const GLOBALS: readonly ScopeName[] = [
  { name: 'aip', doc: 'The AIPack API: `aip.file`, `aip.text`, `aip.flow`, …' },
  { name: 'CTX', doc: 'Run context: paths, agent and pack names, run and task ids (read only).' },
  { name: 'null', doc: 'The null sentinel: a JSON `null` that survives in tables (unlike `nil`).' },
  { name: 'is_null', doc: '`is_null(v)`: true when `v` is `nil` or `null`.' },
  { name: 'is_not_null', doc: '`is_not_null(v)`: true when `v` is neither `nil` nor `null`.' },
  { name: 'nil_if_null', doc: '`nil_if_null(v)`: `nil` for `nil`/`null`, else `v`.' },
  { name: 'value_or', doc: '`value_or(...)`: the first argument that is neither `nil` nor `null`; if none, the last argument.' },
  { name: 'is_table', doc: '`is_table(v)`: true for a (non-null) table.' },
  { name: 'is_list', doc: '`is_list(v)`: true for a table with a first element.' },
  { name: 'is_object', doc: '`is_object(v)`: true for a table without a first element (including `{}`).' },
  { name: 'print', doc: '`print(...)`: logs to the run (values other than strings, numbers and booleans are dumped).' },
];

export interface CtxKey extends ScopeName {
  type: 'string' | 'integer';
  /** Stages where the key exists; all when undefined. */
  stages?: readonly LuaStage[];
}

const k = (name: string, type: CtxKey['type'], doc: string, stages?: readonly LuaStage[]): CtxKey => ({ name, type, doc, stages });
const TASK_STAGES: readonly LuaStage[] = ['Data', 'Output'];

/** `CTX` keys (§3), in the order a run builds them. */
export const CTX_KEYS: readonly CtxKey[] = [
  k('PWD', 'string', 'Current directory of the process (absolute).'),
  k('SESSION_UID', 'string', 'UUID v7 of the session.'),
  k('TMP_DIR', 'string', 'Session temp dir `<wks>/.aipack/.session/<SESSION_UID>/tmp` (with a workspace only).'),
  k('AIPACK_VERSION', 'string', 'Runtime version.'),
  k('PACK_NAMESPACE', 'string', 'Pack namespace (pack agents only).'),
  k('PACK_NAME', 'string', 'Pack name (pack agents only).'),
  k('PACK_SUB_PATH', 'string', 'Sub path within the pack, e.g. `sub/agent` (pack agents with a sub path).'),
  k('PACK_REF', 'string', '`ns@name[/sub]` (pack agents only).'),
  k('PACK_IDENTITY', 'string', '`ns@name` (pack agents only).'),
  k('PACK_DIR', 'string', 'Absolute pack dir (pack agents only).'),
  k('PACK_WORKSPACE_SUPPORT_DIR', 'string', '`<wks>/.aipack/support/pack/<ns>/<name>` (pack agents with a workspace).'),
  k('PACK_BASE_SUPPORT_DIR', 'string', '`~/.aipack-base/support/pack/<ns>/<name>` (pack agents only).'),
  k('WORKSPACE_DIR', 'string', 'Absolute workspace root, the parent of `.aipack/` (with a workspace only).'),
  k('WORKSPACE_AIPACK_DIR', 'string', '`<wks>/.aipack` (with a workspace only).'),
  k('BASE_AIPACK_DIR', 'string', 'Absolute `~/.aipack-base`.'),
  k('AGENT_NAME', 'string', 'The agent name as invoked (`demo@proof`, `path/to/x.aip`).'),
  k('AGENT_FILE_NAME', 'string', 'File name of the agent, e.g. `main.aip`.'),
  k('AGENT_FILE_STEM', 'string', 'File name without extension, e.g. `main`.'),
  k('AGENT_FILE_PATH', 'string', 'Absolute path of the agent file.'),
  k('AGENT_FILE_DIR', 'string', 'Absolute directory of the agent file.'),
  k('RUN_UID', 'string', 'UUID of the run.'),
  k('RUN_NUM', 'integer', 'Number of the run in the session (sub-agent runs count too).'),
  k('PARENT_RUN_UID', 'string', 'UUID of the parent run (sub-agent runs only).'),
  k('TASK_UID', 'string', 'UUID of the task (Data and Output only).', TASK_STAGES),
  k('TASK_NUM', 'integer', 'Task number, starting at 1 (Data and Output only).', TASK_STAGES),
  k('STAGE', 'string', 'Current stage: `BeforeAll`, `Data`, `Output` or `AfterAll`.'),
  k('RUN_FLOW_REDO_COUNT', 'integer', 'How many times this run was redone (0 on the first run).'),
];

export const CTX_BY_NAME: ReadonlyMap<string, CtxKey> = new Map(CTX_KEYS.map((c) => [c.name, c]));
