/**
 * Completion of plain Lua in a stage or a module: locals in scope (with the
 * type guessed from their value), keywords, the standard library and its
 * members, fields of a required module (`local h = require("helpers")`,
 * `h.`), fields of what a catalog function returns (`local f =
 * aip.file.load(p)`, `f.`), fields of local tables, and module names inside
 * `require("`. The `aip.`/`CTX.` chains are completed by completion.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AipCompletionItem } from './completion';
import { resolveRequire } from './agent-env';
import { LUA_GLOBALS } from './lua-rules';
import { type LuaModel, type LuaSymbol, type ValueInfo, visibleAt } from './lua-model';
import { type LuaSource, editingModel, offsetOf } from './lua-source';
import { LUA_KEYWORDS, STAGE_VARIABLE_TYPES, STD_MEMBERS, TYPE_FIELDS } from './lua-types';
import { moduleFile } from './module-globals';
import type { Position } from './types';

export interface LuaCompletionEnv {
  /** Folders whose `lua/` holds the modules `require` finds (agent dir, pack dir). */
  requireRoots?: string[];
}

/** The table a `require`d module returns, from its file. */
export function moduleExports(roots: string[] | undefined, name: string): { path: string; symbol: LuaSymbol; model: LuaModel } | undefined {
  if (!roots) return undefined;
  const res = resolveRequire(roots, name);
  if (res.kind !== 'file') return undefined;
  const m = moduleFile(res.path);
  const sym = m?.model.returned;
  return sym ? { path: res.path, symbol: sym, model: m.model } : undefined;
}

export function describeValue(v: ValueInfo): string {
  if (v.module) return `module "${v.module}"`;
  if (v.typeName) return v.typeName;
  if (v.literal === 'function') return `function(${(v.params ?? []).join(', ')})`;
  return v.literal === 'unknown' ? 'any' : v.literal;
}

/** Fields reachable after `name.` for a local or stage variable, with their kind and doc. */
export function fieldsOf(model: LuaModel, offset: number, name: string, env: LuaCompletionEnv): AipCompletionItem[] | undefined {
  const sym = visibleAt(model, offset).find((s) => s.name === name);
  if (!sym) {
    if (STD_MEMBERS[name] && !model.symbols.some((s) => s.name === name)) {
      return STD_MEMBERS[name].map((m) => ({ label: m, kind: 'function' as const, detail: `${name}.${m}` }));
    }
    const t = STAGE_VARIABLE_TYPES[name];
    return t ? typeFields(t) : undefined;
  }
  if (sym.value.module) {
    const mod = moduleExports(env.requireRoots, sym.value.module);
    if (!mod) return [];
    return [...mod.symbol.fields.values()].map((f) => ({
      label: f.name,
      kind: f.value.literal === 'function' ? ('function' as const) : ('property' as const),
      detail: `${sym.value.module}.${f.name}: ${describeValue(f.value)}`,
      documentation: f.doc,
    }));
  }
  if (sym.value.typeName) return typeFields(sym.value.typeName);
  if (sym.fields.size) {
    return [...sym.fields.values()].map((f) => ({ label: f.name, kind: f.value.literal === 'function' ? ('function' as const) : ('property' as const), detail: describeValue(f.value), documentation: f.doc }));
  }
  return undefined;
}

function typeFields(type: string): AipCompletionItem[] {
  return (TYPE_FIELDS[type] ?? []).map((f) => ({ label: f.name, kind: 'property' as const, detail: `${type}.${f.name}: ${f.type}`, documentation: f.doc }));
}

/** Module names `require` can load from the roots (`lua/a/b.lua` → `a.b`). */
function moduleNames(roots: string[]): string[] {
  const out = new Set<string>();
  const walk = (dir: string, prefix: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory() && depth < 4) walk(path.join(dir, e.name), `${prefix}${e.name}.`, depth + 1);
      else if (e.isFile() && e.name.endsWith('.lua')) out.add(e.name === 'init.lua' && prefix ? prefix.slice(0, -1) : prefix + e.name.slice(0, -4));
    }
  };
  for (const r of roots) walk(path.join(r, 'lua'), '', 0);
  return [...out].sort();
}

/**
 * Completion for a Lua line prefix. Returns undefined when the context is
 * not one of these (the caller then tries the `aip.`/`CTX.` completion).
 */
export function completeLuaCode(src: LuaSource, pos: Position, prefix: string, env: LuaCompletionEnv): AipCompletionItem[] | undefined {
  const req = /\brequire\s*\(?\s*["']([\w./-]*)$/.exec(prefix);
  if (req) return env.requireRoots ? moduleNames(env.requireRoots).map((n) => ({ label: n, kind: 'module' as const, detail: 'Lua module' })) : [];
  const offset = offsetOf(src, pos);
  if (offset === undefined) return undefined;
  const model = editingModel(src, pos);
  const member = /(?:^|[^.\w])([A-Za-z_]\w*)[.:](\w*)$/.exec(prefix);
  if (member) {
    if (member[1] === 'aip' || member[1] === 'CTX') return undefined;
    return fieldsOf(model, offset, member[1], env) ?? [];
  }
  if (!/(?:^|[^.:\w])\w*$/.test(prefix)) return undefined;
  const locals = visibleAt(model, offset).map(
    (s): AipCompletionItem => ({ label: s.name, kind: s.value.literal === 'function' ? 'function' : 'variable', detail: `local ${s.name}: ${describeValue(s.value)}`, documentation: s.doc, sortText: `0${s.name}` }),
  );
  const seen = new Set(locals.map((l) => l.label));
  const std = LUA_GLOBALS.filter((g) => !seen.has(g)).map(
    (g): AipCompletionItem => ({ label: g, kind: STD_MEMBERS[g] ? 'module' : 'function', detail: 'Lua standard library', sortText: `2${g}` }),
  );
  const keywords = LUA_KEYWORDS.map((k): AipCompletionItem => ({ label: k, kind: 'keyword', sortText: `3${k}` }));
  return [...locals, ...std, ...keywords];
}
