/**
 * "Which provider serves this model?": the agent's effective model through
 * the config cascade and `# Options` (§4.1), its alias resolution (§4.4), the
 * provider (§9.1) and the endpoint with its overrides (§9.3). Secrets are only
 * checked for presence, never shown.
 */
import type { ConfigLayer } from '../runtime/config/cascade';
import { type AgentOptions, mergeOptions, resolveModel, toAgentOptions } from '../runtime/config/options';
import { resolveProvider } from '../runtime/ai/routing';
import { type ModelPricing, modelPricing } from '../runtime/ai/pricing';
import type { Host } from '../runtime/host';
import type { AipDocument } from './aip-doc';
import { type AgentEnv, loadConfig } from './agent-env';
import { parseOptionsTable } from './options-check';

export interface ModelInfo {
  /** Model as written (may be an alias); undefined when no layer sets one. */
  model?: string;
  /** Where `model` came from: `# Options` or a config file path. */
  modelSource?: string;
  /** Alias-resolved model name. */
  resolved?: string;
  /** Where the alias used was defined, when `resolved` differs from `model`. */
  aliasSource?: string;
  provider?: { id: string; kind: string; providerModel: string; effort?: string };
  /** USD per 1M tokens from the price table (§9.6), when the model is priced. */
  price?: ModelPricing;
  endpoint?: string;
  /** Env var holding the provider's key, and whether it is set. */
  keyEnv?: string;
  keySet?: boolean;
  /** Config errors (a run would fail with them) and endpoint problems. */
  problems: string[];
  /** Model names and aliases known from the config and `# Options`, alias → target. */
  aliases: Record<string, string>;
}

/** The `# Options` keys that are well typed, ignoring the others (diagnostics report them). */
function agentOptions(d: AipDocument): AgentOptions {
  const table = parseOptionsTable(d.doc.options);
  if (!table) return {};
  const out: AgentOptions[] = [];
  for (const [key, v] of Object.entries(table)) {
    try {
      out.push(toAgentOptions({ [key]: v }, ''));
    } catch {
      // reported by diagnostics
    }
  }
  return mergeOptions(...out);
}

export async function resolveModelInfo(d: AipDocument, env: AgentEnv, secrets: (name: string) => string | undefined): Promise<ModelInfo> {
  const problems: string[] = [];
  const cfg = await loadConfig(env);
  const layers: { source: string; options: AgentOptions }[] = [];
  if (cfg.ok) layers.push(...cfg.layers.map((l: ConfigLayer) => ({ source: l.path, options: l.options })));
  else problems.push(cfg.message);
  layers.push({ source: '# Options', options: agentOptions(d) });

  const merged = mergeOptions(...layers.map((l) => l.options));
  const info: ModelInfo = { problems, aliases: merged.model_aliases ?? {} };
  const model = merged.model;
  if (model === undefined || model.trim() === '') {
    problems.push('No model: set `model` in # Options or in a config file');
    return info;
  }
  info.model = model;
  info.modelSource = [...layers].reverse().find((l) => l.options.model !== undefined)?.source;
  info.resolved = resolveModel(model, merged.model_aliases);
  if (info.resolved !== model) {
    const base = info.aliases[model] !== undefined ? model : model.replace(/-[a-z]+$/, '');
    info.aliasSource = [...layers].reverse().find((l) => l.options.model_aliases?.[base] !== undefined)?.source;
  }

  const r = resolveProvider(info.resolved);
  info.provider = { id: r.provider.id, kind: r.provider.kind, providerModel: r.providerModel, effort: r.effort };
  info.price = modelPricing(r.provider.id, r.nameNoNs);
  info.keyEnv = r.provider.envName;
  info.keySet = r.provider.envName ? Boolean(secrets(r.provider.envName)?.trim()) : undefined;

  // The endpoint logic (overrides, custom adapters) is the runtime's; a stand-in key lets it answer when none is set.
  const { resolveEndpoint } = await import('../runtime/ai/credentials');
  const host: Host = {
    getSecret: async (name) => (name === r.provider.envName ? 'set' : secrets(name)),
    openFile: async () => undefined,
    trash: async () => undefined,
    nowMicros: () => 0,
  };
  try {
    info.endpoint = (await resolveEndpoint(host, r)).baseUrl;
  } catch (err) {
    problems.push(err instanceof Error ? err.message : String(err));
  }
  return info;
}

/** Markdown for hover on `model = "…"` and for the language status detail. */
export function modelInfoMarkdown(info: ModelInfo): string {
  const out: string[] = [];
  if (info.model) {
    const from = info.modelSource ? ` _(from ${info.modelSource})_` : '';
    out.push(`**model** \`${info.model}\`${from}`);
    if (info.resolved && info.resolved !== info.model) {
      out.push(`→ alias of \`${info.resolved}\`${info.aliasSource ? ` _(alias from ${info.aliasSource})_` : ''}`);
    }
    if (info.provider) {
      const effort = info.provider.effort ? `, reasoning effort \`${info.provider.effort}\`` : '';
      out.push(`→ provider **${info.provider.kind}** (\`${info.provider.id}\`), model id \`${info.provider.providerModel}\`${effort}`);
    }
    if (info.price) {
      const p = info.price;
      const cached = p.pricing_input_cached !== undefined ? `, cached input $${p.pricing_input_cached}` : '';
      out.push(`Price per 1M tokens: input $${p.pricing_input}${cached}, output $${p.pricing_output} _(${p.pricing_model})_`);
    } else if (info.provider) out.push('Price: not in the price table (cost is not computed)');
    if (info.endpoint) out.push(`→ endpoint \`${info.endpoint}\``);
    if (info.keyEnv) out.push(`API key \`${info.keyEnv}\`: ${info.keySet ? 'set' : '**not set**'}`);
  }
  for (const p of info.problems) out.push(`⚠ ${p}`);
  return out.join('\n\n');
}
