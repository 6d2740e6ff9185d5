/**
 * Hover and signature help for `aip.*` functions and `CTX` keys, from the
 * catalog entries (house rule 2). Hover on the `model` option is answered by
 * model-info (it needs the disk); this module only says when it applies.
 */
import type { CatalogEntry } from '../runtime/script/catalog';
import { type AipDocument, sectionAt } from './aip-doc';
import { catalogIndex } from './catalog-index';
import { OPTION_DOCS } from './completion';
import { type LuaCompletionEnv, moduleExports } from './lua-complete';
import { visibleAt } from './lua-model';
import { type LuaSource, editingModel, offsetOf, stageSourceAt } from './lua-source';
import { CTX_BY_NAME, GLOBALS, STAGE_VARIABLES, stageVariables } from './lua-scope';
import type { LuaStage } from './aip-doc';
import { type Position, type Range, range } from './types';

export interface AipHover {
  /** Markdown. */
  contents: string;
  range: Range;
}

/** The dotted name under the cursor, cut after the part the cursor is on: `aip.file|.load` → `aip.file`. */
function chainAt(line: string, character: number): { parts: string[]; start: number; end: number } | undefined {
  const isW = (c: string | undefined) => c !== undefined && /[\w.]/.test(c);
  let s = character;
  while (s > 0 && isW(line[s - 1])) s--;
  let e = character;
  while (e < line.length && /\w/.test(line[e])) e++;
  if (e === s) return undefined;
  const text = line.slice(s, e).replace(/^\.+/, '');
  const start = e - text.length;
  if (!text || /^\d/.test(text)) return undefined;
  return { parts: text.split('.'), start, end: e };
}

export function entryMarkdown(e: CatalogEntry): string {
  return '```lua\n' + e.signature + '\n```\n\n' + e.doc;
}

export function hoverAt(d: AipDocument, pos: Position): AipHover | undefined {
  const lineText = d.lines[pos.line];
  const info = d.lineInfo[pos.line];
  if (lineText === undefined || !info.fence?.startsWith('lua')) return undefined;
  const section = sectionAt(d, pos.line);
  const stage = section && section.kind in STAGE_VARIABLES ? (section.kind as LuaStage) : undefined;
  return hoverLuaLine(lineText, pos, stage);
}

/** Hover on `aip.*`, `CTX.*`, stage variables and runtime globals in a line of Lua. */
export function hoverLuaLine(lineText: string, pos: Position, stage: LuaStage | undefined): AipHover | undefined {
  const chain = chainAt(lineText, pos.character);
  if (!chain) return undefined;
  const r = range(pos.line, chain.start, pos.line, chain.end);
  const [root, a, b] = chain.parts;
  if (root === 'aip') {
    const idx = catalogIndex();
    if (a === undefined) return { contents: GLOBALS[0].doc, range: r };
    const cat = idx.modules.get(a);
    if (!cat) return undefined;
    if (b === undefined) {
      const names = cat.entries.map((e) => `\`${e.name}\``).join(', ');
      return { contents: `**aip.${a}**\n\n${cat.doc}\n\nFunctions: ${names}`, range: r };
    }
    const e = idx.entries.get(a)!.get(b);
    if (e) return { contents: entryMarkdown(e), range: r };
    if (cat.constants && b in cat.constants) return { contents: `\`aip.${a}.${b}\` = \`${JSON.stringify(cat.constants[b])}\``, range: r };
    return undefined;
  }
  if (root === 'CTX') {
    if (a === undefined) return { contents: GLOBALS[1].doc, range: r };
    const key = CTX_BY_NAME.get(a);
    return key ? { contents: `\`CTX.${key.name}\`: ${key.type}\n\n${key.doc}`, range: r } : undefined;
  }
  if (chain.parts.length === 1) {
    const v = stage ? stageVariables(stage).find((x) => x.name === root) : undefined;
    if (v) return { contents: `\`${v.name}\` (${stage} stage variable)\n\n${v.doc}`, range: r };
    const g = GLOBALS.find((x) => x.name === root);
    if (g) return { contents: g.doc, range: r };
  }
  return undefined;
}

/** The `model = "…"` value under the cursor in `# Options`, when hovering it. */
export function modelOptionAt(d: AipDocument, pos: Position): { value: string; range: Range } | undefined {
  const section = sectionAt(d, pos.line);
  if (section?.kind !== 'Options' || !d.lineInfo[pos.line].fence?.startsWith('toml')) return undefined;
  const m = /^(\s*model\s*=\s*)(["'])(.*?)\2/.exec(d.lines[pos.line]);
  if (!m) return undefined;
  const end = m[0].length;
  if (pos.character > end) return undefined;
  return { value: m[3], range: range(pos.line, 0, pos.line, end) };
}

export interface AipSignatureHelp {
  label: string;
  documentation: string;
  parameters: string[];
  activeParameter: number;
}

/** Parameters of a catalog signature: the top-level comma-separated parts between its parentheses. */
export function signatureParameters(signature: string): string[] {
  const open = signature.indexOf('(');
  if (open < 0) return [];
  const params: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = open + 1; i < signature.length; i++) {
    const c = signature[i];
    if (c === '(' || c === '{' || c === '[' || c === '<') depth++;
    else if (c === '}' || c === ']' || (c === '>' && signature[i - 1] !== '-')) depth--;
    else if (c === ')') {
      if (depth === 0) break;
      depth--;
    }
    if (c === ',' && depth === 0) {
      params.push(cur.trim());
      cur = '';
      continue;
    }
    cur += c;
  }
  if (cur.trim()) params.push(cur.trim());
  return params;
}

/**
 * Signature help inside a call, which may span lines: `aip.<module>.<fn>(…|`
 * from the catalog, or a local or required-module function from its
 * parameters. The text scanned is the stage code up to the cursor.
 */
export function signatureAt(d: AipDocument, pos: Position, env: LuaCompletionEnv = {}): AipSignatureHelp | undefined {
  const lineText = d.lines[pos.line];
  if (lineText === undefined || !d.lineInfo[pos.line].fence?.startsWith('lua')) return undefined;
  const src = stageSourceAt(d, pos);
  const offset = src && offsetOf(src, pos);
  const before = src && offset !== undefined ? src.code.slice(Math.max(0, offset - 8000), offset) : lineText.slice(0, pos.character);
  return signatureIn(before, src && offset !== undefined ? { src, offset, pos, env } : undefined);
}

/** Signature help for the text before the cursor (comments and strings are skipped). */
export function signatureIn(textBefore: string, lua?: { src: LuaSource; offset: number; pos: Position; env: LuaCompletionEnv }): AipSignatureHelp | undefined {
  const prefix = stripLuaComments(textBefore);
  // Walk back to the innermost unclosed `(`, counting top-level commas on the way.
  let quote: string | undefined;
  const opens: { at: number; commas: number }[] = [];
  const stack: number[] = [];
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote || c === '\n') quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '{') {
      stack.push(i);
      if (c === '(') opens.push({ at: i, commas: 0 });
    } else if (c === ')' || c === '}') {
      const at = stack.pop();
      if (at !== undefined && prefix[at] === '(') opens.pop();
    } else if (c === ',' && stack.length && prefix[stack[stack.length - 1]] === '(') {
      opens[opens.length - 1].commas++;
    }
  }
  const open = opens[opens.length - 1];
  if (!open) return undefined;
  const callee = prefix.slice(0, open.at);
  const active = (n: number) => Math.min(open.commas, Math.max(0, n - 1));
  const m = /(?:^|[^.\w])aip\.(\w+)\.(\w+)\s*$/.exec(callee);
  if (m) {
    const e = catalogIndex().entries.get(m[1])?.get(m[2]);
    if (!e) return undefined;
    const parameters = signatureParameters(e.signature);
    return { label: e.signature, documentation: e.doc, parameters, activeParameter: active(parameters.length) };
  }
  const local = lua && /(?:^|[^.:\w])([A-Za-z_]\w*)(?:([.:])([A-Za-z_]\w*))?\s*$/.exec(callee);
  if (!lua || !local) return undefined;
  const model = editingModel(lua.src, lua.pos);
  const owner = visibleAt(model, lua.offset).find((s) => s.name === local[1]);
  let params: string[] | undefined;
  let doc: string | undefined;
  let label: string;
  if (!local[3]) {
    if (owner?.value.literal !== 'function') return undefined;
    params = owner.value.params;
    doc = owner.doc;
    label = local[1];
  } else {
    const field = owner?.value.module ? moduleExports(lua.env.requireRoots, owner.value.module)?.symbol.fields.get(local[3]) : owner?.fields.get(local[3]);
    if (field?.value.literal !== 'function') return undefined;
    params = field.value.params;
    doc = field.doc;
    label = `${local[1]}${local[2]}${local[3]}`;
    if (local[2] === ':' && params?.[0] === 'self') params = params.slice(1);
  }
  const parameters = params ?? [];
  return { label: `${label}(${parameters.join(', ')})`, documentation: doc ?? '', parameters, activeParameter: active(parameters.length) };
}

/** Lua text with comments blanked (long ones too), strings kept. */
function stripLuaComments(text: string): string {
  return text.replace(/--\[(=*)\[[\s\S]*?(?:\]\1\]|$)|--[^\n]*/g, (c) => c.replace(/[^\n]/g, ' '));
}

const OPTION_TYPES: Record<string, string> = {
  model: 'string',
  temperature: 'number (0 to 2)',
  top_p: 'number (0 to 1)',
  input_concurrency: 'integer (1 or more)',
  allow_run_on_task_fail: 'boolean',
  model_aliases: 'table of string',
};

/** Hover on an option key of `# Options` (`temperature = 0.2`). */
export function optionKeyHover(d: AipDocument, pos: Position): AipHover | undefined {
  const section = sectionAt(d, pos.line);
  if (section?.kind !== 'Options' || !d.lineInfo[pos.line].fence?.startsWith('toml')) return undefined;
  const m = /^(\s*\[?\s*)([A-Za-z_]+)/.exec(d.lines[pos.line]);
  if (!m) return undefined;
  const start = m[1].length;
  const end = start + m[2].length;
  const doc = OPTION_DOCS[m[2]];
  if (!doc || pos.character < start || pos.character > end) return undefined;
  return { contents: `**${m[2]}**: ${OPTION_TYPES[m[2]]}\n\n${doc}`, range: range(pos.line, start, pos.line, end) };
}
