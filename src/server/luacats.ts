/**
 * LuaCATS definitions (the annotation format of lua-language-server) of the
 * aip API, generated from the catalog, so pack `.lua` modules edited with
 * lua-language-server get `aip.*`, `CTX`, the global helpers and the stage
 * variables typed. `scripts/gen-luacats.ts` writes the output to
 * `media/luacats/aip.lua`, which the extension ships.
 */
import { ALL_CATALOGS } from '../runtime/script/aip/index';
import type { ModuleCatalog } from '../runtime/script/catalog';
import { parseSignature, splitTop } from './catalog-sig';
import { CTX_KEYS, GLOBALS, STAGE_VARIABLES } from './lua-scope';
import { LUA_KEYWORDS, TYPE_FIELDS } from './lua-types';

const KNOWN_CLASSES = new Set(Object.keys(TYPE_FIELDS));

/** A catalog type written as a LuaCATS type. */
export function catsType(type: string): string {
  const t = type.trim();
  if (!t) return 'any';
  const alts = splitTop(t, '|').map((a) => a.trim());
  if (alts.length > 1) return [...new Set(alts.map(catsType))].join('|');
  if (t.endsWith('[]')) {
    const inner = t.slice(0, -2);
    return inner.startsWith('[') ? 'table[]' : `${catsType(inner)}[]`;
  }
  if (['string', 'number', 'integer', 'boolean', 'nil', 'any', 'table', 'function'].includes(t)) return t;
  if (/^base\d+ string$/.test(t)) return 'string';
  if (t === 'null') return 'nil';
  if (/^[A-Z]\w*$/.test(t)) return KNOWN_CLASSES.has(t) ? t : 'table';
  return 'table';
}

function comment(text: string): string[] {
  return text.split('\n').map((l) => (l ? `--- ${l}` : '---'));
}

function moduleLines(cat: ModuleCatalog): string[] {
  const out: string[] = ['', ...comment(cat.doc), `---@class aip.${cat.module}`];
  for (const [k, v] of Object.entries(cat.constants ?? {})) out.push(`---@field ${k} ${typeof v === 'number' ? 'number' : typeof v}`);
  out.push(`aip.${cat.module} = {}`);
  for (const e of cat.entries) {
    const sig = parseSignature(e);
    out.push('', ...comment(e.doc), '---');
    out.push(`--- \`${e.signature}\``);
    const names: string[] = [];
    for (const p of sig.params) {
      // A parameter named like a Lua keyword (`end`) gets a trailing underscore.
      const name = p.variadic ? '...' : LUA_KEYWORDS.includes(p.name) ? `${p.name}_` : p.name;
      names.push(name);
      const opt = p.optional && !p.variadic ? '?' : '';
      out.push(`---@param ${name}${opt} ${catsType(p.type)}`);
    }
    if (sig.returns) {
      const arrow = e.signature.lastIndexOf('->');
      const parts = splitTop(e.signature.slice(arrow + 2).replace(/\(,[^)]*\)/g, ''), ',').map((r) => r.trim()).filter(Boolean);
      for (const r of parts) {
        const named = /^(\w+):\s*(.+)$/.exec(r);
        out.push(named ? `---@return ${catsType(named[2])} ${named[1]}` : `---@return ${catsType(r)}`);
      }
    }
    out.push(`function aip.${cat.module}.${e.name}(${names.join(', ')}) end`);
  }
  return out;
}

const STAGE_VARIABLE_CATS: Record<string, string> = {
  inputs: 'any[]|nil',
  outputs: 'any[]|nil',
  input: 'any',
  data: 'any',
  before_all: 'any',
  ai_response: 'AiResponse|nil',
  options: 'AgentOptions',
};

export function generateLuaCats(catalogs: readonly ModuleCatalog[] = ALL_CATALOGS): string {
  const out: string[] = [
    '---@meta aip',
    '-- Types of the AIPack Lua API for lua-language-server.',
    '-- Generated from the aip catalog (src/server/luacats.ts, scripts/gen-luacats.ts): do not edit.',
  ];
  for (const [name, fields] of Object.entries(TYPE_FIELDS)) {
    out.push('', `---@class ${name}`);
    for (const f of fields) {
      const opt = f.type.endsWith('?') ? '?' : '';
      out.push(`---@field ${f.name}${opt} ${catsType(f.type.replace(/\?$/, '').replace('string|table', 'string | table'))}${f.doc ? ` ${f.doc}` : ''}`);
    }
  }
  out.push('', '--- The AIPack API.', '---@class aip', 'aip = {}');
  for (const cat of catalogs) out.push(...moduleLines(cat));
  out.push('', '--- Run context (read only).', '---@class CTX');
  for (const k of CTX_KEYS) out.push(`---@field ${k.name} ${k.type === 'integer' ? 'integer' : 'string'} ${k.doc.replace(/\n/g, ' ')}`);
  out.push('CTX = {}');
  out.push('', '--- The null sentinel: a JSON null kept in tables.', 'null = {}');
  for (const g of GLOBALS) {
    if (['aip', 'CTX', 'null', 'print'].includes(g.name)) continue;
    out.push('', ...comment(g.doc), '---@param ... any', '---@return any', `function ${g.name}(...) end`);
  }
  out.push('', '-- Stage variables (set in some stages only; see the AIPack docs).');
  for (const name of new Set(Object.values(STAGE_VARIABLES).flat())) {
    out.push(`---@type ${STAGE_VARIABLE_CATS[name] ?? 'any'}`, `${name} = nil`);
  }
  return out.join('\n') + '\n';
}
