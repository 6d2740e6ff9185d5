/**
 * Typed view of the `aipack.*` settings. Pure: it reads through a getter so the
 * parsing and clamping are unit-tested without VS Code (context.ts feeds it
 * `workspace.getConfiguration('aipack').get`). Keys never live here: they go to
 * SecretStorage (keys.ts).
 */

export const CONFIG_SECTION = 'aipack';

/** Setting keys under `aipack.` (package.json `contributes.configuration` lists the same). */
export const SETTING = {
  defaultModel: 'defaultModel',
  baseUrls: 'baseUrls',
  retryCount: 'retryCount',
  maxConcurrentRuns: 'maxConcurrentRuns',
  outputLineCap: 'outputLineCap',
  packRepoUrl: 'packRepoUrl',
  luaWorkers: 'luaWorkers',
  aiRequestTimeoutSeconds: 'aiRequestTimeoutSeconds',
} as const;

export interface AipSettings {
  /** Model for runs started from VS Code, overriding the agent's and the configs' (empty: no override). */
  defaultModel?: string;
  /** Provider id (`openai`, `anthropic`, `ollama`, …) → base URL. */
  baseUrls: Record<string, string>;
  /** Extra attempts of an AI call after a transient failure (HTTP 429/5xx, connection); the runtime retries. */
  retryCount: number;
  /** Top-level runs allowed at once across the window; more are refused with a message. */
  maxConcurrentRuns: number;
  /** Lines kept per run in the "AIPack Runs" output. */
  outputLineCap: number;
  /** Pack repository for `ns@name` installs (empty: `AIPACK_REPO_URL`, else aipack's). */
  packRepoUrl?: string;
  /** Script worker threads for Lua stages; 0 = one per core (`AIPACK_LUA_WORKERS` wins). */
  luaWorkers: number;
  /** Limit of one AI request attempt in seconds (0 = none); unset: config `[limits]`, env, else 300. */
  aiRequestTimeoutSeconds?: number;
}

export const DEFAULT_SETTINGS: AipSettings = {
  baseUrls: {},
  retryCount: 2,
  maxConcurrentRuns: 4,
  outputLineCap: 5000,
  luaWorkers: 0,
};

const LIMITS = {
  retryCount: [0, 10],
  maxConcurrentRuns: [1, 64],
  outputLineCap: [100, 1_000_000],
  luaWorkers: [0, 64],
} as const;

/** Reads and validates every setting; a bad value falls back to its default (problems are returned for the log). */
export function readSettings(get: (key: string) => unknown): { settings: AipSettings; problems: string[] } {
  const problems: string[] = [];
  const settings: AipSettings = { ...DEFAULT_SETTINGS, baseUrls: {} };

  const model = get(SETTING.defaultModel);
  if (typeof model === 'string' && model.trim() !== '') settings.defaultModel = model.trim();
  else if (model !== undefined && model !== null && model !== '') problems.push(`aipack.defaultModel must be a string`);

  const urls = get(SETTING.baseUrls);
  if (urls !== undefined && urls !== null) {
    if (typeof urls !== 'object' || Array.isArray(urls)) problems.push('aipack.baseUrls must be an object of provider id → URL');
    else {
      for (const [id, url] of Object.entries(urls as Record<string, unknown>)) {
        if (typeof url !== 'string' || url.trim() === '') continue;
        if (!/^https?:\/\//i.test(url.trim())) {
          problems.push(`aipack.baseUrls.${id}: '${url}' is not an http(s) URL`);
          continue;
        }
        settings.baseUrls[id.trim().toLowerCase()] = url.trim();
      }
    }
  }

  const repo = get(SETTING.packRepoUrl);
  if (typeof repo === 'string' && repo.trim() !== '') {
    if (/^https?:\/\//i.test(repo.trim())) settings.packRepoUrl = repo.trim();
    else problems.push(`aipack.packRepoUrl: '${repo}' is not an http(s) URL`);
  } else if (repo !== undefined && repo !== null && repo !== '') problems.push('aipack.packRepoUrl must be a string');

  const timeout = get(SETTING.aiRequestTimeoutSeconds);
  if (timeout !== undefined && timeout !== null) {
    if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout < 0 || timeout > 86_400) {
      problems.push(`aipack.aiRequestTimeoutSeconds must be a number of seconds from 0 to 86400 (got ${JSON.stringify(timeout)})`);
    } else settings.aiRequestTimeoutSeconds = timeout;
  }

  for (const key of ['retryCount', 'maxConcurrentRuns', 'outputLineCap', 'luaWorkers'] as const) {
    const v = get(SETTING[key]);
    if (v === undefined || v === null) continue;
    const [min, max] = LIMITS[key];
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      problems.push(`aipack.${key} must be an integer (got ${JSON.stringify(v)})`);
      continue;
    }
    settings[key] = Math.min(max, Math.max(min, v));
    if (v < min || v > max) problems.push(`aipack.${key} ${v} is out of range, using ${settings[key]}`);
  }
  return { settings, problems };
}

/**
 * The settings the AI layer reads through `Host.getSecret`: each base URL as the
 * `AIPACK_<ID>_BASE_URL` name credentials.ts looks up (`zai_coding` → `AIPACK_ZAI_CODING_BASE_URL`).
 */
export function settingsLookups(settings: AipSettings): Map<string, string> {
  const out = new Map<string, string>();
  for (const [id, url] of Object.entries(settings.baseUrls)) out.set(`AIPACK_${id.toUpperCase()}_BASE_URL`, url);
  return out;
}
