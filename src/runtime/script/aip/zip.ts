/**
 * `aip.zip` (§8.17): create, extract, list and read zip archives with fflate. Archive
 * paths use `/`; entries with absolute or `..` paths are refused on extract. Writes go
 * through the write guard (§12.1), the per-path lock (§7.5) and atomic renames.
 */
import { promises as fsp } from 'node:fs';
import { posix, resolve } from 'node:path';
import type { Zippable } from 'fflate';
import type { CallContext, ModuleCatalog } from '../catalog';
import { argOptString, argString, LuaFloat } from '../catalog';
import { errorMessage } from '../../errors';
import { compileGlobSet } from '../../glob/globset';
import { fileInfo, type FileInfo } from './file-info';
import { atomicWrite, relUnder, requireWorkspace, slash, tildePath } from './file-common';
import { checkAccessWrite } from './file-guard';
import { readCapOf, readFileChecked } from './file-read-guard';

function resolveZipPath(call: CallContext, p: string): string {
  return slash(call.env ? call.env.resolvePath(p) : resolve(p));
}

/** Workspace-relative when inside it, else absolute (home shown as `~/…`). */
function displayOf(call: CallContext, abs: string): string {
  const wks = call.env?.workspaceDir;
  const rel = wks ? relUnder(abs, wks) : undefined;
  return rel !== undefined && rel !== '' ? rel : tildePath(call.env, abs);
}

function readGlobs(call: CallContext, raw: unknown): string[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw) || raw instanceof LuaFloat) {
    throw new Error(`Failed to parse zip options.\nCause: Expected nil or a table for ZipOptions`);
  }
  const globs = (raw as Record<string, unknown>).globs;
  if (globs === undefined || globs === null) return undefined;
  if (Array.isArray(globs) && globs.every((g) => typeof g === 'string')) return globs as string[];
  if (typeof globs === 'object' && !Array.isArray(globs) && Object.keys(globs).length === 0) return [];
  throw new Error(`Failed to parse zip options.\nCause: ZipOptions.globs must be an array of strings`);
}

/** Include-only filter on archive paths; no globs (or an empty list) keeps everything. */
function globFilter(globs: string[] | undefined): (name: string) => boolean {
  if (!globs || globs.length === 0) return () => true;
  // simple-fs's `get_glob_set` (support/zip.rs `matches_zip_globs`): globset with literal_separator.
  return compileGlobSet(globs);
}

function unsafeEntry(name: string): string | undefined {
  if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name)) return `Unsafe zip entry with absolute path: '${name}'`;
  if (name.replace(/\\/g, '/').split('/').includes('..')) return `Unsafe zip entry with path traversal: '${name}'`;
  return undefined;
}

async function readArchive(abs: string, maxBytes?: number): Promise<Uint8Array> {
  return new Uint8Array(await readFileChecked(abs, maxBytes));
}

// Loaded on first use so registering the catalog stays cheap.
const fflate = () => import('fflate');

/** Entry names in archive order (fflate's filter sees every entry, in order, before inflating). */
async function listArchive(data: Uint8Array): Promise<string[]> {
  const { unzipSync } = await fflate();
  const names: string[] = [];
  unzipSync(data, {
    filter: (f) => {
      names.push(f.name);
      return false;
    },
  });
  return names;
}

async function walkDir(dir: string, rel: string, out: { name: string; abs: string; isDir: boolean }[]): Promise<void> {
  const entries = await fsp.readdir(posix.join(dir, rel), { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const name = rel ? `${rel}/${e.name}` : e.name;
    const abs = posix.join(dir, name);
    const linkedDir = e.isSymbolicLink() && (await fsp.stat(abs).then((s) => s.isDirectory(), () => false));
    out.push({ name, abs, isDir: e.isDirectory() || linkedDir });
    // Like walkdir's default, symlinked folders are listed but not entered (no cycles).
    if (e.isDirectory()) await walkDir(dir, name, out);
  }
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

export const zipCatalog: ModuleCatalog = {
  module: 'zip',
  doc: 'Zip archives: create from a folder, extract, list entries, read one text entry.',
  entries: [
    {
      name: 'create',
      signature: 'aip.zip.create(src_dir: string, dest_zip?: string, opts?: ZipOptions) -> FileInfo',
      doc: [
        'Zip the folder `src_dir` (deflate) into `dest_zip` (default `<parent>/<dirname>.zip`); entries are relative to `src_dir`.',
        '',
        '- `opts.globs`: only files whose archive path matches one of these globs are added (folders are always listed).',
        '',
        'Returns the FileInfo of the archive. The destination must be in the workspace or `~/.aipack-base` (write guard).',
        '',
        'Errors: `aip.zip.create failed. …` (missing source dir, `Save file protection - …`); needs a workspace.',
        '',
        'Example: `local zip = aip.zip.create("dist/site", nil, { globs = { "**/*.html" } })`',
      ].join('\n'),
      impl: async (call: CallContext, srcDir: unknown, destZip: unknown, opts: unknown) => {
        const src = argString(call, srcDir, 'src_dir');
        const dest = argOptString(call, destZip, 'dest_zip');
        const globs = readGlobs(call, opts);
        const wks = requireWorkspace(call);
        const srcAbs = resolveZipPath(call, src);
        const destAbs = dest !== undefined ? resolveZipPath(call, dest) : posix.join(posix.dirname(srcAbs), `${posix.basename(srcAbs)}.zip`);
        const fail = (msg: string) => new Error(`aip.zip.create failed. ${msg}`);
        try {
          checkAccessWrite(destAbs, wks);
        } catch (err) {
          throw fail(errorMessage(err));
        }
        const st = await fsp.stat(srcAbs).catch(() => undefined);
        if (!st) throw fail(`Fail to zip directory. Source directory does not exist: '${srcAbs}'`);
        if (!st.isDirectory()) throw fail(`Fail to zip directory. Source path is not a directory: '${srcAbs}'`);
        const keep = globFilter(globs);
        const walked: { name: string; abs: string; isDir: boolean }[] = [];
        await walkDir(srcAbs, '', walked);
        const files: Zippable = {};
        for (const e of walked) {
          // The archive being written may sit inside the source folder.
          if (e.abs === destAbs) continue;
          if (e.isDir) files[`${e.name}/`] = [new Uint8Array(0), { level: 0 }];
          else if (keep(e.name)) files[e.name] = [new Uint8Array(await fsp.readFile(e.abs)), { level: 6 }];
        }
        const { zipSync } = await fflate();
        const bytes = zipSync(files);
        try {
          await call.env!.withWriteLock(destAbs, () => atomicWrite(destAbs, bytes));
        } catch (err) {
          throw fail(errorMessage(err));
        }
        return fileInfo(displayOf(call, destAbs), destAbs);
      },
    },
    {
      name: 'extract',
      signature: 'aip.zip.extract(src_zip: string, dest_dir?: string, opts?: ZipOptions) -> FileInfo[]',
      doc: [
        'Extract `src_zip` into `dest_dir` (default `<parent>/<zip stem>/`), overwriting existing files.',
        '',
        '- `opts.globs`: only entries whose stored path matches one of these globs are extracted.',
        '',
        'Returns the FileInfo of each extracted file (folders are not listed), in archive order.',
        '',
        'Errors: `aip.zip.extract failed. …` for an entry with an absolute or `..` path (nothing is written),',
        'a destination outside the workspace (`Save file protection - …`), or a bad archive; needs a workspace.',
        '',
        'Example: `for _, f in ipairs(aip.zip.extract("in/data.zip")) do print(f.path) end`',
      ].join('\n'),
      impl: async (call: CallContext, srcZip: unknown, destDir: unknown, opts: unknown) => {
        const src = argString(call, srcZip, 'src_zip');
        const dest = argOptString(call, destDir, 'dest_dir');
        const globs = readGlobs(call, opts);
        const wks = requireWorkspace(call);
        const srcAbs = resolveZipPath(call, src);
        const stem = posix.basename(srcAbs).replace(/\.[^.]*$/, '') || posix.basename(srcAbs);
        const destAbs = dest !== undefined ? resolveZipPath(call, dest) : posix.join(posix.dirname(srcAbs), stem);
        const fail = (msg: string) => new Error(`aip.zip.extract failed. ${msg}`);
        try {
          checkAccessWrite(destAbs, wks);
        } catch (err) {
          throw fail(errorMessage(err));
        }
        let entries: Record<string, Uint8Array>;
        const order: string[] = [];
        const keep = globFilter(globs);
        try {
          const data = await readArchive(srcAbs, readCapOf(call));
          // Check every entry before writing anything.
          for (const name of await listArchive(data)) {
            const bad = unsafeEntry(name);
            if (bad) throw new Error(bad);
            if (keep(name)) order.push(name);
          }
          const wanted = new Set(order);
          const { unzipSync } = await fflate();
          entries = unzipSync(data, { filter: (f) => wanted.has(f.name) });
        } catch (err) {
          throw fail(`Cannot unzip '${src}'.\nCause: ${errorMessage(err)}`);
        }
        // Every entry's real target is checked before anything is written: a folder inside the destination may
        // be a symlink pointing out of the workspace.
        try {
          for (const name of order) checkAccessWrite(posix.join(destAbs, name), wks);
        } catch (err) {
          throw fail(errorMessage(err));
        }
        const out: FileInfo[] = [];
        for (const name of order) {
          const target = posix.join(destAbs, name);
          if (name.endsWith('/')) {
            await fsp.mkdir(target, { recursive: true });
            continue;
          }
          await call.env!.withWriteLock(target, () => atomicWrite(target, entries[name]));
          out.push(fileInfo(displayOf(call, target), target));
        }
        return out;
      },
    },
    {
      name: 'read_text',
      signature: 'aip.zip.read_text(src_zip: string, entry: string) -> string|nil',
      doc: [
        'Read one entry of `src_zip` as UTF-8 text. `entry` is the stored path (e.g. `docs/readme.md`).',
        '',
        'Returns `nil` when the entry does not exist.',
        '',
        'Errors: `aip.zip.read_text failed. …` for an unreadable archive or an entry that is not valid UTF-8.',
        '',
        'Example: `local manifest = aip.zip.read_text("pkg.zip", "manifest.json")`',
      ].join('\n'),
      impl: async (call: CallContext, srcZip: unknown, entry: unknown) => {
        const src = argString(call, srcZip, 'src_zip');
        const name = argString(call, entry, 'entry');
        const abs = resolveZipPath(call, src);
        let found: Uint8Array | undefined;
        try {
          const { unzipSync } = await fflate();
          found = unzipSync(await readArchive(abs, readCapOf(call)), { filter: (f) => f.name === name })[name];
        } catch (err) {
          throw new Error(`aip.zip.read_text failed. Cannot read zip '${posix.basename(abs)}'.\nCause: ${errorMessage(err)}`);
        }
        if (found === undefined) return undefined;
        try {
          return utf8Strict.decode(found);
        } catch {
          throw new Error(`aip.zip.read_text failed. Entry '${name}' of '${posix.basename(abs)}' is not valid UTF-8`);
        }
      },
    },
    {
      name: 'list',
      signature: 'aip.zip.list(src_zip: string, opts?: ZipOptions) -> string[]',
      doc: [
        'Entry paths of `src_zip` exactly as stored, in archive order (folders end with `/`).',
        '',
        '- `opts.globs`: keep only entries matching one of these globs.',
        '',
        'Errors: `aip.zip.list failed. …` for a missing or invalid archive.',
        '',
        'Example: `local names = aip.zip.list("pkg.zip", { globs = { "**/*.md" } })`',
      ].join('\n'),
      impl: async (call: CallContext, srcZip: unknown, opts: unknown) => {
        const src = argString(call, srcZip, 'src_zip');
        const globs = readGlobs(call, opts);
        const abs = resolveZipPath(call, src);
        try {
          return (await listArchive(await readArchive(abs, readCapOf(call)))).filter(globFilter(globs));
        } catch (err) {
          throw new Error(`aip.zip.list failed. Cannot read zip '${posix.basename(abs)}'.\nCause: ${errorMessage(err)}`);
        }
      },
    },
  ],
};
