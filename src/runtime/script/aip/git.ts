/** `aip.git` (§8.11): the one git helper agents use, `git restore <path>` in the workspace. */
import type { CallContext, ModuleCatalog } from '../catalog';
import { argString } from '../catalog';
import { runProcess } from './cmd';

export const gitCatalog: ModuleCatalog = {
  module: 'git',
  doc: 'Git helpers run in the workspace directory.',
  entries: [
    {
      name: 'restore',
      signature: 'aip.git.restore(path: string) -> string',
      doc: [
        'Run `git restore <path>` in the workspace directory (discarding uncommitted changes to that path).',
        '',
        'Returns git\'s standard output.',
        '',
        'Errors: when there is no workspace; `\'git restore <path>\' failed` with git\'s message when git writes',
        'anything to stderr (e.g. an unknown path).',
        '',
        'Example: `aip.git.restore("src/main.ts")`',
      ].join('\n'),
      impl: async (call: CallContext, path: unknown) => {
        const p = argString(call, path, 'path');
        const wks = call.env?.workspaceDir;
        if (!wks) {
          throw new Error("aip.git.restore requires a aipack workspace setup. Do a 'aip init' in the project directory.");
        }
        const res = await runProcess('git', ['restore', p], wks, call.signal);
        if (res.stderr !== '') {
          call.env?.log(`stderr: ${res.stderr}`);
          throw new Error(`'git restore ${p}' failed\n\tCause: ${res.stderr.trimEnd()}`);
        }
        return res.stdout;
      },
    },
  ],
};
