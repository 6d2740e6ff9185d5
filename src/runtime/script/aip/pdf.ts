/**
 * `aip.pdf` (§8.17): page count and split-by-page on pdf-lib. Paths resolve against the
 * workspace (the original uses them raw, relative to the process cwd, which is the
 * workspace when `aip run` is used). No write guard applies, as in aipack.
 */
import { promises as fsp } from 'node:fs';
import { posix, resolve } from 'node:path';
import type { PDFDocument } from 'pdf-lib';
import type { CallContext, ModuleCatalog } from '../catalog';
import { argOptString, argString } from '../catalog';
import { errorMessage } from '../../errors';
import { fileInfo, type FileInfo } from './file-info';
import { atomicWrite, isAbsolutePath, slash, tildePath } from './file-common';
import { checkAccessWrite } from './file-guard';
import { readCapOf, readFileChecked } from './file-read-guard';

function resolvePdfPath(call: CallContext, p: string): string {
  return slash(call.env ? call.env.resolvePath(p) : resolve(p));
}

// pdf-lib takes ~300 ms to load: fetch it on first use, not when the catalog is registered.
const pdfLib = () => import('pdf-lib');

async function loadPdf(abs: string, userPath: string, maxBytes?: number): Promise<PDFDocument> {
  let bytes: Uint8Array;
  try {
    bytes = await readFileChecked(abs, maxBytes);
  } catch (err) {
    throw new Error(`Cannot load pdf doc: ${userPath}\n\tCause: ${errorMessage(err)}`);
  }
  try {
    const { PDFDocument } = await pdfLib();
    return await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
  } catch (err) {
    throw new Error(`Cannot load pdf doc: ${userPath}\n\tCause: ${errorMessage(err)}`);
  }
}

function stemOf(p: string): string {
  const name = posix.basename(p);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

export const pdfCatalog: ModuleCatalog = {
  module: 'pdf',
  doc: 'PDF helpers: count pages and split a PDF into one file per page.',
  entries: [
    {
      name: 'page_count',
      signature: 'aip.pdf.page_count(path: string) -> integer',
      doc: [
        'Number of pages of the PDF at `path` (workspace-relative or absolute).',
        '',
        'Errors: `aip.pdf.page_count failed. Cannot load pdf doc: <path>` with the cause (missing file, not a PDF).',
        '',
        'Example: `local n = aip.pdf.page_count("docs/report.pdf")`',
      ].join('\n'),
      impl: async (call: CallContext, path: unknown) => {
        const p = argString(call, path, 'path');
        try {
          const doc = await loadPdf(resolvePdfPath(call, p), p, readCapOf(call));
          return doc.getPageCount();
        } catch (err) {
          throw new Error(`aip.pdf.page_count failed. ${errorMessage(err)}`);
        }
      },
    },
    {
      name: 'split_pages',
      signature: 'aip.pdf.split_pages(path: string, dest_dir?: string) -> FileInfo[]',
      doc: [
        'Split the PDF at `path` into one PDF per page named `<stem>-page-0001.pdf`, `<stem>-page-0002.pdf`, …',
        '',
        '- `dest_dir`: where to write them (created if needed); default `<dir of path>/<stem>/`.',
        '',
        'Returns the FileInfo of each page file, in page order. Existing files are overwritten.',
        '',
        'Errors: `aip.pdf.page_split failed. File not found: <path>`; load or write failures with their cause.',
        '',
        'Example: `for _, f in ipairs(aip.pdf.split_pages("in/book.pdf")) do print(f.path) end`',
      ].join('\n'),
      impl: async (call: CallContext, path: unknown, destDir: unknown) => {
        const p = argString(call, path, 'path');
        const d = argOptString(call, destDir, 'dest_dir');
        const abs = resolvePdfPath(call, p);
        try {
          await fsp.access(abs);
        } catch {
          throw new Error(`aip.pdf.page_split failed. File not found: ${p}`);
        }
        const stem = stemOf(abs);
        // The display dir follows the user's spelling: relative stays relative.
        const displayDir = d ?? posix.join(posix.dirname(slash(p)), stem);
        const destAbs = d !== undefined ? resolvePdfPath(call, d) : posix.join(posix.dirname(abs), stem);
        try {
          const { PDFDocument } = await pdfLib();
          const src = await loadPdf(abs, p, readCapOf(call));
          const out: FileInfo[] = [];
          const count = src.getPageCount();
          for (let i = 0; i < count; i++) {
            const pageDoc = await PDFDocument.create();
            const [page] = await pageDoc.copyPages(src, [i]);
            pageDoc.addPage(page);
            const bytes = await pageDoc.save();
            const name = `${stem}-page-${String(i + 1).padStart(4, '0')}.pdf`;
            const fileAbs = posix.join(destAbs, name);
            // The write guard of aip.file applies here too (aipack leaves this writer unguarded).
            if (call.env?.workspaceDir !== undefined) checkAccessWrite(fileAbs, call.env.workspaceDir);
            const write = () => atomicWrite(fileAbs, bytes);
            await (call.env ? call.env.withWriteLock(fileAbs, write) : write());
            const display = isAbsolutePath(slash(displayDir)) || displayDir.startsWith('~') ? tildePath(call.env, fileAbs) : posix.join(slash(displayDir), name);
            out.push(fileInfo(display, fileAbs));
          }
          return out;
        } catch (err) {
          throw new Error(`aip.pdf.page_split failed. ${errorMessage(err)}`);
        }
      },
    },
  ],
};
