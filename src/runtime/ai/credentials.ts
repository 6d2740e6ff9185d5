/**
 * Keys and endpoints (§9.3). Every lookup goes through `Host.getSecret` so the
 * CLI reads the environment and the extension can add SecretStorage (§12.7).
 *
 * Endpoint override: `AIPACK_<ID>_BASE_URL` (e.g. `AIPACK_OPENAI_BASE_URL`,
 * `AIPACK_ZAI_CODING_BASE_URL`) replaces a provider's base URL; tests point it
 * at the mock server. Omlx also honours `OMLX_ENDPOINT`, and `genai_<N>::`
 * requires `GENAI_<N>_ENDPOINT` (§9.1). OpenAI also honours `OPENAI_BASE_URL`.
 */
import type { Host } from '../host';
import { MissingApiKeyError, MissingEndpointError } from './errors';
import { CHECK_KEYS_ENV_NAMES, PROVIDERS, ZAI_CODING, BAIDU_CODING, type ProviderInfo } from './providers';
import type { ResolvedModel } from './routing';

export interface Endpoint {
  baseUrl: string;
  /** Undefined when the provider needs none and none is set. */
  apiKey?: string;
}

/** Env var that overrides a provider's base URL. */
export function baseUrlEnvName(provider: ProviderInfo): string {
  let id = provider.id;
  if (provider === ZAI_CODING || provider.baseUrl === ZAI_CODING.baseUrl) id = 'zai_coding';
  else if (provider === BAIDU_CODING || provider.baseUrl === BAIDU_CODING.baseUrl) id = 'baidu_coding';
  return `AIPACK_${id.toUpperCase()}_BASE_URL`;
}

async function secret(host: Host, name: string): Promise<string | undefined> {
  const v = await host.getSecret(name);
  return v !== undefined && v.trim() !== '' ? v : undefined;
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : url + '/';
}

export async function resolveEndpoint(host: Host, r: ResolvedModel): Promise<Endpoint> {
  const { provider } = r;
  let baseUrl: string | undefined;
  if (r.customIndex !== undefined) {
    const envName = `GENAI_${r.customIndex}_ENDPOINT`;
    baseUrl = await secret(host, envName);
    if (!baseUrl) throw new MissingEndpointError(envName, r.modelName);
  } else {
    baseUrl = await secret(host, baseUrlEnvName(provider));
    // OpenAIResp shares OpenAI's endpoint, so one override serves both.
    if (!baseUrl && provider.id === 'openai_resp') baseUrl = await secret(host, 'AIPACK_OPENAI_BASE_URL');
    // The OpenAI SDK's own variable, which users of OpenAI-compatible gateways already set.
    if (!baseUrl && (provider.id === 'openai' || provider.id === 'openai_resp')) baseUrl = await secret(host, 'OPENAI_BASE_URL');
    if (!baseUrl && provider.id === 'omlx') baseUrl = await secret(host, 'OMLX_ENDPOINT');
    baseUrl ??= provider.baseUrl;
  }

  let apiKey: string | undefined;
  if (provider.envName) {
    apiKey = await secret(host, provider.envName);
    if (!apiKey && !provider.keyOptional) throw new MissingApiKeyError(provider.envName, provider.kind, r.modelName);
  }
  return { baseUrl: withSlash(baseUrl), apiKey };
}

export interface KeyStatus {
  /** Adapter kind of the first provider using the key, e.g. `OpenAI`. */
  provider: string;
  envName: string;
  /** Set and non-empty. */
  present: boolean;
}

/** `aip check-keys` (§9.3): presence of each listed key, in the spec's order. */
export async function checkKeys(host: Host): Promise<KeyStatus[]> {
  const out: KeyStatus[] = [];
  for (const envName of CHECK_KEYS_ENV_NAMES) {
    const provider = PROVIDERS.find((x) => x.envName === envName)!;
    out.push({ provider: provider.kind, envName, present: (await secret(host, envName)) !== undefined });
  }
  return out;
}
