import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { luaIn, type TestWorkspace } from './file-env';
import { withWs } from './helpers';

const HTML = `<html><head><title>T</title><style>p{color:red}</style><script>alert(1)</script></head>
<body><!-- note --><h1>Hello</h1><p>Some <b>bold</b> text.</p></body></html>`;

/** The smallest .docx mammoth reads: one paragraph. */
function tinyDocx(): Uint8Array {
  const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>Docx body</w:t></w:r></w:p></w:body></w:document>`,
    ),
  });
}

const read = (ws: TestWorkspace, rel: string) => readFileSync(join(ws.wks, rel), 'utf8');

test('load_html_as_slim and load_html_as_md (slim by default, trim=false keeps the raw HTML)', () =>
  withWs(async (ws) => {
    ws.write('p/page.html', HTML);
    const slim = (await luaIn(ws, 'return aip.file.load_html_as_slim("p/page.html")')) as string;
    assert.ok(!slim.includes('alert(1)') && !slim.includes('color:red') && !slim.includes('note'), slim);
    assert.ok(slim.includes('Hello'));
    const md = (await luaIn(ws, 'return aip.file.load_html_as_md("p/page.html")')) as string;
    assert.match(md, /# Hello/);
    assert.match(md, /Some \*\*bold\*\* text\./);
    assert.ok(!md.includes('alert(1)'));
    const raw = (await luaIn(ws, 'return aip.file.load_html_as_md("p/page.html", {trim = false})')) as string;
    assert.match(raw, /# Hello/);
    await assert.rejects(
      luaIn(ws, 'return aip.file.load_html_as_md("p/none.html")'),
      /eval\.lua:1: Failed to read HTML file 'p\/none\.html'\.\nCause: /,
    );
  }));

test('save_html_to_md: default dest next to the source, string dest, DestOptions', () =>
  withWs(async (ws) => {
    ws.write('p/page.html', HTML);
    const info = (await luaIn(ws, 'return aip.file.save_html_to_md("p/page.html")')) as Record<string, unknown>;
    assert.equal(info.path, 'p/page.md');
    assert.match(read(ws, 'p/page.md'), /# Hello/);
    await luaIn(ws, 'aip.file.save_html_to_md("p/page.html", "out/x.md")');
    assert.match(read(ws, 'out/x.md'), /\*\*bold\*\*/);
    const c = (await luaIn(ws, 'return aip.file.save_html_to_md("p/page.html", {base_dir = "md", suffix = "_v2"})')) as Record<string, unknown>;
    assert.equal(c.path, 'md/page_v2.md');
    const d = (await luaIn(ws, 'return aip.file.save_html_to_md("p/page.html", {file_name = "named.md"})')) as Record<string, unknown>;
    assert.equal(d.path, 'p/named.md');
    assert.ok(existsSync(join(ws.wks, 'p/named.md')));
    await assert.rejects(
      luaIn(ws, 'return aip.file.save_html_to_md("p/page.html", 12)'),
      /aip\.file\.save_html_to_md - Failed to parse destination options\.\nCause: Destination Options argument can be nil, a string path, or \{ base_dir\?, file_name\?, suffix\?, slim\? \}/,
    );
  }));

test('save_html_to_slim: -slim suffix by default, none with base_dir; a dest outside the workspace is refused', () =>
  withWs(async (ws) => {
    ws.write('p/page.html', HTML);
    const a = (await luaIn(ws, 'return aip.file.save_html_to_slim("p/page.html")')) as Record<string, unknown>;
    assert.equal(a.path, 'p/page-slim.html');
    assert.ok(!read(ws, 'p/page-slim.html').includes('alert(1)'));
    const b = (await luaIn(ws, 'return aip.file.save_html_to_slim("p/page.html", {base_dir = "slim"})')) as Record<string, unknown>;
    assert.equal(b.path, 'slim/page.html');
    // Unlike aipack (§12.1), the converters take the write guard like every other writer.
    const outside = join(ws.home, 'outside-slim.html');
    await assert.rejects(luaIn(ws, `return aip.file.save_html_to_slim("p/page.html", "${outside}")`), /Save file protection/);
    assert.ok(!existsSync(outside));
  }));

test('load_docx_as_md and save_docx_to_md', () =>
  withWs(async (ws) => {
    ws.write('d/brief.docx', tinyDocx());
    assert.match((await luaIn(ws, 'return aip.file.load_docx_as_md("d/brief.docx")')) as string, /Docx body/);
    const info = (await luaIn(ws, 'return aip.file.save_docx_to_md("d/brief.docx")')) as Record<string, unknown>;
    assert.equal(info.path, 'd/brief.md');
    assert.match(read(ws, 'd/brief.md'), /Docx body/);
    ws.write('d/bad.docx', 'not a zip');
    await assert.rejects(
      luaIn(ws, 'return aip.file.load_docx_as_md("d/bad.docx")'),
      /eval\.lua:1: Failed to convert DOCX file 'd\/bad\.docx' to Markdown\.\nCause: /,
    );
  }));
