/**
 * Completion for `.aip` files, from the text before the cursor and where the
 * cursor sits (section, fence): `aip.` modules and functions from the
 * catalog, `CTX.` keys, stage variables, `# Options` keys and models, section
 * headings and prompt-template variables.
 */
import { AGENT_OPTION_KEYS } from '../runtime/config/options';
import { CODE_SECTIONS } from '../runtime/agent/headings';
import { type AipDocument, sectionAt } from './aip-doc';
import { catalogIndex } from './catalog-index';
import { HEADING_TITLES } from './diagnostics';
import { CTX_KEYS, GLOBALS, stageVariables, templateVariables } from './lua-scope';
import type { LuaStage } from './aip-doc';
import { completeLuaCode, type LuaCompletionEnv } from './lua-complete';
import { modelOf, stageSource, stageSourceAt } from './lua-source';
import { type Position, type Range, range } from './types';

export type CompletionKind = 'module' | 'function' | 'constant' | 'property' | 'variable' | 'keyword' | 'value';

export interface AipCompletionItem {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Replaces `range` with `newText` when given. */
  textEdit?: { range: Range; newText: string };
  sortText?: string;
}

export interface CompletionEnv extends LuaCompletionEnv {
  /** Aliases (alias → model) and known model names for `model = "…"`. */
  models?: { aliases: Record<string, string>; names: string[] };
}

export const OPTION_DOCS: Record<string, string> = {
  model: 'Model name or alias (may carry a reasoning suffix like `-low` and a `provider::` namespace).',
  temperature: 'Sampling temperature sent with the chat request (a number).',
  top_p: 'Nucleus sampling `top_p` sent with the chat request (a number).',
  input_concurrency: 'How many tasks run at once (a positive integer).',
  allow_run_on_task_fail: 'When true, a failing task gives `{error = "…"}` as its output and the run continues.',
  model_aliases: 'Alias table, e.g. `model_aliases = { fast = "gpt-5.4-mini" }`, merged key by key with the config aliases.',
};

const LUA_STAGES = new Set<string>(['BeforeAll', 'Data', 'Output', 'AfterAll']);
const PART_KINDS = new Set<string>(['System', 'Instruction', 'Assistant']);

export function complete(d: AipDocument, pos: Position, env: CompletionEnv = {}): AipCompletionItem[] {
  const lineText = d.lines[pos.line];
  if (lineText === undefined) return [];
  const prefix = lineText.slice(0, pos.character);
  const info = d.lineInfo[pos.line];
  const section = sectionAt(d, pos.line);

  if (info.fence === undefined) {
    const heading = /^#(?!#)(\s*)([\w ]*)$/.exec(prefix);
    if (heading) {
      const start = 1 + heading[1].length;
      const r = range(pos.line, start, pos.line, pos.character);
      return HEADING_TITLES.map((title, i) => ({
        label: title,
        kind: 'keyword' as const,
        detail: CODE_SECTIONS.get(title.toLowerCase()) ? 'code stage' : title === 'Options' ? 'options' : 'prompt part',
        textEdit: { range: r, newText: heading[1] === '' ? ` ${title}` : title },
        sortText: String(i).padStart(2, '0'),
      }));
    }
  }

  if (section?.kind === 'Options' && info.fence?.startsWith('toml')) return completeOptions(prefix, pos, env);

  if (info.fence?.startsWith('lua')) {
    const stage = section && LUA_STAGES.has(section.kind) ? (section.kind as LuaStage) : undefined;
    const src = stage ? stageSourceAt(d, pos) : undefined;
    return completeLua(prefix, stage, src ? (p) => completeLuaCode(src, pos, p, env) : undefined);
  }

  if (section && PART_KINDS.has(section.kind)) {
    // Inside an open `{{ … ` (also after a block helper like `{{#each `), at a word without a dot.
    const open = prefix.lastIndexOf('{{');
    if (open >= 0 && !prefix.includes('}}', open)) {
      const expr = prefix.slice(open + 2);
      const field = /(?:^|[\s(#])(data|before_all)\.(\w*)$/.exec(expr);
      if (field) return templateFields(d, field[1] as 'data' | 'before_all');
      if (/^~?#\s*\w*$/.test(expr)) return BLOCK_HELPERS.map((h) => ({ label: h, kind: 'keyword' as const, detail: 'block helper' }));
      if (/(?:^|[\s({#/])\w*$/.test(expr)) {
        const vars = templateVariables().map((v) => ({ label: v.name, kind: 'variable' as const, documentation: v.doc, sortText: `0${v.name}` }));
        // At the start of `{{ … }}` or inside `(…)`, a value helper may come too.
        const helpers = /^~?\s*\w*$|\(\w*$/.test(expr) ? VALUE_HELPERS.map((h) => ({ label: h, kind: 'function' as const, detail: 'helper', sortText: `1${h}` })) : [];
        return [...vars, ...helpers];
      }
    }
  }
  return [];
}

const BLOCK_HELPERS = ['if', 'unless', 'each', 'with', 'raw'];
const VALUE_HELPERS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'and', 'or', 'not', 'len', 'lookup'];

/** `{{data.` / `{{before_all.`: the keys the Data / Before All stage returns, as far as the code shows. */
function templateFields(d: AipDocument, root: 'data' | 'before_all'): AipCompletionItem[] {
  const stage = root === 'data' ? 'Data' : 'BeforeAll';
  const sb = d.stageBlocks.find((b) => b.stage === stage);
  if (!sb) return [];
  const keys = modelOf(stageSource(sb)).returnKeys;
  const names = new Set(root === 'data' ? [...keys.plain, ...keys.data] : [...keys.plain, ...keys.before_all]);
  return [...names].map((n) => ({ label: n, kind: 'property' as const, detail: `returned by # ${root === 'data' ? 'Data' : 'Before All'}` }));
}

function completeOptions(prefix: string, pos: Position, env: CompletionEnv): AipCompletionItem[] {
  if (/^\s*[A-Za-z_]*$/.test(prefix)) {
    return AGENT_OPTION_KEYS.map((key) => ({ label: key, kind: 'property' as const, documentation: OPTION_DOCS[key] }));
  }
  const m = /^\s*model\s*=\s*"([^"]*)$/.exec(prefix);
  if (!m || !env.models) return [];
  const r = range(pos.line, pos.character - m[1].length, pos.line, pos.character);
  const items: AipCompletionItem[] = [];
  const seen = new Set<string>();
  for (const [alias, target] of Object.entries(env.models.aliases)) {
    seen.add(alias);
    items.push({ label: alias, kind: 'value', detail: `alias → ${target}`, textEdit: { range: r, newText: alias }, sortText: `0${alias}` });
  }
  for (const name of env.models.names) {
    if (seen.has(name)) continue;
    seen.add(name);
    items.push({ label: name, kind: 'value', detail: 'model', textEdit: { range: r, newText: name }, sortText: `1${name}` });
  }
  return items;
}

/** Lua completion: `aip.`/`CTX.` chains here, plain Lua (locals, fields, std library, keywords) from `code`. */
export function completeLua(prefix: string, stage: LuaStage | undefined, code?: (prefix: string) => AipCompletionItem[] | undefined): AipCompletionItem[] {
  if (code && /\brequire\s*\(?\s*["'][\w./-]*$/.test(prefix)) return code(prefix) ?? [];
  // Inside a comment or an open string: nothing to complete.
  if (/--/.test(prefix.replace(/"[^"]*"|'[^']*'/g, '')) || oddQuotes(prefix)) return [];

  const idx = catalogIndex();
  const fn = /(?:^|[^.\w])aip\.(\w+)\.(\w*)$/.exec(prefix);
  if (fn) {
    const cat = idx.modules.get(fn[1]);
    if (!cat) return [];
    const items: AipCompletionItem[] = cat.entries.map((e) => ({
      label: e.name,
      kind: 'function' as const,
      detail: e.signature,
      documentation: e.doc,
    }));
    for (const [name, value] of Object.entries(cat.constants ?? {})) {
      items.push({ label: name, kind: 'constant', detail: `aip.${cat.module}.${name} = ${JSON.stringify(value)}` });
    }
    return items;
  }
  if (/(?:^|[^.\w])aip\.(\w*)$/.test(prefix)) {
    return [...idx.modules.values()].map((c) => ({
      label: c.module,
      kind: 'module' as const,
      detail: `aip.${c.module} (${c.entries.length} functions)`,
      documentation: c.doc,
    }));
  }
  if (/(?:^|[^.\w])CTX\.(\w*)$/.test(prefix)) {
    return CTX_KEYS.filter((c) => !stage || !c.stages || c.stages.includes(stage)).map((c) => ({ label: c.name, kind: 'constant' as const, detail: `CTX.${c.name}: ${c.type}`, documentation: c.doc }));
  }
  const fromCode = code?.(prefix);
  if (/(?:^|[^.:\w])\w*$/.test(prefix)) {
    const vars = stage ? stageVariables(stage) : [];
    const items: AipCompletionItem[] = [
      ...vars.map((v) => ({ label: v.name, kind: 'variable' as const, detail: `${stage} stage variable`, documentation: v.doc, sortText: `1${v.name}` })),
      ...GLOBALS.map((g) => ({ label: g.name, kind: 'variable' as const, detail: 'global', documentation: g.doc, sortText: `1${g.name}` })),
    ];
    // Locals shadow the globals of the same name.
    const shadowed = new Set((fromCode ?? []).map((i) => i.label));
    return [...(fromCode ?? []), ...items.filter((i) => !shadowed.has(i.label))];
  }
  return fromCode ?? [];
}

function oddQuotes(prefix: string): boolean {
  let q: string | undefined;
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix[i];
    if (q) {
      if (c === '\\') i++;
      else if (c === q) q = undefined;
    } else if (c === '"' || c === "'") q = c;
  }
  return q !== undefined;
}
