/**
 * The provider (adapter) table (§9.1, §9.3). Every provider is reached through
 * its OpenAI-compatible endpoint with the `openai` SDK (chat completions;
 * `OpenAIResp` uses the Responses API at the same base URL), so `baseUrl` is
 * that endpoint (for Gemini, Ollama, MiniMax and Cohere it differs
 * from the native endpoint §9.3 lists, which the port does not speak).
 */

/** genai's adapter kinds, spelled as `AiResponse.adapter_kind` reports them (§8.3). */
export type AdapterKind =
  | 'OpenAI'
  | 'OpenAIResp'
  | 'Gemini'
  | 'Anthropic'
  | 'Fireworks'
  | 'Together'
  | 'Groq'
  | 'Aihubmix'
  | 'Kimi'
  | 'Mimo'
  | 'Moonshot'
  | 'Nebius'
  | 'Xai'
  | 'DeepSeek'
  | 'Zai'
  | 'BigModel'
  | 'Aliyun'
  | 'QwenCloud'
  | 'Baidu'
  | 'Cohere'
  | 'Ollama'
  | 'OllamaCloud'
  | 'Omlx'
  | 'Vertex'
  | 'GithubCopilot'
  | 'OpenCodeGo'
  | 'BedrockApi'
  | 'OpenRouter'
  | 'AtlasCloud'
  | 'MiniMax'
  | 'Custom';

export interface ProviderInfo {
  kind: AdapterKind;
  /** Lower-case id used in `ns::model` and in the pricing table. */
  id: string;
  /** Env var holding the API key; undefined when the provider needs none. */
  envName?: string;
  /** True when a missing key is fine (Ollama has none; Omlx's is optional). */
  keyOptional: boolean;
  /** OpenAI-compatible base URL, ending with `/`. */
  baseUrl: string;
}

function p(kind: AdapterKind, id: string, envName: string | undefined, baseUrl: string, keyOptional = false): ProviderInfo {
  return { kind, id, envName, baseUrl, keyOptional: keyOptional || envName === undefined };
}

export const PROVIDERS: readonly ProviderInfo[] = [
  p('OpenAI', 'openai', 'OPENAI_API_KEY', 'https://api.openai.com/v1/'),
  p('OpenAIResp', 'openai_resp', 'OPENAI_API_KEY', 'https://api.openai.com/v1/'),
  p('Gemini', 'gemini', 'GEMINI_API_KEY', 'https://generativelanguage.googleapis.com/v1beta/openai/'),
  p('Anthropic', 'anthropic', 'ANTHROPIC_API_KEY', 'https://api.anthropic.com/v1/'),
  p('Fireworks', 'fireworks', 'FIREWORKS_API_KEY', 'https://api.fireworks.ai/inference/v1/'),
  p('Together', 'together', 'TOGETHER_API_KEY', 'https://api.together.xyz/v1/'),
  p('Groq', 'groq', 'GROQ_API_KEY', 'https://api.groq.com/openai/v1/'),
  p('Aihubmix', 'aihubmix', 'AIHUBMIX_API_KEY', 'https://aihubmix.com/v1/'),
  p('Kimi', 'kimi', 'KIMI_API_KEY', 'https://api.moonshot.ai/v1/'),
  p('Mimo', 'mimo', 'MIMO_API_KEY', 'https://api.mimo.com/openai/v1/'),
  p('Moonshot', 'moonshot', 'MOONSHOT_API_KEY', 'https://api.moonshot.cn/v1/'),
  p('Nebius', 'nebius', 'NEBIUS_API_KEY', 'https://api.studio.nebius.ai/v1/'),
  p('Xai', 'xai', 'XAI_API_KEY', 'https://api.x.ai/v1/'),
  p('DeepSeek', 'deepseek', 'DEEPSEEK_API_KEY', 'https://api.deepseek.com/v1/'),
  p('Zai', 'zai', 'ZAI_API_KEY', 'https://api.z.ai/api/paas/v4/'),
  p('BigModel', 'bigmodel', 'BIGMODEL_API_KEY', 'https://open.bigmodel.cn/api/paas/v4/'),
  p('Aliyun', 'aliyun', 'ALIYUN_API_KEY', 'https://dashscope.aliyuncs.com/compatible-mode/v1/'),
  p('QwenCloud', 'qwen_cloud', 'QWEN_CLOUD_API_KEY', 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1/'),
  p('Baidu', 'baidu', 'BAIDU_API_KEY', 'https://qianfan.baidubce.com/v2/'),
  p('Cohere', 'cohere', 'COHERE_API_KEY', 'https://api.cohere.ai/compatibility/v1/'),
  p('Ollama', 'ollama', undefined, 'http://localhost:11434/v1/'),
  p('OllamaCloud', 'ollama_cloud', 'OLLAMA_API_KEY', 'https://ollama.com/v1/'),
  p('Omlx', 'omlx', 'OMLX_API_KEY', 'http://127.0.0.1:8000/v1/', true),
  p('Vertex', 'vertex', 'VERTEX_API_KEY', 'https://aiplatform.googleapis.com/v1/'),
  p('GithubCopilot', 'github_copilot', 'GITHUB_TOKEN', 'https://models.github.ai/inference/'),
  p('OpenCodeGo', 'opencode_go', 'OPENCODE_API_KEY', 'https://opencode.ai/zen/go/v1/'),
  p('BedrockApi', 'bedrock_api', 'AWS_BEARER_TOKEN_BEDROCK', 'https://bedrock-runtime.us-east-1.amazonaws.com/openai/v1/'),
  p('OpenRouter', 'open_router', 'OPEN_ROUTER_API_KEY', 'https://openrouter.ai/api/v1/'),
  p('AtlasCloud', 'atlascloud', 'ATLASCLOUD_API_KEY', 'https://api.atlascloud.ai/v1/'),
  p('MiniMax', 'minimax', 'MINIMAX_API_KEY', 'https://api.minimax.io/v1/'),
];

const BY_ID = new Map(PROVIDERS.map((x) => [x.id, x]));

export function providerById(id: string): ProviderInfo | undefined {
  return BY_ID.get(id);
}

/** `zai_coding::` uses Zai's key with the coding endpoint (§9.3). */
export const ZAI_CODING: ProviderInfo = { ...BY_ID.get('zai')!, baseUrl: 'https://api.z.ai/api/coding/paas/v4/' };

/** Baidu's coding namespace (§9.1); same key, coding endpoint. */
export const BAIDU_CODING: ProviderInfo = { ...BY_ID.get('baidu')!, baseUrl: 'https://qianfan.baidubce.com/v2/coding/' };

/** Keys `aip check-keys` reports, in the order §9.3 lists them. */
export const CHECK_KEYS_ENV_NAMES = [
  'OPENAI_API_KEY',
  'ANTHROPIC_API_KEY',
  'GEMINI_API_KEY',
  'DEEPSEEK_API_KEY',
  'MIMO_API_KEY',
  'ZAI_API_KEY',
  'KIMI_API_KEY',
  'FIREWORKS_API_KEY',
  'GROQ_API_KEY',
  'TOGETHER_API_KEY',
  'NEBIUS_API_KEY',
  'XAI_API_KEY',
  'COHERE_API_KEY',
] as const;
