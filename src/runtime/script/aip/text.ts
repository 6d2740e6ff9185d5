/**
 * `aip.text` (§8.7): string helpers. Every function takes `nil` content and returns `nil`
 * (or `nil, nil` for the two-value ones), so agents can chain them on optional values.
 * The line-splitting half lives in `text-lines.ts`.
 */
import type { CallContext, CatalogEntry, ModuleCatalog } from '../catalog';
import { argInteger, argOptString, LuaFloat, luaTypeName } from '../catalog';
import { trim, trimEnd, trimStart } from './md-support';
import {
  decodeHtmlEntities,
  ensurePrefixSuffix,
  ensureSingleTrailingNewline,
  formatSize,
  optContent,
  removeFirstLines,
  removeLastLines,
  replaceMarkers,
  truncateWithEllipsis,
} from './text-support';
import { textLineEntries } from './text-lines';
import { luaNumberText } from './lua-number';

/** One-string-in, one-string-out function with nil passthrough. */
function stringFn(name: string, signature: string, doc: string[], fn: (s: string) => string): CatalogEntry {
  return {
    name,
    signature,
    doc: doc.join('\n'),
    impl: (call, content) => {
      const s = optContent(call, content);
      return s === undefined ? undefined : fn(s);
    },
  };
}

function sectionsArg(call: CallContext, v: unknown): string[] {
  const item = (x: unknown): string => {
    if (typeof x === 'string') return x;
    const n = luaNumberText(x);
    if (n !== undefined) return n;
    if (x !== null && typeof x === 'object' && typeof (x as { content?: unknown }).content === 'string') {
      return (x as { content: string }).content;
    }
    throw new Error(`${call.fnName} - new_sections items must be strings or tables with a 'content' string, but found ${luaTypeName(x)}`);
  };
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.map(item);
  if (v !== null && typeof v === 'object' && Object.keys(v).length === 0) return [];
  throw new Error(`${call.fnName} - new_sections must be a string or a list of strings, but was ${luaTypeName(v)}`);
}

function ensureOptions(call: CallContext, v: unknown): { prefix?: string; suffix?: string } {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof LuaFloat) {
    throw new Error('Ensure argument needs to be a table with the format {prefix = string, suffix = string} (both optional)');
  }
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (k !== 'prefix' && k !== 'suffix' && !/^\d+$/.test(k)) {
      throw new Error(`Ensure argument contains invalid table property \`${k}\`. Can only contain \`prefix\` and/or \`suffix\``);
    }
  }
  const str = (x: unknown) => (typeof x === 'string' ? x : luaNumberText(x));
  return { prefix: str(o.prefix), suffix: str(o.suffix) };
}

const entries: CatalogEntry[] = [
  stringFn(
    'escape_decode',
    'aip.text.escape_decode(s: string|nil) -> string|nil',
    [
      'Decode HTML entities (`&lt;`, `&amp;`, `&#39;`, `&#x27;`, `&nbsp;`…). Some models HTML-encode their answers.',
      '',
      '- `s`: the text, or `nil` (returns `nil`).',
      '',
      'Returns the decoded text. Errors if `s` is neither a string nor `nil`.',
      '',
      'Example: `aip.text.escape_decode("a &lt; b") -- "a < b"`',
    ],
    decodeHtmlEntities,
  ),
  stringFn(
    'escape_decode_if_needed',
    'aip.text.escape_decode_if_needed(s: string|nil) -> string|nil',
    [
      'Decode HTML entities only when the text contains `&lt;` (the usual sign a model HTML-encoded its answer); otherwise return it unchanged.',
      '',
      '- `s`: the text, or `nil` (returns `nil`).',
      '',
      'Example: `aip.text.escape_decode_if_needed("fn a() -&gt; &lt;T&gt;") -- "fn a() -> <T>"`',
    ],
    (s) => (s.includes('&lt;') ? decodeHtmlEntities(s) : s),
  ),
  stringFn(
    'remove_first_line',
    'aip.text.remove_first_line(s: string|nil) -> string|nil',
    [
      'Remove the first line (through its `\\n`). A text without a newline becomes `""`.',
      '',
      'Example: `aip.text.remove_first_line("a\\nb\\nc") -- "b\\nc"`',
    ],
    (s) => removeLines(s, 1, true),
  ),
  {
    name: 'remove_first_lines',
    signature: 'aip.text.remove_first_lines(s: string|nil, n: integer) -> string|nil',
    doc: [
      'Remove the first `n` lines. When the text has fewer than `n` newlines the result is `""`; `n = 0` keeps it.',
      '',
      '- `s`: the text, or `nil` (returns `nil`).',
      '- `n`: number of lines to remove.',
      '',
      'Example: `aip.text.remove_first_lines("a\\nb\\nc", 2) -- "c"`',
    ].join('\n'),
    impl: (call, content, n) => {
      const s = optContent(call, content);
      const count = argInteger(call, n, 'n');
      return s === undefined ? undefined : removeLines(s, count, true);
    },
  },
  {
    name: 'remove_last_lines',
    signature: 'aip.text.remove_last_lines(s: string|nil, n: integer) -> string|nil',
    doc: [
      'Remove the last `n` lines, counting newlines from the end (a final `\\n` ends the last line). Fewer than `n` newlines gives `""`.',
      '',
      '- `s`: the text, or `nil` (returns `nil`).',
      '- `n`: number of lines to remove.',
      '',
      'Example: `aip.text.remove_last_lines("a\\nb\\nc", 1) -- "a\\nb"`',
    ].join('\n'),
    impl: (call, content, n) => {
      const s = optContent(call, content);
      const count = argInteger(call, n, 'n');
      return s === undefined ? undefined : removeLines(s, count, false);
    },
  },
  stringFn(
    'remove_last_line',
    'aip.text.remove_last_line(s: string|nil) -> string|nil',
    [
      'Remove the text after the last `\\n` (and that newline). A text without a newline becomes `""`.',
      '',
      'Example: `aip.text.remove_last_line("a\\nb\\nc") -- "a\\nb"`',
    ],
    (s) => removeLines(s, 1, false),
  ),
  {
    name: 'truncate',
    signature: 'aip.text.truncate(s: string|nil, max_chars: integer, ellipsis?: string) -> string|nil',
    doc: [
      'Limit a text to `max_chars` characters (Unicode characters, not bytes). When it is cut, `ellipsis` is appended and counted in `max_chars`.',
      '',
      '- `s`: the text, or `nil` (returns `nil`).',
      '- `max_chars`: maximum length of the result.',
      '- `ellipsis` (optional): appended when truncated, e.g. `"..."`.',
      '',
      'Example: `aip.text.truncate("hello world", 8, "...") -- "hello..."`',
    ].join('\n'),
    impl: (call, content, max, ellipsis) => {
      const s = optContent(call, content);
      const m = argInteger(call, max, 'max_chars');
      const e = argOptString(call, ellipsis, 'ellipsis') ?? '';
      return s === undefined ? undefined : truncateWithEllipsis(s, Math.max(0, m), e);
    },
  },
  {
    name: 'replace_markers',
    signature: 'aip.text.replace_markers(s: string|nil, sections: (string|{content})[]) -> string|nil',
    doc: [
      'Replace each `<<START>>` … `<<END>>` block (the whole lines holding the markers, and the lines between) with the next item of `sections`, in order.',
      '',
      '- `s`: the text with marker blocks, or `nil` (returns `nil`).',
      '- `sections`: list of strings, or of tables with a `content` string (e.g. `MdBlock`s).',
      '',
      'Errors: `replace_markers - Not enough matching sections`, `replace_markers - Not all sections have been used`, and nested or unopened markers.',
      '',
      'Example: `aip.text.replace_markers(file.content, { new_impl })`',
    ].join('\n'),
    impl: (call, content, sections) => {
      const s = optContent(call, content);
      if (s === undefined) return undefined;
      return replaceMarkers(s, sectionsArg(call, sections));
    },
  },
  {
    name: 'ensure',
    signature: 'aip.text.ensure(s: string|nil, opts: {prefix?, suffix?}) -> string|nil',
    doc: [
      'Add `prefix` and/or `suffix` only when the text does not already start/end with them.',
      '',
      '- `s`: the text, or `nil` (returns `nil`).',
      '- `opts`: `{prefix?: string, suffix?: string}`; any other key is an error.',
      '',
      'Example: `aip.text.ensure("notes", {prefix = "./", suffix = ".md"}) -- "./notes.md"`',
    ].join('\n'),
    impl: (call, content, opts) => {
      const s = optContent(call, content);
      if (s === undefined) return undefined;
      const o = ensureOptions(call, opts);
      return ensurePrefixSuffix(s, o.prefix, o.suffix);
    },
  },
  stringFn(
    'ensure_single_trailing_newline',
    'aip.text.ensure_single_trailing_newline(s: string|nil) -> string|nil',
    [
      'Make the text end with exactly one `\\n`: add one if missing, drop extra trailing newlines. `""` becomes `"\\n"`.',
      '',
      'Example: `aip.text.ensure_single_trailing_newline("code\\n\\n\\n") -- "code\\n"`',
    ],
    ensureSingleTrailingNewline,
  ),
  stringFn(
    'ensure_single_ending_newline',
    'aip.text.ensure_single_ending_newline(s: string|nil) -> string|nil',
    [
      '**Deprecated**: use `aip.text.ensure_single_trailing_newline` (same behaviour).',
      '',
      'Example: `aip.text.ensure_single_ending_newline("x") -- "x\\n"`',
    ],
    ensureSingleTrailingNewline,
  ),
  {
    name: 'format_size',
    signature: "aip.text.format_size(bytes: integer|nil, lowest_unit?: 'B'|'KB'|'MB'|'GB') -> string|nil",
    doc: [
      'Format a byte count as a 9-character, right-aligned size with decimal units (1 KB = 1000 B), for aligned listings.',
      '',
      '- `bytes`: the size (floats are rounded, negatives count as 0), or `nil` (returns `nil`).',
      '- `lowest_unit` (optional): smallest unit to show, `"B"` (default), `"KB"`, `"MB"`, `"GB"`; or a table `{lowest_unit?, trim?}` where `trim = true` removes the padding.',
      '',
      'Example: `aip.text.format_size(8777) -- "  8.78 KB"`',
    ].join('\n'),
    impl: (call, rawBytes, opt) => {
      const bytes = rawBytes instanceof LuaFloat ? rawBytes.value : rawBytes;
      if (bytes === undefined) return undefined;
      if (typeof bytes !== 'number') {
        throw new Error(`${call.fnName} - error converting Lua ${luaTypeName(bytes)} to integer (bytes argument must be a number)`);
      }
      let unit: string | undefined;
      let doTrim = false;
      if (typeof opt === 'string') unit = opt;
      else if (opt !== null && typeof opt === 'object' && !Array.isArray(opt)) {
        const o = opt as Record<string, unknown>;
        if (typeof o.lowest_unit === 'string') unit = o.lowest_unit;
        doTrim = o.trim === true;
      }
      const out = formatSize(Math.max(0, Math.round(bytes)), unit);
      return doTrim ? trim(out) : out;
    },
  },
  ...textLineEntries,
  stringFn(
    'trim',
    'aip.text.trim(s: string|nil) -> string|nil',
    ['Remove leading and trailing whitespace.', '', 'Example: `aip.text.trim("  hi  ") -- "hi"`'],
    trim,
  ),
  stringFn(
    'trim_start',
    'aip.text.trim_start(s: string|nil) -> string|nil',
    ['Remove leading whitespace.', '', 'Example: `aip.text.trim_start("  hi  ") -- "hi  "`'],
    trimStart,
  ),
  stringFn(
    'trim_end',
    'aip.text.trim_end(s: string|nil) -> string|nil',
    ['Remove trailing whitespace.', '', 'Example: `aip.text.trim_end("  hi  ") -- "  hi"`'],
    trimEnd,
  ),
];

function removeLines(s: string, n: number, first: boolean): string {
  return first ? removeFirstLines(s, n) : removeLastLines(s, n);
}

export const textCatalog: ModuleCatalog = {
  module: 'text',
  doc: 'Text helpers: trim, split, line removal, truncation, marker replacement, sizes. Every function accepts `nil` content and returns `nil`.',
  entries,
};
