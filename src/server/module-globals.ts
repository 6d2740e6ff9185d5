/**
 * The pack's Lua modules (`lua/*.lua`) as the server sees them: a model per
 * file (cached by modification time, so an edit on disk is seen at the next
 * check), the globals they set, and the fields of the table they return.
 */
import * as fs from 'node:fs';
import { type AgentEnv, resolveRequire } from './agent-env';
import { type LuaModel, luaModel } from './lua-model';
import type { LuaRefs } from './lua-refs';
import { returnTypeOf } from './catalog-index';

const files = new Map<string, { mtimeMs: number; size: number; model: LuaModel; text: string }>();

/** Model of a module file, or undefined when it cannot be read. */
export function moduleFile(path: string): { model: LuaModel; text: string } | undefined {
  let st: fs.Stats;
  try {
    st = fs.statSync(path);
  } catch {
    files.delete(path);
    return undefined;
  }
  const hit = files.get(path);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit;
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const entry = { mtimeMs: st.mtimeMs, size: st.size, model: luaModel(text, returnTypeOf), text };
  files.set(path, entry);
  return entry;
}

/**
 * Globals the required modules set (and the modules they require). Undefined
 * when one cannot be read or parsed, or when there is no environment to find
 * them: undefined globals are then not reported at all.
 */
export function externalGlobals(refs: LuaRefs, env: AgentEnv | undefined): Set<string> | undefined {
  const out = new Set<string>();
  const seen = new Set<string>();
  const visit = (names: string[]): boolean => {
    for (const name of names) {
      if (!env) {
        if (resolveRequire([], name).kind === 'builtin') continue;
        return false;
      }
      const res = resolveRequire(env.requireRoots, name);
      if (res.kind === 'builtin') continue;
      if (res.kind === 'missing') return false;
      if (seen.has(res.path)) continue;
      seen.add(res.path);
      const m = moduleFile(res.path);
      if (!m || m.model.error) return false;
      for (const g of m.model.globals) if (g.write) out.add(g.name);
      if (!visit(m.model.requires.map((r) => r.name))) return false;
    }
    return true;
  };
  return visit(refs.requires.map((r) => r.value)) ? out : undefined;
}

/**
 * True for a `.lua` file that belongs to agents: under a `lua/` folder whose
 * parent holds a `pack.toml` or an `.aip` file. Other Lua in the workspace
 * (editor configs, game scripts) is left to other tools.
 */
export function isAgentModule(filePath: string): boolean {
  const parts = filePath.split(/[\\/]/);
  const at = parts.lastIndexOf('lua');
  if (at <= 0 || at === parts.length - 1) return false;
  const root = parts.slice(0, at).join('/') || '/';
  try {
    return fs.readdirSync(root).some((n) => n === 'pack.toml' || n.endsWith('.aip'));
  } catch {
    return false;
  }
}
