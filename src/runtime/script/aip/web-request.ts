/**
 * HTTP for `aip.web.get/post` (§8.10, WebOptions/WebResponse §8.3) on Node's fetch.
 * Redirects are followed by hand so `redirect_limit` means what it means in aipack
 * (follow at most N, one more is an error) and every hop sees the run's AbortSignal.
 */
import type { CallContext } from '../catalog';
import { ArgError, LuaFloat } from '../catalog';
import { luaNumberValue } from './lua-number';

export const UA_AIPACK = 'aipack';
export const UA_BROWSER =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
export const DEFAULT_REDIRECT_LIMIT = 5;

export interface WebOptions {
  /** undefined: not given; "": explicitly no UA. */
  userAgent?: string;
  headers?: Map<string, string[]>;
  redirectLimit: number;
  parse: boolean;
}

export interface WebResponse {
  success: boolean;
  status: number;
  url: string;
  content: unknown;
  content_type?: string;
  headers?: Record<string, string | string[]>;
  error?: string;
}

export function readWebOptions(call: CallContext, raw: unknown): WebOptions {
  const opts: WebOptions = { redirectLimit: DEFAULT_REDIRECT_LIMIT, parse: false };
  if (raw === undefined || raw === null) return opts;
  if (typeof raw !== 'object' || Array.isArray(raw) || raw instanceof LuaFloat) throw new ArgError(call.fnName, 'table', 'options', raw);
  const o = raw as Record<string, unknown>;

  if (typeof o.user_agent === 'string') opts.userAgent = o.user_agent;
  else if (o.user_agent === true) opts.userAgent = UA_AIPACK;
  else if (o.user_agent === false) opts.userAgent = '';

  const limit = luaNumberValue(o.redirect_limit);
  if (limit !== undefined) opts.redirectLimit = Math.trunc(limit);
  if (typeof o.parse === 'boolean') opts.parse = o.parse;

  if (o.headers !== undefined && o.headers !== null && typeof o.headers === 'object') {
    const map = new Map<string, string[]>();
    for (const [name, value] of Object.entries(o.headers as Record<string, unknown>)) {
      if (typeof value === 'string') map.set(name, [value]);
      else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) map.set(name, value as string[]);
      else if (value !== null && typeof value === 'object' && Object.keys(value).length === 0) map.set(name, []);
      else throw new Error(`${call.fnName} - Header values must be strings or arrays of strings (header '${name}')`);
    }
    opts.headers = map;
  }
  return opts;
}

/**
 * Request headers per aipack's precedence: `user_agent` option > a `User-Agent` header >
 * the default `aipack`; `user_agent = false` sends an empty User-Agent (fetch would
 * otherwise add its own).
 */
export function requestHeaders(opts: WebOptions): Headers {
  const headers = new Headers();
  let ua = opts.userAgent;
  for (const [name, values] of opts.headers ?? []) {
    if (name.toLowerCase() === 'user-agent') {
      if (ua === undefined && values.length > 0) ua = values[0];
      continue;
    }
    for (const v of values) {
      try {
        headers.append(name, v);
      } catch {
        // An invalid header name or value is skipped, as aipack does.
      }
    }
  }
  headers.set('user-agent', ua ?? UA_AIPACK);
  return headers;
}

export interface RequestBody {
  body: string;
  contentType: string;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// Dropped when a redirect leaves the original origin.
const SENSITIVE_HEADERS = ['authorization', 'cookie', 'proxy-authorization', 'www-authenticate'];

class RedirectLimitError extends Error {}

/** Fetch with manual redirects. Throws on transport failure, cancellation or too many redirects. */
async function fetchFollowing(url: string, method: string, headers: Headers, body: RequestBody | undefined, limit: number, signal: AbortSignal): Promise<Response> {
  let current = url;
  let curMethod = method;
  let curBody = body;
  const curHeaders = new Headers(headers);
  if (curBody) curHeaders.set('content-type', curBody.contentType);
  for (let hops = 0; ; hops++) {
    const res = await fetch(current, { method: curMethod, headers: curHeaders, body: curBody?.body, redirect: 'manual', signal });
    const location = res.headers.get('location');
    if (!REDIRECT_STATUSES.has(res.status) || !location) return res;
    // Free the socket of the intermediate response.
    await res.body?.cancel().catch(() => undefined);
    if (hops >= limit) throw new RedirectLimitError(`error following redirect for url (${current}): too many redirects`);
    const next = new URL(location, current);
    if (next.origin !== new URL(current).origin) for (const h of SENSITIVE_HEADERS) curHeaders.delete(h);
    if (res.status === 303 || ((res.status === 301 || res.status === 302) && curMethod === 'POST')) {
      if (curMethod !== 'HEAD') curMethod = 'GET';
      curBody = undefined;
      curHeaders.delete('content-type');
      curHeaders.delete('content-length');
    }
    current = next.href;
  }
}

function transportCause(err: unknown, signal: AbortSignal): string {
  if (signal.aborted) return 'request cancelled';
  if (err instanceof RedirectLimitError) return err.message;
  const e = err as { message?: string; cause?: { message?: string; code?: string } };
  const cause = e?.cause?.message ?? e?.cause?.code;
  return cause ? `${e.message ?? 'fetch failed'}: ${cause}` : (e?.message ?? String(err));
}

function responseHeaders(h: Headers): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  h.forEach((value, name) => {
    if (name === 'set-cookie') return;
    out[name] = value;
  });
  const cookies = h.getSetCookie();
  if (cookies.length === 1) out['set-cookie'] = cookies[0];
  else if (cookies.length > 1) out['set-cookie'] = cookies;
  return out;
}

/** Perform the request and shape the WebResponse. `verb` is `get` or `post` (for messages and logs). */
export async function webRequest(call: CallContext, verb: 'get' | 'post', url: string, opts: WebOptions, body?: RequestBody): Promise<WebResponse> {
  const fail = (cause: string) => new Error(`Fail to do aip.web.${verb} for url: ${url}\nCause: ${cause}`);
  if (call.signal.aborted) throw fail('request cancelled');
  let res: Response;
  let text: string;
  try {
    res = await fetchFollowing(url, verb.toUpperCase(), requestHeaders(opts), body, opts.redirectLimit, call.signal);
    text = await res.text();
  } catch (err) {
    throw fail(transportCause(err, call.signal));
  }
  const contentType = res.headers.get('content-type') ?? undefined;
  let content: unknown = text;
  if (opts.parse && (contentType ?? '').startsWith('application/json')) {
    try {
      content = JSON.parse(text);
    } catch (err) {
      throw new Error(`Failed to parse response body as JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const success = res.status >= 200 && res.status < 300;
  const out: WebResponse = { success, status: res.status, url: res.url || url, content };
  if (contentType !== undefined) out.content_type = contentType;
  const headers = responseHeaders(res.headers);
  if (Object.keys(headers).length > 0) out.headers = headers;
  if (!success) out.error = `Not a 2xx status code (${res.status})`;
  call.env?.log(`-> lua web::${verb} OK (${url}) `);
  return out;
}
