/**
 * Keys must never reach the DB, the logs or a host. Some providers echo the key
 * they were sent in an error body (a 401 "Incorrect API key provided: sk-…"), and
 * that body becomes the error message, the retry warning and the err row. Before
 * an AI error is recorded anywhere, every copy of the key in it (message, stack,
 * the SDK error it wraps and its body) is masked.
 */
import { resolveEndpoint } from '../ai/credentials';
import { resolveProvider } from '../ai/routing';
import type { Host } from '../host';

/** Shorter values are not treated as keys (an empty or placeholder key would mask ordinary text). */
const MIN_KEY_LENGTH = 8;

/** The API key the call to `model` will use, if any (never throws: the call reports a missing key). */
export async function apiKeyFor(host: Host, model: string): Promise<string | undefined> {
  try {
    const key = (await resolveEndpoint(host, resolveProvider(model))).apiKey;
    return key !== undefined && key.length >= MIN_KEY_LENGTH ? key : undefined;
  } catch {
    return undefined;
  }
}

/** `sk-abc…` style mask: enough to tell which key, never the key. */
export function maskKey(key: string): string {
  return `${key.slice(0, 3)}…(redacted)`;
}

function scrubString(s: string, key: string): string {
  return s.includes(key) ? s.split(key).join(maskKey(key)) : s;
}

function scrubValue(v: unknown, key: string): unknown {
  if (typeof v === 'string') return scrubString(v, key);
  if (v === null || typeof v !== 'object') return v;
  try {
    const json = JSON.stringify(v);
    return json.includes(key) ? JSON.parse(scrubString(json, key)) : v;
  } catch {
    return v;
  }
}

/** Mask `key` everywhere in `err` and its cause chain (in place); returns `err`. */
export function redactKey<T>(err: T, key: string | undefined): T {
  if (!key) return err;
  let cur: unknown = err;
  for (let depth = 0; depth < 6 && cur !== null && typeof cur === 'object'; depth++) {
    const o = cur as Record<string, unknown>;
    for (const prop of ['message', 'stack', 'error', 'body', 'detail']) {
      if (!(prop in o)) continue;
      try {
        const next = scrubValue(o[prop], key);
        if (next !== o[prop]) Object.defineProperty(o, prop, { value: next, writable: true, configurable: true, enumerable: prop !== 'stack' && prop !== 'message' });
      } catch {
        // A frozen or exotic error object: leave it.
      }
    }
    cur = o.cause;
  }
  return err;
}
