/**
 * `.docx` → Markdown (used by `aip.file.load_docx_as_md` / `save_docx_to_md`): mammoth turns
 * the document into semantic HTML (headings, lists, tables, emphasis), which then goes
 * through the same HTML → Markdown converter as `aip.html.to_md`.
 */
import { htmlToMarkdown } from './html-support';

export async function docxToMarkdown(data: Uint8Array): Promise<string> {
  let html: string;
  try {
    // mammoth is heavy (~200 ms to load): only when a docx is converted.
    const mammoth = (await import('mammoth')).default;
    const res = await mammoth.convertToHtml({ buffer: Buffer.from(data.buffer, data.byteOffset, data.byteLength) });
    html = res.value;
  } catch (err) {
    throw new Error(`Cannot convert docx to markdown.\nCause: ${err instanceof Error ? err.message : String(err)}`);
  }
  const md = htmlToMarkdown(html);
  return md === '' || md.endsWith('\n') ? md : `${md}\n`;
}
