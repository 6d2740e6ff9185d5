/**
 * What a Lua name under the cursor is, for hover, definition, references and
 * rename: a local (declaration and every use in its scope), a field of a local
 * table (`function M.join()` … `M.join(x)`), a function of a required module
 * (`h.join` → `lua/helpers.lua`), or a field of a typed value (`file.content`).
 */
import type { FieldInfo, LuaSymbol, Loc } from './lua-model';
import { visibleAt } from './lua-model';
import { describeValue, type LuaCompletionEnv, moduleExports } from './lua-complete';
import { type LuaSource, editingModel, locRangeIn, moduleSource, offsetOf } from './lua-source';
import { STAGE_VARIABLE_TYPES, TYPE_FIELDS, type FieldDoc } from './lua-types';
import type { Position, Range } from './types';

export type LuaTarget =
  | { kind: 'local'; symbol: LuaSymbol }
  | { kind: 'field'; owner: LuaSymbol; field: FieldInfo }
  | { kind: 'module-field'; module: string; path: string; field: FieldInfo }
  | { kind: 'typed-field'; type: string; field: FieldDoc };

export interface LuaHit {
  target: LuaTarget;
  /** Range of the name under the cursor. */
  range: Range;
}

const within = (l: Loc, offset: number) => l.start <= offset && offset <= l.end;

export function luaTargetAt(src: LuaSource, pos: Position, env: LuaCompletionEnv = {}): LuaHit | undefined {
  const offset = offsetOf(src, pos);
  if (offset === undefined) return undefined;
  const model = editingModel(src, pos);
  for (const s of model.symbols) {
    for (const l of [s.decl, ...s.refs]) if (within(l, offset) && l.end > l.start) return { target: { kind: 'local', symbol: s }, range: locRangeIn(src, l) };
    for (const f of s.fields.values()) {
      for (const l of [f.decl, ...f.refs]) if (within(l, offset)) return { target: { kind: 'field', owner: s, field: f }, range: locRangeIn(src, l) };
    }
  }
  // `name.field` on a module or a typed value: read the text around the cursor.
  const lineNo = src.codeLine(pos.line)!;
  const line = src.code.slice(src.lineStarts[lineNo - 1], src.lineStarts[lineNo] ?? src.code.length);
  let s = pos.character;
  while (s > 0 && /\w/.test(line[s - 1])) s--;
  let e = pos.character;
  while (e < line.length && /\w/.test(line[e])) e++;
  const m = /([A-Za-z_]\w*)[.:]$/.exec(line.slice(0, s));
  if (!m || e === s) return undefined;
  const name = line.slice(s, e);
  const r: Range = { start: { line: pos.line, character: s }, end: { line: pos.line, character: e } };
  const owner = visibleAt(model, offset).find((x) => x.name === m[1]);
  if (owner?.value.module) {
    const mod = moduleExports(env.requireRoots, owner.value.module);
    const field = mod?.symbol.fields.get(name);
    if (mod && field) return { target: { kind: 'module-field', module: owner.value.module, path: mod.path, field }, range: r };
    return undefined;
  }
  const type = owner ? owner.value.typeName : STAGE_VARIABLE_TYPES[m[1]];
  const field = type ? TYPE_FIELDS[type]?.find((f) => f.name === name) : undefined;
  return type && field ? { target: { kind: 'typed-field', type, field }, range: r } : undefined;
}

export function luaHoverMarkdown(t: LuaTarget): string {
  switch (t.kind) {
    case 'local': {
      const s = t.symbol;
      const what = s.kind === 'param' ? 'param' : s.kind === 'for' ? 'loop variable' : 'local';
      const sig = s.value.literal === 'function' ? `local function ${s.name}(${(s.value.params ?? []).join(', ')})` : `${what} ${s.name}: ${describeValue(s.value)}`;
      return '```lua\n' + sig + '\n```' + (s.doc ? `\n\n${s.doc}` : '');
    }
    case 'field':
    case 'module-field': {
      const owner = t.kind === 'field' ? t.owner.name : t.module;
      const f = t.field;
      const sig = f.value.literal === 'function' ? `function ${owner}.${f.name}(${(f.value.params ?? []).join(', ')})` : `${owner}.${f.name}: ${describeValue(f.value)}`;
      const from = t.kind === 'module-field' ? `\n\n_from ${t.path}_` : '';
      return '```lua\n' + sig + '\n```' + (f.doc ? `\n\n${f.doc}` : '') + from;
    }
    case 'typed-field':
      return '```lua\n' + `${t.type}.${t.field.name}: ${t.field.type}` + '\n```' + (t.field.doc ? `\n\n${t.field.doc}` : '');
  }
}

export interface DocRange {
  /** Undefined: the document asked about. */
  path?: string;
  range: Range;
}

/** Declaration of the target. */
export function luaDefinition(src: LuaSource, t: LuaTarget): DocRange | undefined {
  if (t.kind === 'local') return { range: locRangeIn(src, t.symbol.decl) };
  if (t.kind === 'field') return { range: locRangeIn(src, t.field.decl) };
  if (t.kind === 'module-field') return { path: t.path, range: locRangeIn(moduleSource(''), t.field.decl) };
  return undefined;
}

/** Declaration and uses in this source (locals and fields of local tables). */
export function luaReferences(src: LuaSource, t: LuaTarget): Range[] {
  const locs = t.kind === 'local' ? [t.symbol.decl, ...t.symbol.refs] : t.kind === 'field' ? [t.field.decl, ...t.field.refs] : [];
  return locs
    .filter((l) => l.end > l.start)
    .sort((a, b) => a.start - b.start)
    .map((l) => locRangeIn(src, l));
}

/**
 * Every place of the target, across files for a module function: its
 * declaration and uses in the module file, and its uses through `h.name` in
 * this source. `path` undefined means the document asked about.
 */
export function luaReferencesAcross(src: LuaSource, t: LuaTarget, pos: Position): DocRange[] {
  if (t.kind !== 'module-field') return luaReferences(src, t).map((range) => ({ range }));
  const mod = moduleSource('');
  const inModule = [t.field.decl, ...t.field.refs].sort((a, b) => a.start - b.start).map((l) => ({ path: t.path, range: locRangeIn(mod, l) }));
  const here = editingModel(src, pos)
    .moduleRefs.filter((r) => r.module === t.module && r.field === t.field.name)
    .map((r) => ({ range: locRangeIn(src, r.loc) }));
  return [...here, ...inModule];
}

