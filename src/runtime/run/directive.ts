/**
 * Interpreting stage return values as flow directives (§2.3–2.5).
 * Mirrors the original's `AipackCustom::from_value`: a value with `_aipack_.kind`
 * is a directive; anything else is the stage's plain value.
 */
import type { AgentOptions } from '../config/options';
import { toAgentOptions } from '../config/options';

export interface BeforeAllResponse {
  /** `undefined` keeps the original inputs; `[]` means none. */
  inputs?: unknown[];
  beforeAll?: unknown;
  options?: AgentOptions;
}

export interface DataResponse {
  /** `undefined` keeps the task's input. */
  input?: unknown;
  data?: unknown;
  attachments?: unknown;
  options?: AgentOptions;
}

export type Directive =
  | { kind: 'Skip'; reason?: string }
  | { kind: 'Redo' }
  | { kind: 'BeforeAllResponse'; response: BeforeAllResponse }
  | { kind: 'DataResponse'; response: DataResponse };

export type StageValueKind = { directive: Directive } | { value: unknown };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Split a stage value into a directive or its plain value. Throws on unknown kinds and bad fields. */
export function readDirective(value: unknown): StageValueKind {
  if (!isPlainObject(value)) return { value };
  const inner = value._aipack_;
  if (!isPlainObject(inner) || typeof inner.kind !== 'string') return { value };
  const kind = inner.kind;
  const data = inner.data;
  switch (kind) {
    case 'Skip': {
      const reason = isPlainObject(data) && typeof data.reason === 'string' ? data.reason : undefined;
      return { directive: { kind: 'Skip', reason } };
    }
    case 'Redo':
      return { directive: { kind: 'Redo' } };
    case 'BeforeAllResponse':
      return { directive: { kind: 'BeforeAllResponse', response: parseBeforeAllResponse(data) } };
    case 'DataResponse':
      return { directive: { kind: 'DataResponse', response: parseDataResponse(data) } };
    default:
      throw new Error(`_aipack_ kind '${kind}' is not known.`);
  }
}

const BA_CAUSE = "aip.flow.before_all_response(arg) - 'arg' can only have `.inputs`, `.options`, `.before_all`";
const DATA_CAUSE = 'aip.flow.data_response(arg) argument can only have `.input`, `.data`, `.attachments`, `.options`';

export function parseBeforeAllResponse(data: unknown): BeforeAllResponse {
  // A non-table argument is treated as an empty response (§2.4).
  if (!isPlainObject(data)) return {};
  const { inputs, before_all, options, ...rest } = data;
  const extra = Object.keys(rest);
  if (extra.length > 0) {
    throw new Error(`Before All Lua block did not return a valid structure. Cause: ${BA_CAUSE}. But also contained: ${extra.join(', ')}`);
  }
  const out: BeforeAllResponse = {};
  if (Array.isArray(inputs)) out.inputs = inputs;
  else if (isPlainObject(inputs)) {
    // A Lua empty table serializes as an object: special-cased as "no inputs".
    if (Object.keys(inputs).length > 0) {
      throw new Error(
        "Before All Lua block did not return a valid structure. Cause: aip.flow.before_all_response(arg) - 'arg.inputs' must be nil, an array, or an empty table. But was a table with name/value pairs.",
      );
    }
    out.inputs = [];
  } else if (inputs !== undefined && inputs !== null) {
    throw new Error(
      "Before All Lua block did not return a valid structure. Cause: aip.flow.before_all_response(arg) - 'arg.inputs' must be nil or an array",
    );
  }
  if (before_all !== undefined) out.beforeAll = before_all;
  if (options !== undefined && options !== null) out.options = toAgentOptions(options, 'aip.flow.before_all_response options');
  return out;
}

export function parseDataResponse(data: unknown): DataResponse {
  if (!isPlainObject(data)) return {};
  const { input, data: d, attachments, options, ...rest } = data;
  const extra = Object.keys(rest);
  if (extra.length > 0) {
    throw new Error(`Data Lua block did not return a valid structure. Cause: ${DATA_CAUSE}. But also contained: ${extra.join(', ')}`);
  }
  const out: DataResponse = {};
  if (input !== undefined && input !== null) out.input = input;
  if (d !== undefined) out.data = d;
  if (attachments !== undefined && attachments !== null) out.attachments = attachments;
  if (options !== undefined && options !== null) out.options = toAgentOptions(options, 'aip.flow.data_response options');
  return out;
}

/** The §12.6 message for a directive returned from a stage that does not accept it. */
export function wrongStageMessage(kind: Directive['kind'], stage: 'BeforeAll' | 'Data' | 'Output' | 'AfterAll'): string {
  if (kind === 'Redo') {
    const where = stage === 'Data' ? '# Data' : stage === 'Output' ? '# Output' : `# ${stage}`;
    return `aip.flow.redo_run() can be returned only from # Before All or # After All stages. Returned from ${where} stage.`;
  }
  const stageLabel = stage === 'BeforeAll' ? 'Before All' : stage === 'AfterAll' ? 'After All' : stage;
  return `Aipack custom '${kind}' not supported at the ${stageLabel} stage`;
}
