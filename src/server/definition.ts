/** Go to definition: `require("mod")` → the module file, `aip.agent.run("name")` → the agent file. */
import type { AipDocument } from './aip-doc';
import { type AgentEnv, resolveRequire, resolveSubAgent } from './agent-env';
import { collectLuaRefs, type StringRef } from './lua-refs';
import type { Position, Range } from './types';

function contains(r: Range, p: Position): boolean {
  if (p.line < r.start.line || p.line > r.end.line) return false;
  if (p.line === r.start.line && p.character < r.start.character) return false;
  if (p.line === r.end.line && p.character > r.end.character) return false;
  return true;
}

/** Absolute path of the file the reference under the cursor points to. */
export async function definitionAt(d: AipDocument, pos: Position, env: AgentEnv): Promise<{ path: string; originRange: Range } | undefined> {
  const refs = collectLuaRefs(d);
  const hit = (list: StringRef[]) => list.find((r) => contains(r.range, pos));
  const req = hit(refs.requires);
  if (req) {
    const res = resolveRequire(env.requireRoots, req.value);
    return res.kind === 'file' ? { path: res.path, originRange: req.range } : undefined;
  }
  const sub = hit(refs.subAgents);
  if (sub) {
    const res = await resolveSubAgent(env, sub.value);
    return res.ok ? { path: res.filePath, originRange: sub.range } : undefined;
  }
  return undefined;
}
