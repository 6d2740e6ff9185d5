/**
 * `aip.file` document conversions (§8.5): HTML → slim HTML / Markdown, DOCX → Markdown,
 * with DestOptions for where the output goes. ⚠ The original leaves the save variants unguarded;
 * here they take aip.file's write guard like every other writer.
 */
import { promises as fsp } from 'node:fs';
import { posix } from 'node:path';
import type { CallContext, CatalogEntry } from '../catalog';
import { argOptions, argString, luaTypeName } from '../catalog';
import { errorMessage } from '../../errors';
import { atomicWrite, infoOf, readUtf8, resolveUserPath, slash } from './file-common';
import { checkAccessWrite } from './file-guard';
import { readCapOf, readFileChecked } from './file-read-guard';

// The converters pull in mammoth, turndown and an HTML parser: load them on first use so
// registering `aip.file` stays cheap.
const html = () => import('./html-support');
const docx = () => import('./docx-support');

/** DestOptions (§8.3): nil, a path string, or `{base_dir?, file_name?, suffix?, slim?}`. */
type DestOptions =
  | { kind: 'nil' }
  | { kind: 'path'; path: string }
  | { kind: 'custom'; base_dir?: string; file_name?: string; suffix?: string; slim?: boolean };

function parseDest(call: CallContext, v: unknown): DestOptions {
  if (v === undefined || v === null) return { kind: 'nil' };
  if (typeof v === 'string') return { kind: 'path', path: v };
  if (typeof v === 'object' && !Array.isArray(v)) {
    const t = v as Record<string, unknown>;
    const str = (k: string) => (typeof t[k] === 'string' ? (t[k] as string) : undefined);
    return {
      kind: 'custom',
      base_dir: str('base_dir'),
      file_name: str('file_name'),
      suffix: str('suffix'),
      slim: typeof t.slim === 'boolean' ? t.slim : undefined,
    };
  }
  throw new Error(
    `${call.fnName} - Failed to parse destination options.\nCause: Destination Options argument can be nil, a string path, ` +
      `or { base_dir?, file_name?, suffix?, slim? } (got ${luaTypeName(v)})`,
  );
}

/**
 * Destination path as the user sees it: next to the source by default, named
 * `<stem><suffix>.<ext>`. A default suffix (e.g. `-slim`) is dropped when `base_dir` is given.
 */
export function destRelPath(srcPath: string, dest: DestOptions, ext: string, defaultSuffix = ''): string {
  const src = slash(srcPath);
  const name = posix.basename(src);
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const parent = posix.dirname(src);
  const besideSrc = (file: string) => (parent === '.' && !src.startsWith('./') ? file : posix.join(parent, file));
  if (dest.kind === 'path') return dest.path;
  if (dest.kind === 'nil') return besideSrc(`${stem}${defaultSuffix}.${ext}`);
  const suffix = dest.suffix ?? (dest.base_dir !== undefined ? '' : defaultSuffix);
  const file = dest.file_name ?? `${stem}${suffix}.${ext}`;
  if (dest.base_dir !== undefined) return dest.base_dir === '' ? file : posix.join(slash(dest.base_dir), file);
  return besideSrc(file);
}

// aipack's conversion messages carry no function prefix (file_html.rs, file_docx.rs).

async function saveOutput(call: CallContext, rel: string, content: string, what: 'Markdown' | 'slimmed HTML') {
  const abs = resolveUserPath(call, rel);
  // Port decision: aipack leaves the converters unguarded (§12.1); here every writing function
  // refuses a destination outside the workspace (issue 11), the base dir still allowed.
  const wks = call.env?.workspaceDir;
  if (wks !== undefined) checkAccessWrite(abs, wks);
  try {
    await atomicWrite(abs, content);
  } catch (err) {
    throw new Error(`Failed to write ${what} file '${rel}'.\nCause: ${errorMessage(err)}`);
  }
  return infoOf(call, rel, abs);
}

function convert<T>(failure: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw new Error(`${failure}.\nCause: ${errorMessage(err)}`);
  }
}

const slimFailure = (path: string) => `Failed to slim HTML file '${path}'`;
const mdFailure = (path: string) => `Failed to convert HTML file '${path}' to Markdown`;

async function readHtml(call: CallContext, path: string): Promise<string> {
  try {
    return await readUtf8(resolveUserPath(call, path), readCapOf(call));
  } catch (err) {
    throw new Error(`Failed to read HTML file '${path}'.\nCause: ${errorMessage(err)}`);
  }
}

async function loadDocxMd(call: CallContext, path: string): Promise<string> {
  let data: Uint8Array;
  try {
    data = await readFileChecked(resolveUserPath(call, path), readCapOf(call));
  } catch (err) {
    throw new Error(`Failed to convert DOCX file '${path}' to Markdown.\nCause: ${errorMessage(err)}`);
  }
  try {
    return await (await docx()).docxToMarkdown(data);
  } catch (err) {
    throw new Error(`Failed to convert DOCX file '${path}' to Markdown.\nCause: ${errorMessage(err)}`);
  }
}

export const fileConvertEntries: CatalogEntry[] = [
  {
    name: 'save_html_to_md',
    signature: 'aip.file.save_html_to_md(html_path: string, dest?: string|DestOptions) -> FileInfo',
    doc: [
      'Convert an HTML file to Markdown and save it. The HTML is slimmed first (scripts, styles, comments removed)',
      'unless `dest.slim = false`.',
      '',
      '- `dest` nil: `<stem>.md` next to the source; a string: that path;',
      '  a table `{base_dir?, file_name?, suffix?, slim?}`: `<base_dir>/<file_name or stem..suffix..".md">`.',
      '- The write guard of `aip.file.save` applies (aipack itself does not guard this function).',
      '',
      'Example: `aip.file.save_html_to_md("pages/index.html", { base_dir = "md" })`',
    ].join('\n'),
    impl: async (call: CallContext, htmlPath: unknown, dest: unknown) => {
      const p = argString(call, htmlPath, 'html_path');
      const d = parseDest(call, dest);
      const doSlim = d.kind === 'custom' ? d.slim ?? true : true;
      const src = await readHtml(call, p);
      const { slimHtml, htmlToMarkdown } = await html();
      const slim = doSlim ? convert(slimFailure(p), () => slimHtml(src)) : src;
      const md = convert(mdFailure(p), () => htmlToMarkdown(slim));
      return saveOutput(call, destRelPath(p, d, 'md'), md, 'Markdown');
    },
  },
  {
    name: 'save_html_to_slim',
    signature: 'aip.file.save_html_to_slim(html_path: string, dest?: string|DestOptions) -> FileInfo',
    doc: [
      'Slim an HTML file (scripts, styles, comments and noise removed) and save it.',
      '',
      '- `dest` nil: `<stem>-slim.html` next to the source; a string: that path; a table `{base_dir?, file_name?, suffix?}`',
      '  (no `-slim` suffix by default when `base_dir` is given).',
      '- The write guard of `aip.file.save` applies (aipack itself does not guard this function).',
      '',
      'Example: `aip.file.save_html_to_slim("pages/index.html")  -- pages/index-slim.html`',
    ].join('\n'),
    impl: async (call: CallContext, htmlPath: unknown, dest: unknown) => {
      const p = argString(call, htmlPath, 'html_path');
      const d = parseDest(call, dest);
      const src = await readHtml(call, p);
      const { slimHtml } = await html();
      const slim = convert(slimFailure(p), () => slimHtml(src));
      return saveOutput(call, destRelPath(p, d, 'html', '-slim'), slim, 'slimmed HTML');
    },
  },
  {
    name: 'load_html_as_slim',
    signature: 'aip.file.load_html_as_slim(html_path: string) -> string',
    doc: [
      'Read an HTML file and return its slimmed HTML.',
      '',
      'Example: `local html = aip.file.load_html_as_slim("page.html")`',
    ].join('\n'),
    impl: async (call: CallContext, htmlPath: unknown) => {
      const p = argString(call, htmlPath, 'html_path');
      const src = await readHtml(call, p);
      const { slimHtml } = await html();
      return convert(slimFailure(p), () => slimHtml(src));
    },
  },
  {
    name: 'load_html_as_md',
    signature: 'aip.file.load_html_as_md(html_path: string, opts?: {trim?|slim?: boolean}) -> string',
    doc: [
      'Read an HTML file and return it as Markdown. Slims the HTML first unless `opts.trim = false` (or `opts.slim = false`).',
      '',
      'Example: `local md = aip.file.load_html_as_md("page.html")`',
    ].join('\n'),
    impl: async (call: CallContext, htmlPath: unknown, options: unknown) => {
      const p = argString(call, htmlPath, 'html_path');
      const opts = argOptions(call, options);
      const flag = typeof opts.trim === 'boolean' ? opts.trim : typeof opts.slim === 'boolean' ? opts.slim : true;
      const raw = await readHtml(call, p);
      const { slimHtml, htmlToMarkdown } = await html();
      const src = flag ? convert(slimFailure(p), () => slimHtml(raw)) : raw;
      return convert(mdFailure(p), () => htmlToMarkdown(src));
    },
  },
  {
    name: 'save_docx_to_md',
    signature: 'aip.file.save_docx_to_md(docx_path: string, dest?: string|DestOptions) -> FileInfo',
    doc: [
      'Convert a Word `.docx` file to Markdown and save it (`dest` as for `save_html_to_md`; default `<stem>.md` next to it).',
      '',
      '- The write guard of `aip.file.save` applies (aipack itself does not guard this function).',
      '',
      'Example: `aip.file.save_docx_to_md("specs/brief.docx")`',
    ].join('\n'),
    impl: async (call: CallContext, docxPath: unknown, dest: unknown) => {
      const p = argString(call, docxPath, 'docx_path');
      const d = parseDest(call, dest);
      const md = await loadDocxMd(call, p);
      return saveOutput(call, destRelPath(p, d, 'md'), md, 'Markdown');
    },
  },
  {
    name: 'load_docx_as_md',
    signature: 'aip.file.load_docx_as_md(docx_path: string) -> string',
    doc: [
      'Read a Word `.docx` file and return its content as Markdown.',
      '',
      'Example: `local md = aip.file.load_docx_as_md("specs/brief.docx")`',
    ].join('\n'),
    impl: async (call: CallContext, docxPath: unknown) => loadDocxMd(call, argString(call, docxPath, 'docx_path')),
  },
];
