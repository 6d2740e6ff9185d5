import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { pdfCatalog } from '../../../src/runtime/script/aip/pdf';
import { checkCatalogShape, fakeEnv, invoke, tempDir } from '../../fixtures/aip-io/call';

async function makePdf(path: string, pages: number): Promise<void> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([200 + i * 10, 300]);
  writeFileSync(path, await doc.save());
}

test('catalog shape', () => {
  checkCatalogShape(pdfCatalog, ['page_count', 'split_pages']);
});

test('page_count: workspace-relative and absolute paths', async () => {
  const wks = tempDir();
  mkdirSync(join(wks, 'docs'));
  await makePdf(join(wks, 'docs', 'report.pdf'), 3);
  const env = fakeEnv(wks);
  assert.equal(await invoke(pdfCatalog, 'page_count', ['docs/report.pdf'], { env }), 3);
  assert.equal(await invoke(pdfCatalog, 'page_count', [join(wks, 'docs', 'report.pdf')], { env }), 3);
});

test('page_count: missing file and non-PDF are errors', async () => {
  const wks = tempDir();
  writeFileSync(join(wks, 'x.pdf'), 'not a pdf at all');
  const env = fakeEnv(wks);
  await assert.rejects(invoke(pdfCatalog, 'page_count', ['missing.pdf'], { env }), /^Error: aip\.pdf\.page_count failed\. Cannot load pdf doc: missing\.pdf\n\tCause: ENOENT/);
  await assert.rejects(invoke(pdfCatalog, 'page_count', ['x.pdf'], { env }), /^Error: aip\.pdf\.page_count failed\. Cannot load pdf doc: x\.pdf\n\tCause: /);
});

test('split_pages: default dest <dir>/<stem>/, one file per page, round trip', async () => {
  const wks = tempDir();
  mkdirSync(join(wks, 'in'));
  await makePdf(join(wks, 'in', 'book.pdf'), 3);
  const env = fakeEnv(wks);
  const files = await invoke(pdfCatalog, 'split_pages', ['in/book.pdf'], { env });
  assert.deepEqual(
    files.map((f: { path: string }) => f.path),
    ['in/book/book-page-0001.pdf', 'in/book/book-page-0002.pdf', 'in/book/book-page-0003.pdf'],
  );
  assert.equal(files[0]._type, 'FileInfo');
  assert.equal(files[0].name, 'book-page-0001.pdf');
  assert.ok(files[0].size > 0);
  for (let i = 0; i < 3; i++) {
    const page = await PDFDocument.load(readFileSync(join(wks, 'in', 'book', `book-page-000${i + 1}.pdf`)));
    assert.equal(page.getPageCount(), 1);
    assert.equal(page.getPage(0).getWidth(), 200 + i * 10);
  }
});

test('split_pages: explicit dest_dir; missing source is an error', async () => {
  const wks = tempDir();
  await makePdf(join(wks, 'a.pdf'), 2);
  const env = fakeEnv(wks);
  const files = await invoke(pdfCatalog, 'split_pages', ['a.pdf', 'out/pages'], { env });
  assert.deepEqual(files.map((f: { path: string }) => f.path), ['out/pages/a-page-0001.pdf', 'out/pages/a-page-0002.pdf']);
  assert.ok(existsSync(join(wks, 'out', 'pages', 'a-page-0002.pdf')));
  await assert.rejects(invoke(pdfCatalog, 'split_pages', ['nope.pdf'], { env }), { message: 'aip.pdf.page_split failed. File not found: nope.pdf' });
});
