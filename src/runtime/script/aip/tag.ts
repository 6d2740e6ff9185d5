/**
 * `aip.tag` (§8.13): extract XML-like tagged blocks (`<FILE path="a.rs">…</FILE>`,
 * self-closing `<DONE/>`) by tag name. Reproduces the original's scanner (markex):
 * plain substring search, no nesting, attributes parsed from the opening tag; an opening
 * tag without its closing tag ends the scan.
 */
import type { CallContext, CatalogEntry, ModuleCatalog } from '../catalog';
import { argString, LuaFloat, luaTypeName } from '../catalog';
import { isWhitespace, trim, trimEnd, trimStart } from './md-support';
import { luaNumberText } from './lua-number';

export interface TagElem {
  tag: string;
  /** Attributes of the opening tag; absent when there are none. */
  attrs?: Record<string, string>;
  content: string;
}

interface Found extends TagElem {
  start: number;
  /** Index of the last character of the element (its closing `>`). */
  end: number;
}

/** `key="v" k2='v' k3=v flag` → map; `undefined` when empty. Unquoted values end at whitespace. */
export function parseTagAttrs(raw: string): Record<string, string> | undefined {
  let cur = trim(raw);
  if (cur === '') return undefined;
  const attrs: Record<string, string> = {};
  let any = false;
  while (cur !== '') {
    cur = trimStart(cur);
    if (cur === '') break;
    let keyEnd = 0;
    while (keyEnd < cur.length && cur[keyEnd] !== '=' && !isWhitespace(cur[keyEnd])) keyEnd++;
    const key = cur.slice(0, keyEnd);
    cur = trimStart(cur.slice(keyEnd));
    let value = '';
    if (cur.startsWith('=')) {
      cur = trimStart(cur.slice(1));
      if (cur !== '') {
        const q = cur[0];
        if (q === '"' || q === "'") {
          cur = cur.slice(1);
          const endQ = cur.indexOf(q);
          if (endQ >= 0) {
            value = cur.slice(0, endQ);
            cur = cur.slice(endQ + 1);
          } else {
            value = cur;
            cur = '';
          }
        } else {
          let vEnd = 0;
          while (vEnd < cur.length && !isWhitespace(cur[vEnd])) vEnd++;
          value = cur.slice(0, vEnd);
          cur = cur.slice(vEnd);
        }
      }
    }
    if (key !== '') {
      attrs[key] = value;
      any = true;
    }
  }
  return any ? attrs : undefined;
}

function findNextTag(input: string, names: string[], from: number): { elem?: Found; next: number } {
  let pos = from;
  while (pos < input.length) {
    let start = -1;
    let name = '';
    for (const n of names) {
      const i = input.indexOf(`<${n}`, pos);
      if (i >= 0 && (start < 0 || i < start || (i === start && n.length > name.length))) {
        start = i;
        name = n;
      }
    }
    if (start < 0) return { next: input.length };
    const after = start + 1 + name.length;
    const c = input[after];
    if (!(c === '>' || c === '/' || c === ' ' || c === '\n' || c === '\t' || c === '\r')) {
      // A longer tag name (`<FILEX`): keep looking after this `<`.
      pos = start + 1;
      continue;
    }
    const openEnd = input.indexOf('>', start);
    if (openEnd < 0) return { next: input.length };
    const body = input.slice(after, openEnd);
    const selfClosing = body.endsWith('/');
    const attrs = parseTagAttrs(selfClosing ? trimEnd(body.slice(0, -1)) : body);
    const base = { tag: name, ...(attrs ? { attrs } : {}) };
    if (selfClosing) return { elem: { ...base, content: '', start, end: openEnd }, next: openEnd + 1 };
    const endTag = `</${name}>`;
    const closeAt = openEnd + 1 >= input.length ? -1 : input.indexOf(endTag, openEnd + 1);
    if (closeAt < 0) return { next: input.length };
    const end = closeAt + endTag.length - 1;
    return { elem: { ...base, content: input.slice(openEnd + 1, closeAt), start, end }, next: end + 1 };
  }
  return { next: input.length };
}

/** All elements in order, and the text outside them (concatenated). */
export function extractTags(input: string, names: string[]): { elems: TagElem[]; rest: string } {
  const elems: TagElem[] = [];
  const texts: string[] = [];
  let pos = 0;
  let last = 0;
  for (;;) {
    const { elem, next } = findNextTag(input, names, pos);
    if (!elem) break;
    if (elem.start > last) texts.push(input.slice(last, elem.start));
    const { start: _s, end: _e, ...plain } = elem;
    elems.push(plain);
    last = elem.end + 1;
    pos = next;
  }
  if (last < input.length) texts.push(input.slice(last));
  return { elems, rest: texts.join('') };
}

// aipack's texts (aip_tag.rs `validate_and_normalize_tag_names`): every tag function says
// `aip.tag.extract`, and the list checks carry mlua's conversion wording.
const TAG_NAMES_CTX = 'aip.tag.extract tag_names';

function tagNames(_call: CallContext, v: unknown): string[] {
  if (v === undefined) throw new Error('aip.tag.extract requires tag_names');
  let names: string[];
  if (typeof v === 'string') names = [v];
  else if (Array.isArray(v)) {
    names = v.map((x) => {
      if (typeof x === 'string') return x;
      const n = luaNumberText(x);
      if (n !== undefined) return n;
      throw new Error(`error converting Lua table to Vec<String> (${TAG_NAMES_CTX} - Table contains non-string values)`);
    });
  } else if (v !== null && typeof v === 'object' && Object.keys(v).length === 0) names = [];
  else throw new Error(`error converting Lua unknown to Vec<String> (${TAG_NAMES_CTX} - Expected a string or a list of strings)`);
  const trimmed = names.map((n) => trim(n));
  if (trimmed.some((n) => n === '')) throw new Error('tag_names cannot contain empty entries after trimming');
  if (trimmed.length === 0) throw new Error('tag_names list must not be empty');
  return trimmed;
}

function extrudeOption(call: CallContext, v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v !== 'object' || Array.isArray(v) || v instanceof LuaFloat) {
    throw new Error(`${call.fnName} - expected <table> for parameter 'options' but got ${luaTypeName(v)}`);
  }
  const e = (v as Record<string, unknown>).extrude;
  if (typeof e !== 'string') return false;
  if (e !== 'content') throw new Error(`${call.fnName} - extrude must be = to 'content' for now`);
  return true;
}

function tagEntry(name: string, signature: string, doc: string[], shape: (elems: TagElem[]) => unknown): CatalogEntry {
  return {
    name,
    signature,
    doc: doc.join('\n'),
    multi: true,
    impl: (call, content, names, opts) => {
      const text = luaNumberText(content) ?? argString(call, content, 'content');
      const list = tagNames(call, names);
      const extrude = extrudeOption(call, opts);
      const { elems, rest } = extractTags(text, list);
      return extrude ? [shape(elems), rest] : [shape(elems)];
    },
  };
}

const COMMON = [
  '- `content`: the text to scan.',
  '- `names`: a tag name or a list of names (trimmed, case-sensitive).',
  '- `opts` (optional): `{extrude = "content"}` to also return the text outside the tags as a second value.',
  '',
  'A `TagElem` is `{tag, attrs?, content}`; `attrs` holds the opening tag attributes (`nil` when none). Tags do not nest; an opening tag without its closing tag stops the scan.',
  'Errors when `names` is missing, empty, or has an empty name.',
];

export const tagCatalog: ModuleCatalog = {
  module: 'tag',
  doc: 'Extract XML-like tagged blocks (`<NAME attr="v">…</NAME>`, `<NAME/>`) from text, e.g. from an AI answer.',
  entries: [
    tagEntry(
      'extract',
      "aip.tag.extract(content: string, names: string|string[], opts?: {extrude?: 'content'}) -> TagElem[] (, rest)",
      ['Extract the tagged blocks, in order of appearance.', '', ...COMMON, '', 'Example: `local files = aip.tag.extract(ai_response.content, "FILE")`'],
      (elems) => elems,
    ),
    tagEntry(
      'extract_as_map',
      'aip.tag.extract_as_map(content: string, names: string|string[], opts?) -> {[tag]: TagElem} (, rest)',
      [
        'Extract the tagged blocks into a table keyed by tag name; when a tag occurs several times, the last one wins.',
        '',
        ...COMMON,
        '',
        'Example: `local m = aip.tag.extract_as_map(text, {"PLAN", "CODE"}); print(m.PLAN.content)`',
      ],
      (elems) => {
        const map: Record<string, TagElem> = {};
        for (const e of elems) map[e.tag] = e;
        return map;
      },
    ),
    tagEntry(
      'extract_as_multi_map',
      'aip.tag.extract_as_multi_map(content: string, names: string|string[], opts?) -> {[tag]: TagElem[]} (, rest)',
      [
        'Extract the tagged blocks into a table keyed by tag name, each holding the list of its occurrences in order.',
        '',
        ...COMMON,
        '',
        'Example: `local m = aip.tag.extract_as_multi_map(text, "FILE"); for _, f in ipairs(m.FILE or {}) do … end`',
      ],
      (elems) => {
        const map: Record<string, TagElem[]> = {};
        for (const e of elems) (map[e.tag] ??= []).push(e);
        return map;
      },
    ),
  ],
};
