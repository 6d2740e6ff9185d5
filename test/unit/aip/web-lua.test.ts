// aip.web through the real Lua engine: async calls yield, constants, nil, errors via pcall.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { evalLua } from '../../../src/runtime/script/lua-engine';
import { webCatalog } from '../../../src/runtime/script/aip/web';

let server: Server;
let base = '';

before(async () => {
  server = createServer((req, res) => {
    if (req.url === '/json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"name":"x","n":1.5,"none":null,"list":[1,2]}');
    } else if (req.url === '/r') {
      res.writeHead(301, { location: '/json' });
      res.end();
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('missing');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const run = (code: string) => evalLua(code, { catalogs: [webCatalog] });

test('Lua: get with parse, redirects, constants', async () => {
  const r = await run(`
    local res = aip.web.get("${base}/r", { parse = true })
    return { res.success, res.status, res.url, res.content.name, math.type(res.content.n), res.content.list[2],
             res.content.none == null, aip.web.UA_AIPACK, res.headers["content-type"] }`);
  assert.deepEqual(r, [true, 200, `${base}/json`, 'x', 'float', 2, true, 'aipack', 'application/json']);
});

test('Lua: non-2xx is a table; transport errors are catchable', async () => {
  const r = await run(`
    local res = aip.web.get("${base}/nope")
    local ok, err = pcall(aip.web.get, "http://127.0.0.1:1/x")
    return { res.success, res.status, res.error, ok, tostring(err):find("Fail to do aip.web.get for url: http://127.0.0.1:1/x", 1, true) ~= nil }`);
  assert.deepEqual(r, [false, 404, 'Not a 2xx status code (404)', false, true]);
});

test('Lua: parse_url and resolve_href with nil', async () => {
  const r = await run(`
    local u = aip.web.parse_url("https://a.com:8443/p/q.html?x=1#top")
    return { u.host, u.port, u.query.x, u.fragment, u.page_url, aip.web.parse_url(nil) == nil,
             aip.web.resolve_href(nil, "https://a.com/") == nil, aip.web.resolve_href("../b", "https://a.com/x/y/") }`);
  assert.deepEqual(r, ['a.com', 8443, '1', 'top', 'https://a.com:8443/p/q.html', true, true, 'https://a.com/x/b']);
});
