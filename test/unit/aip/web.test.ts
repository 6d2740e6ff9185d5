import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webCatalog } from '../../../src/runtime/script/aip/web';
import { checkCatalogShape, fakeEnv, invoke } from '../../fixtures/aip-io/call';

let server: Server;
let base = '';
const pending = new Set<ServerResponse>();

function handler(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', base);
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const p = url.pathname;
    if (p === '/hello') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'x-custom': 'val' });
      res.end('hello world');
    } else if (p === '/json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"a":1,"list":[1,2],"n":null,"s":"x"}');
    } else if (p === '/bad-json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{not json');
    } else if (p === '/echo') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ method: req.method, headers: req.headers, body, rawHeaders: req.rawHeaders }));
    } else if (p.startsWith('/redirect/')) {
      const n = Number(p.split('/')[2]);
      res.writeHead(302, { location: n > 1 ? `/redirect/${n - 1}` : '/hello' });
      res.end();
    } else if (p === '/see-other') {
      res.writeHead(303, { location: '/echo' });
      res.end();
    } else if (p === '/temp-redirect') {
      res.writeHead(307, { location: '/echo' });
      res.end();
    } else if (p === '/missing') {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('nope');
    } else if (p === '/cookies') {
      res.setHeader('set-cookie', ['a=1; HttpOnly', 'b=2']);
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
    } else if (p === '/slow') {
      pending.add(res); // never answered; the client aborts
    } else {
      res.writeHead(500);
      res.end();
    }
  });
}

before(async () => {
  server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  for (const r of pending) r.destroy();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

test('catalog shape and constants', () => {
  checkCatalogShape(webCatalog, ['get', 'post', 'parse_url', 'resolve_href']);
  assert.equal(webCatalog.constants?.UA_AIPACK, 'aipack');
  assert.equal(
    webCatalog.constants?.UA_BROWSER,
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  );
});

test('get: 200 response, headers lower-cased, log line', async () => {
  const env = fakeEnv(undefined);
  const res = await invoke(webCatalog, 'get', [`${base}/hello`], { env });
  assert.equal(res.success, true);
  assert.equal(res.status, 200);
  assert.equal(res.url, `${base}/hello`);
  assert.equal(res.content, 'hello world');
  assert.equal(res.content_type, 'text/plain; charset=utf-8');
  assert.equal(res.headers['x-custom'], 'val');
  assert.equal(res.error, undefined);
  assert.deepEqual(env.logs, [`-> lua web::get OK (${base}/hello) `]);
});

test('get: repeated set-cookie headers become a list', async () => {
  const res = await invoke(webCatalog, 'get', [`${base}/cookies`]);
  assert.deepEqual(res.headers['set-cookie'], ['a=1; HttpOnly', 'b=2']);
});

test('get: non-2xx is a response, not an error', async () => {
  const res = await invoke(webCatalog, 'get', [`${base}/missing`]);
  assert.equal(res.success, false);
  assert.equal(res.status, 404);
  assert.equal(res.content, 'nope');
  assert.equal(res.error, 'Not a 2xx status code (404)');
});

test('get: follows redirects up to the limit and reports the final url', async () => {
  const res = await invoke(webCatalog, 'get', [`${base}/redirect/5`]);
  assert.equal(res.status, 200);
  assert.equal(res.url, `${base}/hello`);
  assert.equal(res.content, 'hello world');
  const res2 = await invoke(webCatalog, 'get', [`${base}/redirect/2`, { redirect_limit: 2 }]);
  assert.equal(res2.url, `${base}/hello`);
});

test('get: one redirect over the limit is an error', async () => {
  await assert.rejects(invoke(webCatalog, 'get', [`${base}/redirect/6`]), {
    message: `Fail to do aip.web.get for url: ${base}/redirect/6\nCause: error following redirect for url (${base}/redirect/1): too many redirects`,
  });
  await assert.rejects(invoke(webCatalog, 'get', [`${base}/redirect/1`, { redirect_limit: 0 }]), {
    message: `Fail to do aip.web.get for url: ${base}/redirect/1\nCause: error following redirect for url (${base}/redirect/1): too many redirects`,
  });
});

test('get: parse=true parses application/json; parse=false keeps the text', async () => {
  const parsed = await invoke(webCatalog, 'get', [`${base}/json`, { parse: true }]);
  assert.deepEqual(parsed.content, { a: 1, list: [1, 2], n: null, s: 'x' });
  const raw = await invoke(webCatalog, 'get', [`${base}/json`]);
  assert.equal(raw.content, '{"a":1,"list":[1,2],"n":null,"s":"x"}');
  const textNotParsed = await invoke(webCatalog, 'get', [`${base}/hello`, { parse: true }]);
  assert.equal(textNotParsed.content, 'hello world');
  await assert.rejects(invoke(webCatalog, 'get', [`${base}/bad-json`, { parse: true }]), /^Error: Failed to parse response body as JSON: /);
});

test('user agent precedence: option > header > default; false sends none', async () => {
  const ua = async (opts?: unknown) => (await invoke(webCatalog, 'get', [`${base}/echo`, opts])).content;
  const parse = (c: string) => JSON.parse(c).headers['user-agent'];
  assert.equal(parse(await ua()), 'aipack');
  assert.equal(parse(await ua({ headers: { 'User-Agent': 'from-header' } })), 'from-header');
  assert.equal(parse(await ua({ user_agent: 'opt', headers: { 'User-Agent': 'from-header' } })), 'opt');
  assert.equal(parse(await ua({ user_agent: true })), 'aipack');
  // fetch always sends a User-Agent line; aipack's "none" becomes an empty value.
  assert.equal(parse(await ua({ user_agent: false })), '');
});

test('headers: string and list values are sent', async () => {
  const res = await invoke(webCatalog, 'get', [`${base}/echo`, { parse: true, headers: { 'X-One': 'a', 'X-Many': ['b', 'c'] } }]);
  assert.equal(res.content.headers['x-one'], 'a');
  assert.equal(res.content.headers['x-many'], 'b, c');
  await assert.rejects(invoke(webCatalog, 'get', [`${base}/echo`, { headers: { 'X-Bad': 3 } }]), {
    message: "aip.web.get - Header values must be strings or arrays of strings (header 'X-Bad')",
  });
  await assert.rejects(invoke(webCatalog, 'get', [`${base}/echo`, 'nope']), {
    message: "aip.web.get - expected <table> for parameter 'options' but got string",
  });
});

test('post: string body is plain/text, table body is JSON', async () => {
  const env = fakeEnv(undefined);
  const s = await invoke(webCatalog, 'post', [`${base}/echo`, 'some text', { parse: true }], { env });
  assert.equal(s.content.method, 'POST');
  assert.equal(s.content.headers['content-type'], 'plain/text');
  assert.equal(s.content.body, 'some text');
  const t = await invoke(webCatalog, 'post', [`${base}/echo`, { some: 'stuff', n: [1, 2] }, { parse: true }]);
  assert.equal(t.content.headers['content-type'], 'application/json');
  assert.deepEqual(JSON.parse(t.content.body), { some: 'stuff', n: [1, 2] });
  assert.deepEqual(env.logs, [`-> lua web::post OK (${base}/echo) `]);
  await assert.rejects(invoke(webCatalog, 'post', [`${base}/echo`, 12]), { message: 'aip.web.post - Data must be a string or a table' });
});

test('post: 303 turns into GET without body, 307 keeps POST and body', async () => {
  const r303 = await invoke(webCatalog, 'post', [`${base}/see-other`, 'x', { parse: true }]);
  assert.equal(r303.content.method, 'GET');
  assert.equal(r303.content.body, '');
  const r307 = await invoke(webCatalog, 'post', [`${base}/temp-redirect`, 'y', { parse: true }]);
  assert.equal(r307.content.method, 'POST');
  assert.equal(r307.content.body, 'y');
});

test('transport failure raises an error naming the url', async () => {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  const url = `http://127.0.0.1:${port}/x`;
  await assert.rejects(invoke(webCatalog, 'get', [url]), (err: Error) => {
    assert.ok(err.message.startsWith(`Fail to do aip.web.get for url: ${url}\nCause: `), err.message);
    assert.match(err.message, /ECONNREFUSED/);
    return true;
  });
  await assert.rejects(invoke(webCatalog, 'get', ['not a url']), /^Error: Fail to do aip\.web\.get for url: not a url\nCause: /);
  await assert.rejects(invoke(webCatalog, 'get', [12]), { message: "aip.web.get - expected <string> for parameter 'url' but got number" });
});

test('abort: cancelling the run aborts the pending request', async () => {
  const ac = new AbortController();
  const p = invoke(webCatalog, 'get', [`${base}/slow`], { signal: ac.signal });
  setTimeout(() => ac.abort(), 50);
  await assert.rejects(p, { message: `Fail to do aip.web.get for url: ${base}/slow\nCause: request cancelled` });
  const pre = new AbortController();
  pre.abort();
  await assert.rejects(invoke(webCatalog, 'get', [`${base}/hello`], { signal: pre.signal }), /request cancelled/);
});

test('parse_url: parts, nil, invalid', async () => {
  const u = await invoke(webCatalog, 'parse_url', ['https://user:pass@example.com:8080/path/to/resource?key1=val1&key2=val2#fragment']);
  assert.deepEqual(u, {
    scheme: 'https',
    host: 'example.com',
    port: 8080,
    path: '/path/to/resource',
    query: { key1: 'val1', key2: 'val2' },
    fragment: 'fragment',
    username: 'user',
    password: 'pass',
    url: 'https://user:pass@example.com:8080/path/to/resource?key1=val1&key2=val2#fragment',
    page_url: 'https://example.com:8080/path/to/resource',
  });
  const plain = await invoke(webCatalog, 'parse_url', ['https://example.com/a']);
  assert.equal(plain.port, undefined);
  assert.equal(plain.query, undefined);
  assert.equal(plain.fragment, undefined);
  assert.equal(plain.password, undefined);
  assert.equal(plain.username, '');
  assert.equal(await invoke(webCatalog, 'parse_url', [undefined]), undefined);
  await assert.rejects(invoke(webCatalog, 'parse_url', ['not a valid url']), {
    message: "Cannot parse url 'not a valid url'.\nCause: relative URL without a base",
  });
});

test('resolve_href: absolute, relative, root, scheme-relative, fragment, query, nil, bad base', async () => {
  const r = (h: unknown, b: string) => invoke(webCatalog, 'resolve_href', [h, b]);
  assert.equal(await r('https://another.com/page.html', 'https://base.com/docs/'), 'https://another.com/page.html');
  assert.equal(await r('sub/page.html', 'https://base.com/docs/'), 'https://base.com/docs/sub/page.html');
  assert.equal(await r('/other/resource', 'https://base.com/docs/path/'), 'https://base.com/other/resource');
  assert.equal(await r('//cdn.example.com/script.js', 'https://base.com/docs/'), 'https://cdn.example.com/script.js');
  assert.equal(await r('//cdn.example.com/script.js', 'http://base.com/docs/'), 'http://cdn.example.com/script.js');
  assert.equal(await r('', 'https://base.com/docs/'), 'https://base.com/docs/');
  assert.equal(await r('#section1', 'https://base.com/page.html'), 'https://base.com/page.html#section1');
  assert.equal(await r('?key=val', 'https://base.com/page.html'), 'https://base.com/page.html?key=val');
  assert.equal(await r(undefined, 'https://base.com/docs/'), undefined);
  await assert.rejects(r('path', 'not-a-base-url'), {
    message: "aip.web.resolve_href: Invalid base_url 'not-a-base-url'.\nCause: relative URL without a base",
  });
});

test('redirects to another origin drop Authorization/Cookie; same origin keeps them', async () => {
  const other = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ headers: req.headers }));
  });
  await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
  const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}/x`;
  const hop = createServer((req, res) => {
    if (req.url === '/echo-here') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ headers: req.headers }));
      return;
    }
    res.writeHead(302, { location: req.url === '/same' ? '/echo-here' : otherUrl });
    res.end();
  });
  await new Promise<void>((r) => hop.listen(0, '127.0.0.1', r));
  const hopBase = `http://127.0.0.1:${(hop.address() as AddressInfo).port}`;
  try {
    const opts = { parse: true, headers: { Authorization: 'Bearer t', Cookie: 'c=1', 'X-Keep': 'k' } };
    const cross = await invoke(webCatalog, 'get', [`${hopBase}/cross`, opts]);
    assert.equal(cross.url, otherUrl);
    assert.equal(cross.content.headers.authorization, undefined);
    assert.equal(cross.content.headers.cookie, undefined);
    assert.equal(cross.content.headers['x-keep'], 'k');
    const same = await invoke(webCatalog, 'get', [`${hopBase}/same`, opts]);
    assert.equal(same.url, `${hopBase}/echo-here`);
    assert.equal(same.content.headers.authorization, 'Bearer t');
    assert.equal(same.content.headers.cookie, 'c=1');
  } finally {
    other.closeAllConnections();
    hop.closeAllConnections();
    await new Promise<void>((r) => other.close(() => r()));
    await new Promise<void>((r) => hop.close(() => r()));
  }
});
