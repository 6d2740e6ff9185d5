/**
 * Diagnostics of an `.aip` file. `documentDiagnostics` needs only the text;
 * `environmentDiagnostics` also looks at the disk (`require` targets and
 * sub-agents). Neither ever runs agent code.
 */
import { CODE_SECTIONS, PROMPT_PART_HEADINGS } from '../runtime/agent/headings';
import { analyzeAip, type AipDocument } from './aip-doc';
import { type AgentEnv, resolveRequire, resolveSubAgent } from './agent-env';
import { catalogIndex, checkAipRef } from './catalog-index';
import { checkLuaSyntax } from './lua-check';
import { collectLuaRefs, type LuaRefs } from './lua-refs';
import { checkOptionsBlock } from './options-check';
import { closest } from './suggest';
import { type AipDiagnostic, lineRange, range } from './types';

/** Canonical heading spellings, as suggested for typos and offered in completion. */
export const HEADING_TITLES: readonly string[] = [
  ...[...CODE_SECTIONS.values()].map((s) => s.title),
  ...[...PROMPT_PART_HEADINGS.keys()].map((k) => k.replace(/\b\w/g, (c) => c.toUpperCase())),
];

export function documentDiagnostics(d: AipDocument, refs: LuaRefs = collectLuaRefs(d)): AipDiagnostic[] {
  const out: AipDiagnostic[] = [];
  const { lines } = d;

  for (const p of d.doc.problems ?? []) {
    out.push({ range: lineRange(lines, p.line - 1), severity: p.severity, code: 'agent-parse', message: p.message });
  }

  for (const s of d.sections) {
    if (s.kind !== 'Unknown') continue;
    const tick = s.title.indexOf('`');
    const name = (tick < 0 ? s.title : s.title.slice(0, tick)).trim();
    if (name.length < 3) continue;
    const hint = closest(name, HEADING_TITLES);
    if (!hint) continue;
    const text = lines[s.line - 1] ?? '';
    out.push({
      range: range(s.line - 1, 0, s.line - 1, text.length),
      severity: 'warning',
      code: 'unknown-section',
      message: `Unknown section '# ${s.title}' - did you mean '# ${hint}'? Its content is ignored.`,
    });
  }

  out.push(...checkOptionsBlock(d.doc.options, lines));

  for (const sb of d.stageBlocks) {
    const err = checkLuaSyntax(sb);
    if (err) out.push({ range: lineRange(lines, err.line - 1), severity: 'error', code: 'lua-syntax', message: `Lua syntax error: ${err.message}` });
  }

  const idx = catalogIndex();
  for (const ref of refs.aipNames) {
    const res = checkAipRef(idx, ref.module, ref.name);
    if (res.ok) continue;
    const r = res.part === 'module' ? ref.moduleRange : ref.nameRange!;
    out.push({ range: r, severity: 'error', code: res.part === 'module' ? 'unknown-aip-module' : 'unknown-aip-function', message: res.message });
  }
  return out;
}

export async function environmentDiagnostics(refs: LuaRefs, env: AgentEnv): Promise<AipDiagnostic[]> {
  const out: AipDiagnostic[] = [];
  for (const req of refs.requires) {
    const res = resolveRequire(env.requireRoots, req.value);
    if (res.kind !== 'missing') continue;
    const roots = env.requireRoots.map((r) => `${r}/lua/`).join(', ');
    out.push({
      range: req.range,
      severity: 'error',
      code: 'require-not-found',
      message: `Module '${req.value}' not found in the agent's Lua folders (${roots})`,
    });
  }
  const seen = new Map<string, Promise<Awaited<ReturnType<typeof resolveSubAgent>>>>();
  for (const sub of refs.subAgents) {
    let p = seen.get(sub.value);
    if (!p) {
      p = resolveSubAgent(env, sub.value);
      seen.set(sub.value, p);
    }
    const res = await p;
    if (!res.ok) out.push({ range: sub.range, severity: 'error', code: 'agent-not-found', message: `Sub-agent not found: ${res.message}` });
  }
  return out;
}

/** Every diagnostic of a text; the environment part only when an env is given. */
export async function computeDiagnostics(text: string, env?: AgentEnv): Promise<AipDiagnostic[]> {
  const d = analyzeAip(text);
  const refs = collectLuaRefs(d);
  const out = documentDiagnostics(d, refs);
  if (env) out.push(...(await environmentDiagnostics(refs, env)));
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
