/**
 * `aip.file` read functions (§8.5): load, exists, info, list, list_load, first, stats.
 * Reads are unrestricted (any absolute path, `~`, pack dirs).
 */
import { promises as fsp } from 'node:fs';
import type { CallContext, CatalogEntry } from '../catalog';
import { argOptions, argString, argStringOrList, luaTypeName } from '../catalog';
import { errorMessage } from '../../errors';
import { envOf, readUtf8, resolveUserPath, tildePath } from './file-common';
import { fileInfo, type FileInfo } from './file-info';
import { computeBaseDir, listBaseDir, listedInfo, listFiles, processGlob, type ListedFile } from './file-list';
import { readCapOf } from './file-read-guard';

export interface FileStats {
  _type: 'FileStats';
  total_size: number;
  number_of_files: number;
  ctime_first: number;
  ctime_last: number;
  mtime_first: number;
  mtime_last: number;
}

/** A FileRecord: FileInfo + content; meta always present. */
export async function loadRecord(call: CallContext, display: string, abs: string): Promise<FileInfo> {
  let content: string;
  try {
    content = await readUtf8(abs, readCapOf(call));
  } catch (err) {
    throw new Error(`Fail to read ${abs}.\nCause: ${errorMessage(err)}`);
  }
  const info = fileInfo(tildePath(call.env, display), abs);
  return { ...info, _type: 'FileRecord', content };
}

function globsArg(call: CallContext, globs: unknown): string[] {
  return argStringOrList(call, globs, 'globs').map((g) => processGlob(call, g));
}

async function listFor(call: CallContext, globs: unknown, options: unknown, globSort: boolean): Promise<ListedFile[]> {
  const opts = argOptions(call, options);
  const base = listBaseDir(call, opts);
  return listFiles(base, globsArg(call, globs), { absolute: opts.absolute === true, listingExcludes: true, globSort });
}

export const fileReadEntries: CatalogEntry[] = [
  {
    name: 'load',
    signature: 'aip.file.load(path: string, opts?: {base_dir?: string}) -> FileRecord',
    doc: [
      'Read a UTF-8 text file and return a `FileRecord` (FileInfo fields + `content`).',
      '',
      '- `path`: relative to `opts.base_dir` when given (a pack ref like `ns@pack/docs` is allowed; a relative',
      '  base_dir is workspace-relative), else to the workspace. `~/…`, `$tmp/…`, pack refs and absolute paths work too.',
      '- `record.path` is the path as given (home paths shown as `~/…`).',
      '',
      'Errors if the file is missing or not valid UTF-8.',
      '',
      'Example: `local rec = aip.file.load("src/main.rs"); print(rec.content)`',
    ].join('\n'),
    impl: async (call: CallContext, path: unknown, options: unknown) => {
      const p = argString(call, path, 'path');
      const base = computeBaseDir(call, argOptions(call, options));
      return loadRecord(call, p, resolveUserPath(call, p, base));
    },
  },
  {
    name: 'exists',
    signature: 'aip.file.exists(path: string) -> boolean',
    doc: [
      'True when the path (file or directory) exists. Never errors for a path that cannot be resolved (returns false).',
      '',
      'Example: `if aip.file.exists("README.md") then ... end`',
    ].join('\n'),
    impl: async (call: CallContext, path: unknown) => {
      const p = argString(call, path, 'path');
      try {
        await fsp.stat(resolveUserPath(call, p));
        return true;
      } catch {
        return false;
      }
    },
  },
  {
    name: 'info',
    signature: 'aip.file.info(path: string|nil) -> FileInfo|nil',
    doc: [
      'FileInfo (with `ctime`, `mtime`, `size`) of a file, without its content.',
      '',
      'Returns nil for a nil or empty path, a missing path, or a directory.',
      '',
      'Example: `local info = aip.file.info("data.csv"); if info then print(info.size) end`',
    ].join('\n'),
    impl: async (call: CallContext, path: unknown) => {
      if (path === undefined || path === null) return undefined;
      if (typeof path !== 'string') {
        throw new Error(`${call.fnName} - accepted argument types are String or Nil, but was ${luaTypeName(path)}`);
      }
      if (path.trim() === '') return undefined;
      const abs = resolveUserPath(call, path);
      try {
        if (!(await fsp.stat(abs)).isFile()) return undefined;
      } catch {
        return undefined;
      }
      return fileInfo(tildePath(call.env, path), abs);
    },
  },
  {
    name: 'list',
    signature: 'aip.file.list(globs: string|string[], opts?: {base_dir?, absolute?, with_meta?}) -> FileInfo[]',
    doc: [
      'List files matching one or more globs under `base_dir` (default: the workspace).',
      '',
      '- Paths are relative to the base, or absolute with `absolute = true` (and always for files outside the base).',
      '- `.aipack/`, `.git/`, `target/`, `node_modules/`, `.build/`, `__pycache__/` are skipped unless a glob names',
      '  the folder; `.DS_Store`, `Thumbs.db`, `*.swp` always are. `!glob` excludes.',
      '- Results are sorted by glob order (a file goes with the last glob it matches), then by path.',
      '- Globs may start with a pack ref (`ns@pack/guide/**/*.md`), `~/` or `$tmp/`; globs starting with `../` are an error.',
      '- `with_meta` is accepted and ignored: `ctime`, `mtime`, `size` are always filled.',
      '',
      'Example: `for _, f in ipairs(aip.file.list({"src/**/*.ts", "README.md"})) do print(f.path) end`',
    ].join('\n'),
    impl: async (call: CallContext, globs: unknown, options: unknown) =>
      (await listFor(call, globs, options, true)).map((f) => listedInfo(call, f)),
  },
  {
    name: 'list_load',
    signature: 'aip.file.list_load(globs: string|string[], opts?: {base_dir?, absolute?}) -> FileRecord[]',
    doc: [
      'Like `aip.file.list`, but returns `FileRecord`s with their `content` loaded.',
      '',
      'Errors if a matched file is not valid UTF-8.',
      '',
      'Example: `local docs = aip.file.list_load("docs/**/*.md")`',
    ].join('\n'),
    impl: async (call: CallContext, globs: unknown, options: unknown) => {
      const files = await listFor(call, globs, options, true);
      const out: FileInfo[] = [];
      for (const f of files) out.push(await loadRecord(call, f.display, f.abs));
      return out;
    },
  },
  {
    name: 'first',
    signature: 'aip.file.first(globs: string|string[], opts?: {base_dir?, absolute?}) -> FileInfo|nil',
    doc: [
      'The first file matching the globs, in directory-walk order (no glob sort), or nil.',
      '',
      'Note: unlike `list`, only `.git/`, `target/`, `node_modules/` and `.DS_Store` are skipped by default.',
      '',
      'Example: `local cfg = aip.file.first({"*.toml", "config/*.toml"})`',
    ].join('\n'),
    impl: async (call: CallContext, globs: unknown, options: unknown) => {
      const opts = argOptions(call, options);
      const base = listBaseDir(call, opts);
      const found = await listFiles(base, globsArg(call, globs), {
        absolute: opts.absolute === true,
        listingExcludes: false,
        globSort: false,
        firstOnly: true,
      });
      return found.length > 0 ? listedInfo(call, found[0]) : undefined;
    },
  },
  {
    name: 'stats',
    signature: 'aip.file.stats(globs: string|string[]|nil, opts?: {base_dir?, absolute?}) -> FileStats|nil',
    doc: [
      'Aggregate statistics of the files a listing would return: `total_size`, `number_of_files`,',
      '`ctime_first`, `ctime_last`, `mtime_first`, `mtime_last` (epoch µs).',
      '',
      'Returns nil when `globs` is nil, and zero-filled stats when nothing matches.',
      '',
      'Example: `local s = aip.file.stats("src/**/*.rs"); print(s.number_of_files, s.total_size)`',
    ].join('\n'),
    impl: async (call: CallContext, globs: unknown, options: unknown) => {
      if (globs === undefined || globs === null) return undefined;
      envOf(call);
      const files = await listFor(call, globs, options, false);
      const stats: FileStats = {
        _type: 'FileStats',
        total_size: 0,
        number_of_files: 0,
        ctime_first: 0,
        ctime_last: 0,
        mtime_first: 0,
        mtime_last: 0,
      };
      for (const f of files) {
        const info = listedInfo(call, f);
        if (info.size === undefined || info.ctime === undefined || info.mtime === undefined) continue;
        const first = stats.number_of_files === 0;
        stats.number_of_files += 1;
        stats.total_size += info.size;
        stats.ctime_first = first ? info.ctime : Math.min(stats.ctime_first, info.ctime);
        stats.ctime_last = first ? info.ctime : Math.max(stats.ctime_last, info.ctime);
        stats.mtime_first = first ? info.mtime : Math.min(stats.mtime_first, info.mtime);
        stats.mtime_last = first ? info.mtime : Math.max(stats.mtime_last, info.mtime);
      }
      return stats;
    },
  },
];
