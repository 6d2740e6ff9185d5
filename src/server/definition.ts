/**
 * What a `require("mod")` or `aip.agent.run("name")` string points to: the
 * target of go-to-definition, and a hover line naming the file (or why none).
 */
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

export interface ReferenceTarget {
  kind: 'require' | 'agent';
  name: string;
  originRange: Range;
  /** Absolute path of the target file, when found. */
  path?: string;
  /** Why there is no target (not found message), or that it is a built-in module. */
  note?: string;
}

/** The `require` / sub-agent string under the cursor, resolved. */
export async function referenceAt(d: AipDocument, pos: Position, env: AgentEnv): Promise<ReferenceTarget | undefined> {
  const refs = collectLuaRefs(d);
  const hit = (list: StringRef[]) => list.find((r) => contains(r.range, pos));
  const req = hit(refs.requires);
  if (req) {
    const res = resolveRequire(env.requireRoots, req.value);
    const base = { kind: 'require' as const, name: req.value, originRange: req.range };
    if (res.kind === 'file') return { ...base, path: res.path };
    if (res.kind === 'builtin') return { ...base, note: 'standard Lua library' };
    return { ...base, note: `not found (tried ${res.tried.join(', ')})` };
  }
  const sub = hit(refs.subAgents);
  if (sub) {
    const res = await resolveSubAgent(env, sub.value);
    const base = { kind: 'agent' as const, name: sub.value, originRange: sub.range };
    return res.ok ? { ...base, path: res.filePath } : { ...base, note: res.message };
  }
  return undefined;
}

/** Absolute path of the file the reference under the cursor points to. */
export async function definitionAt(d: AipDocument, pos: Position, env: AgentEnv): Promise<{ path: string; originRange: Range } | undefined> {
  const t = await referenceAt(d, pos, env);
  return t?.path ? { path: t.path, originRange: t.originRange } : undefined;
}

export function referenceMarkdown(t: ReferenceTarget): string {
  const what = t.kind === 'require' ? `Lua module \`${t.name}\`` : `Sub-agent \`${t.name}\``;
  return t.path ? `${what} → \`${t.path}\`` : `${what}: ${t.note}`;
}
