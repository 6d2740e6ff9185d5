/**
 * `aip.flow` (§8.18): functions that return flow directives. The wire format is
 * `{ _aipack_ = { kind = …, data = … } }` (§2.3); the pipeline interprets it.
 */
import type { CallContext, ModuleCatalog } from '../catalog';
import { argOptString } from '../catalog';

function directive(kind: string, data?: unknown): Record<string, unknown> {
  const inner: Record<string, unknown> = { kind };
  if (data !== undefined) inner.data = data;
  return { _aipack_: inner };
}

export const flowCatalog: ModuleCatalog = {
  module: 'flow',
  doc: 'Flow directives: return one of these from a stage to skip, redo, or reshape inputs, data and options.',
  entries: [
    {
      name: 'before_all_response',
      signature: 'aip.flow.before_all_response(arg: {inputs?, before_all?, options?}) -> directive',
      doc: [
        'Return from `# Before All` to reshape the run.',
        '',
        '- `inputs`: a list replaces the inputs; `nil` keeps them; `{}` means no inputs.',
        '- `before_all`: value visible as `before_all` in later stages.',
        '- `options`: agent options merged over the current ones for the whole run.',
        '',
        'Any other key is an error.',
        '',
        'Example: `return aip.flow.before_all_response({ inputs = files, before_all = { dir = "out" } })`',
      ].join('\n'),
      impl: (_call: CallContext, arg: unknown) => directive('BeforeAllResponse', arg),
    },
    {
      name: 'data_response',
      signature: 'aip.flow.data_response(arg: {input?, data?, attachments?, options?}) -> directive',
      doc: [
        'Return from `# Data` to override this task\'s input, data, attachments or options.',
        '',
        '- `input`: replaces the task input for the prompt and `# Output` (`nil` keeps it).',
        '- `data`: value visible as `data`.',
        '- `attachments`: one `{file_source, file_name?, title?}` or a list of them, sent before the prompt.',
        '- `options`: agent options for this task only (model, temperature, top_p…).',
        '',
        'Any other key is an error.',
        '',
        'Example: `return aip.flow.data_response({ data = { body = text }, options = { model = "flash" } })`',
      ].join('\n'),
      impl: (_call: CallContext, arg: unknown) => directive('DataResponse', arg),
    },
    {
      name: 'skip',
      signature: 'aip.flow.skip(reason?: string) -> directive',
      doc: [
        'Skip the whole run (from `# Before All`) or this task (from `# Data`). The reason is recorded and shown.',
        '',
        'Example: `if input.size == 0 then return aip.flow.skip("empty file") end`',
      ].join('\n'),
      impl: (call: CallContext, reason: unknown) => {
        const r = argOptString(call, reason, 'reason');
        return directive('Skip', r === undefined ? {} : { reason: r });
      },
    },
    {
      name: 'redo_run',
      signature: 'aip.flow.redo_run() -> directive',
      doc: [
        'Ask for the run to be run again (re-reading the agent file) about 500 ms after it ends.',
        'Only from `# Before All` (returns at once) or `# After All`. `CTX.RUN_FLOW_REDO_COUNT` counts the redos.',
        '',
        'Example: `if not done then return aip.flow.redo_run() end`',
      ].join('\n'),
      impl: () => directive('Redo'),
    },
  ],
};
