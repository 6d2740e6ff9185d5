// The ⚠ notes of §8 and §12.5 not covered by the other Lua-level tests: the port follows the
// original's code where its docs differ.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { luaAll } from './lua-all-env';
import { makeWorkspace } from './file-env';

const unix = process.platform !== 'win32';

test('§12.5 #16 / §8.10: web.post sends a string body as `plain/text`; UA precedence and headers through Lua', async () => {
  const seen: { ct?: string; ua?: string; x?: string; body: string }[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ ct: req.headers['content-type'], ua: req.headers['user-agent'], x: req.headers['x-one'] as string | undefined, body });
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"err":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const r = (await luaAll(`
      local a = aip.web.post("${base}/a", "some text")
      local b = aip.web.get("${base}/b", { headers = { ["User-Agent"] = "from-header", ["x-one"] = "1" } })
      local c = aip.web.get("${base}/c", { user_agent = "opt", headers = { ["User-Agent"] = "from-header" }, parse = true })
      local d = aip.web.get("${base}/d", { user_agent = true })
      local ok, e = pcall(aip.web.post, "${base}/e", 12)
      return { a.success, a.status, c.content.err, ok, tostring(e) }`)) as unknown[];
    // Non-2xx is a response, not an error; JSON parse applies to error bodies too.
    assert.deepEqual(r, [false, 500, true, false, 'aip.web.post - Data must be a string or a table']);
    assert.deepEqual(seen[0], { ct: 'plain/text', ua: 'aipack', x: undefined, body: 'some text' });
    assert.equal(seen[1].ua, 'from-header');
    assert.equal(seen[1].x, '1');
    assert.equal(seen[2].ua, 'opt');
    assert.equal(seen[3].ua, 'aipack');
    assert.equal(seen.length, 4);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
});

test('§8.10: a transport failure is a Lua error', async () => {
  // A port nothing listens on: bind then close a server to get one.
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  const r = (await luaAll(`local ok, e = pcall(aip.web.get, "http://127.0.0.1:${port}/x") return { ok, tostring(e) }`)) as [boolean, string];
  assert.equal(r[0], false);
  assert.ok(r[1].startsWith(`Fail to do aip.web.get for url: http://127.0.0.1:${port}/x`), r[1]);
});

test('§12.5 #9: cmd.exec runs without a shell; a string `args` is one argument', { skip: !unix }, async () => {
  const node = JSON.stringify(process.execPath);
  const r = (await luaAll(`
    local one = aip.cmd.exec(${node}, "-p")
    local argv = aip.cmd.exec(${node}, { "-e", "console.log(JSON.stringify(process.argv.slice(1)))", "a b", "$HOME" })
    return { one.exit, argv.stdout }`)) as [number, string];
  // "-p" alone prints the value of nothing (undefined): a single argument reached node.
  assert.equal(r[0], 0);
  assert.equal(r[1], '["a b","$HOME"]\n');
});

// §8.17 ⚠: aipack writes split pages without the write guard; here every writer takes it (issue 22 item 1).
test('§8.17: pdf.split_pages takes the write guard (aipack does not): a dest outside the workspace is refused', async () => {
  const ws = makeWorkspace();
  try {
    const doc = await PDFDocument.create();
    doc.addPage();
    doc.addPage();
    ws.write('a.pdf', await doc.save());
    const outside = join(ws.home, 'pages-out');
    const r = (await luaAll(`local ok, err = pcall(aip.pdf.split_pages, "a.pdf", ${JSON.stringify(outside)}) return tostring(err)`, ws)) as string;
    assert.match(r, /Save file protection/);
    assert.equal(existsSync(outside), false);
    const inside = (await luaAll('local f = aip.pdf.split_pages("a.pdf", "pages") return #f', ws)) as number;
    assert.equal(inside, 2);
  } finally {
    ws.cleanup();
  }
});

test('§8.3: ApplyChangesItem has no match_tier; a failed patch reports its error and leaves the file', async () => {
  const ws = makeWorkspace();
  try {
    ws.write('a.txt', 'one\ntwo\n');
    const r = (await luaAll(
      `local changes = "[[[UDIFFX_FILE_CHANGES]]]\\n[[[FILE_PATCH file_path=\\"a.txt\\"]]]\\n@@\\n zzz\\n-qqq\\n+TWO\\n[[[/FILE_PATCH]]]\\n[[[/UDIFFX_FILE_CHANGES]]]"
       local s = aip.udiffx.apply_file_changes(changes)
       local it = s.items[1]
       return { s.success, s.fail_count, it.match_tier == nil, it.success, type(it.error_msg) }`,
      ws,
    )) as unknown[];
    assert.deepEqual(r, [false, 1, true, false, 'string']);
    assert.equal(readFileSync(join(ws.wks, 'a.txt'), 'utf8'), 'one\ntwo\n');
  } finally {
    ws.cleanup();
  }
});

test('§12.5 #8 / #14: stats of no match is zero-filled; load_json needs a string', async () => {
  const ws = makeWorkspace();
  try {
    const r = (await luaAll('local s = aip.file.stats("*.none") return { s.number_of_files, s.total_size, aip.file.stats(nil) == nil }', ws)) as unknown[];
    assert.deepEqual(r, [0, 0, true]);
    const e = (await luaAll('local ok, e = pcall(aip.file.load_json, nil) return tostring(e)', ws)) as string;
    assert.equal(e, "aip.file.load_json - expected <string> for parameter 'path' but got nil");
  } finally {
    ws.cleanup();
  }
});
