/**
 * `aip.web` (§8.10): HTTP GET/POST returning a WebResponse, URL parsing and href
 * resolution, and the two user-agent constants.
 */
import type { CallContext, ModuleCatalog } from '../catalog';
import { ArgError, argString, LuaFloat } from '../catalog';
import { stringifyJson } from './json-value';
import { UA_AIPACK, UA_BROWSER, readWebOptions, webRequest } from './web-request';

const WEB_OPTIONS_DOC = [
  '- `options.user_agent`: a string is sent as is (`aip.web.UA_BROWSER` is a common browser UA); `true` sends `aipack`;',
  '  `false` sends an empty one. It wins over a `User-Agent` in `headers`; without either, `aipack` is sent.',
  '- `options.headers`: `{ name = value }` where value is a string or a list of strings.',
  '- `options.redirect_limit`: redirects to follow (default 5); one more is an error.',
  '- `options.parse`: when `true` and the response is `application/json`, `content` is the parsed table.',
].join('\n');

const WEB_RESPONSE_DOC =
  'Returns a WebResponse `{success, status, url, content, content_type?, headers?, error?}`: `success` is true for 2xx, ' +
  '`url` is the final URL after redirects, `headers` maps lower-case names to a string (or a list when repeated), ' +
  '`error` is `"Not a 2xx status code (<status>)"` otherwise.';

function optString(call: CallContext, v: unknown, param: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new ArgError(call.fnName, 'string', param, v);
  return v;
}

/** Why a string is not an absolute URL, in the url crate's words where they apply. */
function urlParseCause(s: string): string {
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(s) ? 'invalid URL' : 'relative URL without a base';
}

function tryUrl(s: string, base?: string): URL | undefined {
  try {
    return new URL(s, base);
  } catch {
    return undefined;
  }
}

function parsedUrl(url: URL): Record<string, unknown> {
  const scheme = url.protocol.replace(/:$/, '');
  const host = url.hostname === '' ? undefined : url.hostname;
  const port = url.port === '' ? undefined : Number(url.port);
  const query: Record<string, string> = {};
  let hasQuery = false;
  for (const [k, v] of url.searchParams) {
    query[k] = v;
    hasQuery = true;
  }
  let pageUrl = `${scheme}://${host ?? ''}`;
  if (port !== undefined) pageUrl += `:${port}`;
  pageUrl += url.pathname;
  return {
    scheme,
    host,
    port,
    path: url.pathname,
    query: hasQuery ? query : undefined,
    fragment: url.hash === '' ? undefined : url.hash.slice(1),
    username: url.username,
    password: url.password === '' ? undefined : url.password,
    url: url.href,
    page_url: pageUrl,
  };
}

export const webCatalog: ModuleCatalog = {
  module: 'web',
  doc: 'HTTP requests (GET/POST) that return a WebResponse, plus URL parsing and href resolution. Calls are cancelled with the run.',
  constants: { UA_AIPACK, UA_BROWSER },
  entries: [
    {
      name: 'get',
      signature: 'aip.web.get(url: string, opts?: WebOptions) -> WebResponse',
      doc: [
        'HTTP GET `url`, following redirects.',
        '',
        WEB_OPTIONS_DOC,
        '',
        WEB_RESPONSE_DOC,
        '',
        'A non-2xx status is not an error (check `success`). A transport failure (bad URL, refused connection,',
        'too many redirects, cancel) raises `Fail to do aip.web.get for url: <url>` with the cause.',
        '',
        'Example: `local res = aip.web.get("https://example.com", { user_agent = aip.web.UA_BROWSER })`',
      ].join('\n'),
      impl: (call: CallContext, url: unknown, opts: unknown) => {
        const u = argString(call, url, 'url');
        return webRequest(call, 'get', u, readWebOptions(call, opts));
      },
    },
    {
      name: 'post',
      signature: 'aip.web.post(url: string, data: string|table, opts?: WebOptions) -> WebResponse',
      doc: [
        'HTTP POST `data` to `url`.',
        '',
        '- `data`: a string is sent with `Content-Type: plain/text` (aipack\'s literal value); a table is sent as JSON',
        '  with `Content-Type: application/json`. Anything else is an error.',
        WEB_OPTIONS_DOC,
        '',
        WEB_RESPONSE_DOC,
        '',
        'Errors as `aip.web.get` (`Fail to do aip.web.post for url: …`).',
        '',
        'Example: `local res = aip.web.post(api_url, { name = "x" }, { parse = true })`',
      ].join('\n'),
      impl: (call: CallContext, url: unknown, data: unknown, opts: unknown) => {
        const u = argString(call, url, 'url');
        let body: { body: string; contentType: string };
        if (typeof data === 'string') body = { body: data, contentType: 'plain/text' };
        else if (data !== null && typeof data === 'object' && !(data instanceof LuaFloat)) body = { body: stringifyJson(data, false), contentType: 'application/json' };
        else throw new Error(`${call.fnName} - Data must be a string or a table`);
        return webRequest(call, 'post', u, readWebOptions(call, opts), body);
      },
    },
    {
      name: 'parse_url',
      signature: 'aip.web.parse_url(url: string|nil) -> table|nil',
      doc: [
        'Split a URL into parts: `{scheme, host?, port?, path, query?, fragment?, username, password?, url, page_url}`.',
        '`query` maps parameter names to values (nil when there is no query); `port` is nil for the scheme\'s default;',
        '`page_url` is `scheme://host[:port]/path` (no query, no fragment). `nil` gives `nil`.',
        '',
        'Errors: `Cannot parse url \'<url>\'.` with the cause when the string is not an absolute URL.',
        '',
        'Example: `local u = aip.web.parse_url("https://example.com:8080/a?b=1")  -- u.port == 8080, u.query.b == "1"`',
      ].join('\n'),
      impl: (call: CallContext, url: unknown) => {
        const s = optString(call, url, 'url');
        if (s === undefined) return undefined;
        const parsed = tryUrl(s);
        if (!parsed) throw new Error(`Cannot parse url '${s}'.\nCause: ${urlParseCause(s)}`);
        return parsedUrl(parsed);
      },
    },
    {
      name: 'resolve_href',
      signature: 'aip.web.resolve_href(href: string|nil, base_url: string) -> string|nil',
      doc: [
        'Resolve an `href` (as found in an `<a>` tag) against `base_url` (RFC 3986): an absolute href is returned',
        'unchanged; `/x`, `x`, `//host/x`, `?q` and `#frag` are joined to the base. `nil` href gives `nil`.',
        '',
        'Errors: `aip.web.resolve_href: Invalid base_url \'<base>\'.` when the base is not an absolute URL.',
        '',
        'Example: `aip.web.resolve_href("sub/page.html", "https://example.com/docs/")  -- "https://example.com/docs/sub/page.html"`',
      ].join('\n'),
      impl: (call: CallContext, href: unknown, baseUrl: unknown) => {
        const h = optString(call, href, 'href');
        const base = argString(call, baseUrl, 'base_url');
        if (h === undefined) return undefined;
        if (tryUrl(h)) return h;
        if (!tryUrl(base)) throw new Error(`aip.web.resolve_href: Invalid base_url '${base}'.\nCause: ${urlParseCause(base)}`);
        const joined = tryUrl(h, base);
        if (!joined) throw new Error(`aip.web.resolve_href: Failed to join href '${h}' with base_url '${base}'.\nCause: invalid URL`);
        return joined.href;
      },
    },
  ],
};
