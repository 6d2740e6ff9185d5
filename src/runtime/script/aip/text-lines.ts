/**
 * `aip.text` split and line-block functions (§8.7), the two-value half of the module.
 * They return `nil, nil` for `nil` content, and `(content, nil)` when nothing matches.
 */
import type { CallContext, CatalogEntry } from '../catalog';
import { argOptions, argString, luaTypeName } from '../catalog';
import { extractLineBlocks, optContent, splitOnce, splitOnceLine } from './text-support';
import { luaNumberText, luaNumberValue } from './lua-number';

function splitEntry(
  name: string,
  signature: string,
  doc: string[],
  sepParam: string,
  fn: (s: string, sep: string) => [string, string | undefined],
): CatalogEntry {
  return {
    name,
    signature,
    doc: doc.join('\n'),
    multi: true,
    impl: (call: CallContext, content: unknown, sep: unknown) => {
      const s = optContent(call, content);
      const sp = argString(call, sep, sepParam);
      return s === undefined ? [undefined, undefined] : fn(s, sp);
    },
  };
}

export const textLineEntries: CatalogEntry[] = [
  splitEntry(
    'split_first',
    'aip.text.split_first(s: string|nil, sep: string) -> string|nil, string|nil',
    [
      'Split at the first occurrence of `sep` (which is dropped).',
      '',
      '- `s`: the text, or `nil` (returns `nil, nil`).',
      '- `sep`: the separator string.',
      '',
      'Returns `before, after`; when `sep` is absent, `s, nil`.',
      '',
      'Example: `local head, body = aip.text.split_first(content, "\\n---\\n")`',
    ],
    'sep',
    (s, sep) => splitOnce(s, sep, true),
  ),
  splitEntry(
    'split_last',
    'aip.text.split_last(s: string|nil, sep: string) -> string|nil, string|nil',
    [
      'Split at the last occurrence of `sep` (which is dropped).',
      '',
      '- `s`: the text, or `nil` (returns `nil, nil`).',
      '- `sep`: the separator string.',
      '',
      'Returns `before, after`; when `sep` is absent, `s, nil`.',
      '',
      'Example: `local dir, file = aip.text.split_last("a/b/c.txt", "/") -- "a/b", "c.txt"`',
    ],
    'sep',
    (s, sep) => splitOnce(s, sep, false),
  ),
  splitEntry(
    'split_first_line',
    'aip.text.split_first_line(s: string|nil, sep_line: string) -> string|nil, string|nil',
    [
      'Split around the first line that is exactly `sep_line`. That line and the newlines around it are dropped.',
      '',
      '- `s`: the text, or `nil` (returns `nil, nil`).',
      '- `sep_line`: the whole line to match (no newline).',
      '',
      'Returns `before, after` (either may be `""`); when no line matches, `s, nil`.',
      '',
      'Example: `aip.text.split_first_line("a\\n===\\nb", "===") -- "a", "b"`',
    ],
    'sep_line',
    (s, sep) => splitOnceLine(s, sep, true),
  ),
  splitEntry(
    'split_last_line',
    'aip.text.split_last_line(s: string|nil, sep_line: string) -> string|nil, string|nil',
    [
      'Split around the last line that is exactly `sep_line`. That line and the newlines around it are dropped.',
      '',
      '- `s`: the text, or `nil` (returns `nil, nil`).',
      '- `sep_line`: the whole line to match (no newline).',
      '',
      'Returns `before, after` (either may be `""`); when no line matches, `s, nil`.',
      '',
      'Example: `aip.text.split_last_line("a\\n===\\nb\\n===\\nc", "===") -- "a\\n===\\nb", "c"`',
    ],
    'sep_line',
    (s, sep) => splitOnceLine(s, sep, false),
  ),
  {
    name: 'extract_line_blocks',
    signature: 'aip.text.extract_line_blocks(s: string|nil, opts: {starts_with, extrude?, first?}) -> string[]|nil, string|nil',
    doc: [
      'Collect groups of consecutive lines that start with a prefix (e.g. `>` quotes). Each block keeps its lines with their `\\n`.',
      '',
      '- `s`: the text, or `nil` (returns `nil, nil`).',
      '- `opts.starts_with` (required): the line prefix.',
      '- `opts.extrude` (optional): `"content"` to also return the text outside the returned blocks.',
      '- `opts.first` (optional): stop after that many blocks; with `extrude`, the rest of the text is returned as is.',
      '',
      'Returns `blocks, rest` (`rest` is `nil` unless `extrude = "content"`).',
      'Errors without `starts_with`: `aip.text.extract_line_blocks requires to options with {starts_with = ".."}`.',
      '',
      'Example: `local quotes, rest = aip.text.extract_line_blocks(md, {starts_with = ">", extrude = "content"})`',
    ].join('\n'),
    multi: true,
    impl: (call, content, opts) => {
      const s = optContent(call, content);
      if (s === undefined) return [undefined, undefined];
      if (opts === undefined || opts === null || Array.isArray(opts)) throw new Error(`${call.fnName} - expected <table> for parameter 'options' but got ${luaTypeName(opts)}`);
      const o = argOptions(call, opts);
      const startsWith = luaNumberText(o.starts_with) ?? o.starts_with;
      if (typeof startsWith !== 'string') {
        throw new Error('aip.text.extract_line_blocks requires to options with {starts_with = ".."}');
      }
      const extrude = o.extrude === 'content';
      const firstNum = luaNumberValue(o.first);
      const first = firstNum !== undefined && firstNum >= 0 ? Math.round(firstNum) : undefined;
      const { blocks, rest } = extractLineBlocks(s, startsWith, first);
      return [blocks, extrude ? rest : undefined];
    },
  },
];
