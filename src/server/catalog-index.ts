/**
 * The aip catalog seen from the editor (house rule 2): the same ModuleCatalog
 * entries the Lua engine registers, indexed by module and function name.
 * Importing the catalogs is cheap: heavy libraries load on first call.
 */
import type { CatalogEntry, ModuleCatalog } from '../runtime/script/catalog';
import { ALL_CATALOGS } from '../runtime/script/aip/index';
import { parseSignature, returnTypeName } from './catalog-sig';
import { closest } from './suggest';

export interface CatalogIndex {
  modules: Map<string, ModuleCatalog>;
  entries: Map<string, Map<string, CatalogEntry>>;
}

let cached: CatalogIndex | undefined;

export function catalogIndex(catalogs: readonly ModuleCatalog[] = ALL_CATALOGS): CatalogIndex {
  if (catalogs === ALL_CATALOGS && cached) return cached;
  const modules = new Map<string, ModuleCatalog>();
  const entries = new Map<string, Map<string, CatalogEntry>>();
  for (const c of catalogs) {
    modules.set(c.module, c);
    const m = entries.get(c.module) ?? new Map<string, CatalogEntry>();
    for (const e of c.entries) m.set(e.name, e);
    entries.set(c.module, m);
  }
  const idx = { modules, entries };
  if (catalogs === ALL_CATALOGS) cached = idx;
  return idx;
}

export type AipRefCheck =
  | { ok: true }
  | { ok: false; part: 'module' | 'function'; message: string };

/** Check `aip.<module>.<name>` parts against the catalog; `parts` excludes `aip`. */
export function checkAipRef(idx: CatalogIndex, module: string, name: string | undefined): AipRefCheck {
  const cat = idx.modules.get(module);
  if (!cat) {
    const hint = closest(module, idx.modules.keys());
    return { ok: false, part: 'module', message: `Unknown module 'aip.${module}'${hint ? ` - did you mean 'aip.${hint}'?` : ''}` };
  }
  if (name === undefined) return { ok: true };
  if (idx.entries.get(module)!.has(name)) return { ok: true };
  if (cat.constants && name in cat.constants) return { ok: true };
  const names = [...idx.entries.get(module)!.keys(), ...Object.keys(cat.constants ?? {})];
  const hint = closest(name, names);
  return {
    ok: false,
    part: 'function',
    message: `Unknown function 'aip.${module}.${name}'${hint ? ` - did you mean 'aip.${module}.${hint}'?` : ''}`,
  };
}

/** The single type a catalog function returns (`FileRecord`), for field completion and hover. */
export function returnTypeOf(module: string, name: string): string | undefined {
  const e = catalogIndex().entries.get(module)?.get(name);
  return e ? returnTypeName(parseSignature(e)) : undefined;
}
