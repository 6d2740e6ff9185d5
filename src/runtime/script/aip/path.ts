/**
 * `aip.path` (§8.6): path string helpers (parse, join, parent, split, diff, globs) and
 * three resolved checks (exists, is_file, is_dir). Lexical rules follow Rust's `Path`.
 */
import { promises as fsp } from 'node:fs';
import type { CallContext, CatalogEntry, ModuleCatalog } from '../catalog';
import { argString, LuaFloat, luaTypeName } from '../catalog';
import { resolveUserPath, slash, tildePath } from './file-common';
import { fileInfo } from './file-info';
import { errorMessage } from '../../errors';
import { matchesAnyGlob, sortByGlobs, type SortByGlobsOptions } from './path-glob';

interface Components {
  root: boolean;
  comps: string[];
}

/** Rust-like components: empty segments dropped, `.` kept only as the first of a relative path. */
function components(path: string): Components {
  const p = slash(path);
  const root = p.startsWith('/');
  const comps: string[] = [];
  p.split('/').forEach((seg, i) => {
    if (seg === '') return;
    if (seg === '.') {
      if (i === 0 && !root) comps.push('.');
      return;
    }
    comps.push(seg);
  });
  return { root, comps };
}

/** Lexical parent; undefined for `""` and `/`. */
export function pathParent(path: string): string | undefined {
  const { root, comps } = components(path);
  if (comps.length === 0) return undefined;
  const rest = comps.slice(0, -1).join('/');
  return root ? '/' + rest : rest;
}

export function pathFileName(path: string): string {
  const { comps } = components(path);
  const last = comps[comps.length - 1];
  return last === undefined || last === '.' || last === '..' ? '' : last;
}

/** `base` joined with `leaf` (an absolute leaf replaces it), repeated slashes collapsed. */
export function pathJoin(base: string, leaf: string): string {
  const b = slash(base);
  const l = slash(leaf);
  let joined: string;
  if (l.startsWith('/')) joined = l;
  else if (b === '') joined = l;
  else joined = b.endsWith('/') ? b + l : `${b}/${l}`;
  return joined.replace(/\/{2,}/g, '/');
}

/** Relative path from `base` to `path`, lexically (Rust `pathdiff`); undefined when not computable. */
export function pathDiff(path: string, base: string): string | undefined {
  const p = components(path);
  const b = components(base);
  if (p.root !== b.root) return p.root ? slash(path) : undefined;
  const pc = p.comps.filter((c) => c !== '.');
  const bc = b.comps.filter((c) => c !== '.');
  let i = 0;
  while (i < pc.length && i < bc.length && pc[i] === bc[i]) i++;
  const up = bc.slice(i);
  if (up.includes('..')) return undefined;
  return [...up.map(() => '..'), ...pc.slice(i)].join('/');
}

function expandTilde(env: { homeDir: string }, p: string): string {
  const s = slash(p);
  const home = slash(env.homeDir).replace(/\/+$/, '');
  if (s === '~') return home;
  if (s.startsWith('~/')) return `${home}/${s.slice(2)}`;
  return s;
}

function stringList(call: CallContext, v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) return [];
  throw new Error(`${call.fnName} - Expected a string or a list of strings, but got ${luaTypeName(v)}`);
}

function sortOptions(call: CallContext, v: unknown): SortByGlobsOptions {
  if (v === undefined || v === null) return { endWeighted: false, noMatchPosition: 'end' };
  if (typeof v === 'boolean') return { endWeighted: v, noMatchPosition: 'end' };
  if (typeof v === 'string') {
    if (v !== 'start' && v !== 'end') throw new Error(`${call.fnName} options string must be 'start' or 'end', got '${v}'`);
    return { endWeighted: false, noMatchPosition: v };
  }
  if (typeof v === 'object' && !Array.isArray(v) && !(v instanceof LuaFloat)) {
    const t = v as Record<string, unknown>;
    return { endWeighted: t.end_weighted === true, noMatchPosition: t.no_match_position === 'start' ? 'start' : 'end' };
  }
  throw new Error(`${call.fnName} options must be nil, boolean, 'start'/'end' string, or a table`);
}

async function statOf(call: CallContext, path: string) {
  return fsp.stat(resolveUserPath(call, path)).catch(() => undefined);
}

const entries: CatalogEntry[] = [
  {
    name: 'parse',
    signature: 'aip.path.parse(path: string|nil) -> FileInfo|nil',
    doc: [
      'Split a path into a FileInfo (`path`, `dir`, `name`, `stem`, `ext`) without touching the disk (no times or size).',
      '',
      'Returns nil for nil. Example: `local p = aip.path.parse("docs/readme.md"); print(p.stem, p.ext)`',
    ].join('\n'),
    impl: (call: CallContext, path: unknown) => {
      if (path === undefined || path === null) return undefined;
      if (typeof path !== 'string') {
        throw new Error(`${call.fnName} - accepted argument types are String or Nil, but was ${luaTypeName(path)}`);
      }
      return fileInfo(tildePath(call.env, path));
    },
  },
  {
    name: 'resolve',
    signature: 'aip.path.resolve(path: string) -> string',
    doc: [
      'Resolve a path the way `aip.file` functions do: relative → workspace, `~/…`, `$tmp/…`, pack refs; absolute and collapsed.',
      '',
      'Example: `print(aip.path.resolve("ns@pack/lua/util.lua"))`',
    ].join('\n'),
    impl: (call: CallContext, path: unknown) => resolveUserPath(call, argString(call, path, 'path')),
  },
  {
    name: 'join',
    signature: 'aip.path.join(base: string, ...parts: string|string[]) -> string',
    doc: [
      'Join `base` with the parts: a list part is joined with `/`; the parts themselves are concatenated',
      '**without** a separator, then joined to `base` with `/`. Repeated slashes are collapsed.',
      '',
      'Example: `aip.path.join("docs", {"api", "index.md"})  -- "docs/api/index.md"`; `aip.path.join("a", "b", "c")  -- "a/bc"`',
    ].join('\n'),
    impl: (call: CallContext, base: unknown, ...parts: unknown[]) => {
      const b = argString(call, base, 'base');
      const leaf = parts.map((p) => stringList(call, p).join('/')).join('');
      return pathJoin(b, leaf);
    },
  },
  {
    name: 'exists',
    signature: 'aip.path.exists(path: string) -> boolean',
    doc: 'True when the resolved path (file or directory) exists.\n\nExample: `if aip.path.exists("out/") then ... end`',
    impl: async (call: CallContext, path: unknown) => {
      const p = argString(call, path, 'path');
      try {
        return (await statOf(call, p)) !== undefined;
      } catch {
        return false;
      }
    },
  },
  {
    name: 'is_file',
    signature: 'aip.path.is_file(path: string) -> boolean',
    doc: 'True when the resolved path is an existing file.\n\nExample: `aip.path.is_file("README.md")`',
    impl: async (call: CallContext, path: unknown) => (await statOf(call, argString(call, path, 'path')))?.isFile() ?? false,
  },
  {
    name: 'is_dir',
    signature: 'aip.path.is_dir(path: string) -> boolean',
    doc: 'True when the resolved path is an existing directory.\n\nExample: `aip.path.is_dir("src")`',
    impl: async (call: CallContext, path: unknown) =>
      (await statOf(call, argString(call, path, 'path')))?.isDirectory() ?? false,
  },
  {
    name: 'diff',
    signature: 'aip.path.diff(file_path: string, base_path: string) -> string',
    doc: [
      'The relative path from `base_path` to `file_path` (`~` expanded first); "" when it cannot be computed.',
      '',
      'Example: `aip.path.diff("src/a/b.rs", "src")  -- "a/b.rs"`',
    ].join('\n'),
    impl: (call: CallContext, file: unknown, base: unknown) => {
      const f = argString(call, file, 'file_path');
      const b = argString(call, base, 'base_path');
      const env = call.env ?? { homeDir: '~' };
      return pathDiff(expandTilde(env, f), expandTilde(env, b)) ?? '';
    },
  },
  {
    name: 'parent',
    signature: 'aip.path.parent(path: string) -> string|nil',
    doc: 'The parent of a path (lexical), or nil for a root-like path.\n\nExample: `aip.path.parent("docs/a.md")  -- "docs"`',
    impl: (call: CallContext, path: unknown) => pathParent(argString(call, path, 'path')),
  },
  {
    name: 'matches_glob',
    signature: 'aip.path.matches_glob(path: string|nil, globs: string|string[]) -> boolean|nil',
    doc: [
      'True when `path` matches any of the globs (`*` stops at `/`, `**` crosses directories). nil for a nil path;',
      'false for an empty glob list.',
      '',
      'Example: `aip.path.matches_glob("src/main.rs", {"src/**/*.rs"})  -- true`',
    ].join('\n'),
    impl: (call: CallContext, path: unknown, globs: unknown) => {
      if (path === undefined || path === null) return undefined;
      if (typeof path !== 'string') {
        throw new Error(`${call.fnName} - accepted argument types are String or Nil, but was ${luaTypeName(path)}`);
      }
      return matchesAnyGlob(path, stringList(call, globs));
    },
  },
  {
    name: 'split',
    signature: 'aip.path.split(path: string) -> parent: string, filename: string',
    doc: [
      'Split a path into its parent and its file name (two return values, "" when missing).',
      '',
      'Example: `local dir, name = aip.path.split("docs/a.md")  -- "docs", "a.md"`',
    ].join('\n'),
    multi: true,
    impl: (call: CallContext, path: unknown) => {
      const p = argString(call, path, 'path');
      return [pathParent(p) ?? '', pathFileName(p)];
    },
  },
  {
    name: 'sort_by_globs',
    signature:
      "aip.path.sort_by_globs(items: (string|{path})[], globs: string|string[], opts?: boolean|'start'|'end'|{end_weighted?, no_match_position?}) -> same items, reordered",
    doc: [
      'Sort paths (strings, or tables with a `path` field) by the first glob they match, then by path.',
      'Items matching no glob go to the end (or the start).',
      '',
      '- `opts` `true`: end-weighted (an item goes with the **last** glob it matches); `"start"`/`"end"`: where',
      '  non-matches go; or `{end_weighted?, no_match_position?}`.',
      '',
      'Example: `local files = aip.path.sort_by_globs(files, {"*.toml", "*.md"})`',
    ].join('\n'),
    impl: (call: CallContext, items: unknown, globs: unknown, options: unknown) => {
      const globList = stringList(call, globs);
      const opts = sortOptions(call, options);
      if (items === null || typeof items !== 'object' || items instanceof LuaFloat) {
        throw new Error(`${call.fnName} 'files' argument must be a list (table)`);
      }
      const list = Array.isArray(items) ? items : [];
      const pathOf = (v: unknown): string => {
        if (typeof v === 'string') return v;
        if (v !== null && typeof v === 'object' && typeof (v as Record<string, unknown>).path === 'string') {
          return (v as Record<string, string>).path;
        }
        if (v !== null && typeof v === 'object' && !(v instanceof LuaFloat)) throw new Error(`${call.fnName} each file table must have a 'path' string field`);
        throw new Error(`${call.fnName} each file must be a string or a table with a 'path' field`);
      };
      list.forEach(pathOf);
      try {
        return sortByGlobs(list, pathOf, globList, opts);
      } catch (err) {
        throw new Error(`${call.fnName} error: ${errorMessage(err)}`);
      }
    },
  },
];

export const pathCatalog: ModuleCatalog = {
  module: 'path',
  doc: 'Paths: parse, join, split and compare path strings; match and sort by globs; check what exists on disk.',
  entries,
};

