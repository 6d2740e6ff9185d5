/**
 * `aip.code` (§8.11): one-line comments in the syntax of a file extension.
 */
import type { CallContext, ModuleCatalog } from '../catalog';
import { ArgError } from '../catalog';
import { trim } from './md-support';
import { luaNumberText } from './lua-number';

/** Lua coerces numbers to strings for string parameters. */
function stringLike(call: CallContext, v: unknown, param: string): string {
  if (typeof v === 'string') return v;
  const n = luaNumberText(v);
  if (n !== undefined) return n;
  throw new ArgError(call.fnName, 'string', param, v);
}

export function commentLine(ext: string, text: string): string {
  switch (trim(ext).toLowerCase()) {
    case 'lua':
    case 'sql':
      return `-- ${text}`;
    case 'html':
      return `<!-- ${text} -->`;
    case 'css':
    case 'pcss':
      return `/* ${text} */`;
    case 'py':
      return `# ${text}`;
    default:
      return `// ${text}`;
  }
}

export const codeCatalog: ModuleCatalog = {
  module: 'code',
  doc: 'Source-code helpers.',
  entries: [
    {
      name: 'comment_line',
      signature: 'aip.code.comment_line(ext: string, text: string) -> string',
      doc: [
        'Make a one-line comment for a file extension: `lua`/`sql` → `-- text`, `html` → `<!-- text -->`, `css`/`pcss` → `/* text */`, `py` → `# text`, anything else → `// text`.',
        '',
        '- `ext`: file extension without the dot (trimmed, case-insensitive).',
        '- `text`: the comment text (kept as is).',
        '',
        'Example: `aip.code.comment_line("py", "generated") -- "# generated"`',
      ].join('\n'),
      impl: (call, ext, text) => commentLine(stringLike(call, ext, 'ext'), stringLike(call, text, 'text')),
    },
  ],
};
