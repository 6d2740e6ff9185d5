/**
 * `aip.md` (§8.8): fenced blocks, `#!meta` blocks, outer fence unwrapping, link references.
 */
import type { CallContext, ModuleCatalog } from '../catalog';
import { argString, luaTypeName } from '../catalog';
import { extractMdBlocks, extractMdRefs, outerBlockContentOrRaw } from './md-blocks';
import { extractMdMeta } from './md-meta';
import { optContent } from './text-support';
import { luaNumberText } from './lua-number';

/** `extract_blocks` second argument: a lang string, or `{lang?, extrude?}`. */
function blocksOptions(call: CallContext, v: unknown): { lang?: string; extrude: boolean } {
  if (typeof v === 'string') return { lang: v, extrude: false };
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return { extrude: false };
  const o = v as Record<string, unknown>;
  let lang: string | undefined;
  if (typeof o.lang === 'string') lang = o.lang;
  else if (luaNumberText(o.lang) !== undefined) lang = luaNumberText(o.lang);
  else if (o.lang !== undefined) {
    throw new Error(`${call.fnName} - lang option must be of type string, but was ${luaTypeName(o.lang)}`);
  }
  let extrude = false;
  if (typeof o.extrude === 'string') {
    if (o.extrude !== 'content') throw new Error(`${call.fnName} - extrude must be = to 'content' for now`);
    extrude = true;
  }
  return { lang, extrude };
}

export const mdCatalog: ModuleCatalog = {
  module: 'md',
  doc: 'Markdown helpers: extract fenced code blocks and `#!meta` blocks, unwrap an outer fence, list link references.',
  entries: [
    {
      name: 'extract_blocks',
      signature: "aip.md.extract_blocks(md: string, opt?: string|{lang?, extrude?: 'content'}) -> MdBlock[] (, rest: string)",
      doc: [
        'Extract fenced code blocks (three or four backticks; a four-backtick block may contain three-backtick lines).',
        '',
        '- `md`: the markdown text.',
        '- `opt` (optional): a language (`"lua"`; `""` = only fences without a language), or `{lang?: string, extrude?: "content"}`.',
        '',
        'Returns a list of `MdBlock` `{_type = "MdBlock", lang, content}` (`content` without the fences).',
        'With `extrude = "content"`, also returns the text outside the extracted blocks as a second value.',
        'Errors when `extrude` is another string.',
        '',
        'Example: `local blocks, rest = aip.md.extract_blocks(ai_response.content, {lang = "lua", extrude = "content"})`',
      ].join('\n'),
      multi: true,
      impl: (call, md, opt) => {
        const text = argString(call, md, 'md');
        const o = blocksOptions(call, opt);
        const { blocks, rest } = extractMdBlocks(text, o.lang);
        return o.extrude ? [blocks, rest] : [blocks];
      },
    },
    {
      name: 'extract_meta',
      signature: 'aip.md.extract_meta(md: string|nil) -> table|nil, string|nil',
      doc: [
        'Collect metadata blocks: fenced `toml`, `json`, `yaml`/`yml` blocks whose first line starts with `#!meta`. They are parsed and merged (later keys win, shallow) and removed from the text.',
        '',
        '- `md`: the markdown text, or `nil` (returns `nil, nil`).',
        '',
        'Returns `meta` (`{}` when there is none) and the remaining text (lines joined with `\\n`, no final newline).',
        'Errors when a meta block does not parse.',
        '',
        'Example: `local meta, body = aip.md.extract_meta(input.content)`',
      ].join('\n'),
      multi: true,
      impl: (call, md) => {
        const text = optContent(call, md);
        if (text === undefined) return [undefined, undefined];
        const { meta, rest } = extractMdMeta(text);
        return [meta, rest];
      },
    },
    {
      name: 'outer_block_content_or_raw',
      signature: 'aip.md.outer_block_content_or_raw(md: string) -> string',
      doc: [
        'Unwrap an answer that is one big fenced block: when the trimmed text starts with a fence, return the lines between the first and the last fence lines (plus `\\n`); otherwise return the text unchanged.',
        '',
        '- `md`: the text (typically `ai_response.content`).',
        '',
        'Example: `local code = aip.md.outer_block_content_or_raw(ai_response.content)`',
      ].join('\n'),
      impl: (call, md) => outerBlockContentOrRaw(argString(call, md, 'md')),
    },
    {
      name: 'extract_refs',
      signature: 'aip.md.extract_refs(md: string|nil) -> MdRef[]',
      doc: [
        'List links `[text](target)` and images `![alt](target)`, skipping fenced blocks and inline code.',
        '',
        '- `md`: the markdown text, or `nil` (returns an empty list).',
        '',
        'Returns `MdRef` items `{_type = "MdRef", target, text?, inline, kind}`: `inline` is true for images; `kind` is `"Anchor"` (target starts with `#`), `"Url"` (`http://`, `https://`, `//`) or `"File"`.',
        '',
        'Example: `for _, r in ipairs(aip.md.extract_refs(doc)) do if r.kind == "File" then print(r.target) end end`',
      ].join('\n'),
      impl: (call, md) => {
        const text = optContent(call, md);
        return text === undefined ? [] : extractMdRefs(text);
      },
    },
  ],
};
