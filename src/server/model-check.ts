/**
 * Checks of the `# Options` values beyond their types: a model name that no
 * provider knows (the runtime then routes it to Ollama, §9.1, and the run
 * fails only at the first AI call) and sampling values out of range.
 */
import { PRICE_TABLE } from '../runtime/ai/pricing';
import type { AipDocument } from './aip-doc';
import { type AgentEnv, loadConfig } from './agent-env';
import { resolveModelInfo } from './model-info';
import { keyPosition, parseOptionsTable } from './options-check';
import { type AipDiagnostic, lineRange } from './types';

const KNOWN_MODELS = new Set(Object.values(PRICE_TABLE).flatMap((rows) => rows.map((r) => r.name)));

export async function modelDiagnostics(d: AipDocument, env: AgentEnv): Promise<AipDiagnostic[]> {
  const block = d.doc.options;
  const table = parseOptionsTable(block);
  if (!block || !table || typeof table.model !== 'string' || table.model.trim() === '') return [];
  // Without the config files the aliases are unknown (and the run fails on the config first).
  if (!(await loadConfig(env)).ok) return [];
  const info = await resolveModelInfo(d, env, () => undefined);
  if (info.modelSource !== '# Options' || !info.resolved || !info.provider) return [];
  const name = info.resolved;
  // Explicit `ollama::x`, or an Ollama tag (`qwen3:8b`): the author chose Ollama.
  if (info.provider.id !== 'ollama' || name.includes('::') || name.includes(':')) return [];
  const bare = info.provider.providerModel;
  if (KNOWN_MODELS.has(bare)) return [];
  const r = keyPosition(block, d.lines, 'model') ?? lineRange(d.lines, block.lineMap[0] - 1);
  const via = name !== info.model ? ` (alias of '${name}')` : '';
  return [
    {
      range: r,
      severity: 'warning',
      code: 'model-unknown',
      message: `Model '${info.model}'${via} matches no known provider model: it will be sent to Ollama${info.endpoint ? ` at ${info.endpoint}` : ''}. Write 'ollama::${bare}' if that is meant.`,
    },
  ];
}

/** Ranges the providers accept (§9.4): outside them the AI call is rejected. */
const RANGES: Record<string, [number, number]> = { temperature: [0, 2], top_p: [0, 1] };

export function optionRangeDiagnostics(d: AipDocument): AipDiagnostic[] {
  const block = d.doc.options;
  const table = parseOptionsTable(block);
  if (!block || !table) return [];
  const out: AipDiagnostic[] = [];
  for (const [key, [min, max]] of Object.entries(RANGES)) {
    const v = table[key];
    if (typeof v !== 'number' || (v >= min && v <= max)) continue;
    out.push({
      range: keyPosition(block, d.lines, key) ?? lineRange(d.lines, block.lineMap[0] - 1),
      severity: 'warning',
      code: 'options-range',
      message: `${key} = ${v} is out of range (${min} to ${max}): providers reject the request`,
    });
  }
  return out;
}
