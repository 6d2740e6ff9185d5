/**
 * `aip.editor` (§8.11): open a file for the user. The Host decides how: an editor tab in
 * VS Code, `$VISUAL`/`$EDITOR` in the CLI.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CallContext, ModuleCatalog } from '../catalog';
import { argString } from '../catalog';

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

export const editorCatalog: ModuleCatalog = {
  module: 'editor',
  doc: 'Open files in the user\'s editor.',
  entries: [
    {
      name: 'open_file',
      signature: 'aip.editor.open_file(path: string) -> {editor}|nil',
      doc: [
        'Open an existing file in the editor: a VS Code editor tab in the extension; in the CLI the program named by',
        '`VISUAL`/`EDITOR` (or the terminal\'s editor, `TERM_PROGRAM`/`ZED_TERM`).',
        '',
        '- `path`: workspace-relative, absolute, `~/…` or a pack reference (`ns@pack/file.md`).',
        '',
        'Returns `{editor = "<name>"}`, or `nil` when no editor could be found or it failed to open.',
        '',
        'Errors: `File does not exist: <path>` when the path is not an existing file.',
        '',
        'Example: `local r = aip.editor.open_file("README.md"); if r then print("opened in " .. r.editor) end`',
      ].join('\n'),
      impl: async (call: CallContext, path: unknown) => {
        const p = argString(call, path, 'path');
        const abs = call.env ? call.env.resolvePath(p) : resolve(p);
        if (!isFile(abs)) throw new Error(`File does not exist: ${p}`);
        try {
          const editor = await call.host.openFile(abs);
          return editor === undefined ? undefined : { editor };
        } catch {
          return undefined;
        }
      },
    },
  ],
};
