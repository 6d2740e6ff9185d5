/**
 * Model name → provider (§9.1): explicit `ns::model` first, then name-prefix
 * rules, then Ollama. The reasoning suffix (§9.2) is split off here so the
 * request sends the bare provider model id.
 */
import { BAIDU_CODING, ZAI_CODING, providerById, type ProviderInfo } from './providers';
import { splitReasoningSuffix, type ReasoningEffort } from './reasoning';

export interface ResolvedModel {
  provider: ProviderInfo;
  /** The name as given (alias-resolved, may carry `ns::` and a suffix): `AiResponse.model_name`. */
  modelName: string;
  /** `modelName` without any `ns::` prefix; what pricing looks up (§9.6). */
  nameNoNs: string;
  /** Provider model id to send: no namespace, no reasoning suffix. */
  providerModel: string;
  effort?: ReasoningEffort;
  /** For `genai_<N>::` custom adapters: N. */
  customIndex?: number;
}

const OPENAI_PREFIXES = ['o1', 'o3', 'o4', 'chatgpt', 'codex', 'text-embedding'];

/** Pick the provider from a model name without namespace (§9.1 rule table). */
export function providerIdForName(name: string): string {
  const isGpt = name.startsWith('gpt') && !name.startsWith('gpt-oss');
  if (isGpt || OPENAI_PREFIXES.some((x) => name.startsWith(x))) {
    if (name.startsWith('gpt-5') || (name.startsWith('gpt') && (name.includes('codex') || name.includes('pro')))) {
      return 'openai_resp';
    }
    return 'openai';
  }
  if (name.startsWith('gemini')) return 'gemini';
  if (name.startsWith('claude')) return 'anthropic';
  if (name.includes('fireworks')) return 'fireworks';
  if (name.startsWith('kimi-')) return 'kimi';
  if (name.startsWith('mimo-')) return 'mimo';
  if (name.startsWith('command') || name.startsWith('embed-')) return 'cohere';
  if (name.startsWith('grok')) return 'xai';
  if (name.startsWith('glm')) return 'zai';
  if (name.startsWith('deepseek-')) return 'deepseek';
  if (name.startsWith('moonshot-')) return 'moonshot';
  if (name.startsWith('MiniMax-') || name.startsWith('minimax-')) return 'minimax';
  if (name.startsWith('omlx-')) return 'omlx';
  return 'ollama';
}

/** Namespaces that are not plain adapter ids. */
function namespaceProvider(ns: string): { provider: ProviderInfo; customIndex?: number } | undefined {
  if (ns === 'zai_coding') return { provider: ZAI_CODING };
  if (ns === 'baidu_coding') return { provider: BAIDU_CODING };
  const custom = /^genai_(\d{1,3})$/.exec(ns);
  if (custom && Number(custom[1]) <= 255) {
    const n = Number(custom[1]);
    const provider: ProviderInfo = {
      kind: 'Custom',
      id: ns,
      envName: `GENAI_${n}_API_KEY`,
      keyOptional: true,
      baseUrl: '',
    };
    return { provider, customIndex: n };
  }
  const known = providerById(ns);
  return known ? { provider: known } : undefined;
}

export function resolveProvider(model: string): ResolvedModel {
  const sep = model.indexOf('::');
  if (sep > 0) {
    const ns = model.slice(0, sep);
    const rest = model.slice(sep + 2);
    const hit = namespaceProvider(ns);
    if (hit) {
      const { model: providerModel, effort } = splitReasoningSuffix(rest);
      return { provider: hit.provider, modelName: model, nameNoNs: rest, providerModel, effort, customIndex: hit.customIndex };
    }
  }
  // An unknown namespace is not an adapter: the whole name goes through the rules.
  const provider = providerById(providerIdForName(model))!;
  const { model: providerModel, effort } = splitReasoningSuffix(model);
  return { provider, modelName: model, nameNoNs: model, providerModel, effort };
}
