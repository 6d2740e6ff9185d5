/**
 * Diagnostics of an `.aip` file. `documentDiagnostics` needs only the text;
 * `environmentDiagnostics` also looks at the disk (`require` targets and
 * sub-agents). Neither ever runs agent code.
 */
import { CODE_SECTIONS, PROMPT_PART_HEADINGS } from '../runtime/agent/headings';
import { analyzeAip, type AipDocument } from './aip-doc';
import { type AgentEnv, resolveRequire, resolveSubAgent } from './agent-env';
import { attachFixes } from './code-actions';
import { modelDiagnostics, optionRangeDiagnostics } from './model-check';
import { collectLuaRefs, type LuaRefs } from './lua-refs';
import { droppedHeadingDiagnostics, promptPartDiagnostics } from './hbs-check';
import { externalGlobals } from './module-globals';
import { luaStageDiagnostics, type LuaRuleContext } from './lua-rules';
import { checkOptionsBlock } from './options-check';
import { stageRules } from './stage-calls';
import { closest } from './suggest';
import { type AipDiagnostic, lineRange, range } from './types';

/** Canonical heading spellings, as suggested for typos and offered in completion. */
export const HEADING_TITLES: readonly string[] = [
  ...[...CODE_SECTIONS.values()].map((s) => s.title),
  ...[...PROMPT_PART_HEADINGS.keys()].map((k) => k.replace(/\b\w/g, (c) => c.toUpperCase())),
];

/**
 * Everything the text alone tells. `ctx` adds the stage rules of `aip.*`
 * calls and the globals of required modules (see `computeDiagnostics`).
 */
export function documentDiagnostics(d: AipDocument, ctx: LuaRuleContext = {}): AipDiagnostic[] {
  const out: AipDiagnostic[] = [];
  const { lines } = d;

  for (const p of d.doc.problems ?? []) {
    out.push({ range: lineRange(lines, p.line - 1), severity: p.severity, code: 'agent-parse', message: p.message });
  }

  const typoLines = new Set<number>();
  for (const s of d.sections) {
    if (s.kind !== 'Unknown') continue;
    const tick = s.title.indexOf('`');
    const name = (tick < 0 ? s.title : s.title.slice(0, tick)).trim();
    if (name.length < 3) continue;
    const hint = closest(name, HEADING_TITLES);
    if (!hint) continue;
    const text = lines[s.line - 1] ?? '';
    typoLines.add(s.line);
    out.push({
      range: range(s.line - 1, 0, s.line - 1, text.length),
      severity: 'warning',
      code: 'unknown-section',
      message: `Unknown section '# ${s.title}' - did you mean '# ${hint}'? Its content is ignored.`,
    });
  }

  out.push(...droppedHeadingDiagnostics(d, typoLines));
  out.push(...checkOptionsBlock(d.doc.options, lines));
  out.push(...optionRangeDiagnostics(d));
  out.push(...luaStageDiagnostics(d, ctx));
  out.push(...promptPartDiagnostics(d));
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
  return diagnosticsOf(analyzeAip(text), env);
}

/** All diagnostics of an analysed document, sorted by position. */
export async function diagnosticsOf(d: AipDocument, env?: AgentEnv): Promise<AipDiagnostic[]> {
  const refs = collectLuaRefs(d);
  const ctx: LuaRuleContext = { stageRules: await stageRules(), externalGlobals: externalGlobals(refs, env) };
  const out = documentDiagnostics(d, ctx);
  if (env) {
    out.push(...(await environmentDiagnostics(refs, env)));
    out.push(...(await modelDiagnostics(d, env)));
  }
  attachFixes(d, out);
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
