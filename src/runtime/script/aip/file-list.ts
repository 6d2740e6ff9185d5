/**
 * File listing for `aip.file.list/list_load/first/stats` (§12.3): glob preprocessing
 * (`~/`, pack refs, `$tmp`), default folder excludes, `../` rejection, grouping of
 * absolute globs, and glob-order sorting.
 */
import type { Stats } from 'node:fs';
import type { CallContext } from '../catalog';
import { envOf, isAbsolutePath, relUnder, requireWorkspace, resolveUserPath, slash, tildePath } from './file-common';
import { fileInfo, type FileInfo } from './file-info';
import { compileGlobSet } from '../../glob/globset';
import { walkGlobs } from '../../glob/walk';
import { sortByGlobs } from './path-glob';

/** Folders skipped unless a glob names them (a glob containing `node_modules/` lists inside it). */
const SPECIAL_FOLDER_EXCLUDES: [string, string][] = [
  ['.aipack/', '**/.aipack/**'],
  ['.git/', '**/.git/**'],
  ['target/', '**/target/**'],
  ['node_modules/', '**/node_modules/**'],
  ['.build/', '**/.build/**'],
  ['__pycache__/', '**/__pycache__/**'],
];
const ALWAYS_EXCLUDES = ['**/.DS_Store', '.DS_Store', '**/Thumbs.db', '**/*.swp'];
/** What `first` skips: the walker's own defaults, not the listing ones (⚠ §8.5). */
const WALKER_DEFAULT_EXCLUDES = ['**/.git/**', '**/.DS_Store', '**/target/**', '**/node_modules/**'];

export interface ListedFile {
  /** Path shown to the user: relative to the base, or absolute (outside base / `absolute`). */
  display: string;
  abs: string;
  stats?: Stats;
}

/** `options.base_dir` resolved (pack refs, `~`, relative → workspace); undefined when absent. */
export function computeBaseDir(call: CallContext, options: Record<string, unknown>): string | undefined {
  const raw = options.base_dir;
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string') throw new Error(`${call.fnName} - options.base_dir must be of type string if present`);
  return resolveUserPath(call, raw);
}

/** The listing base: `base_dir` or the workspace (which then must exist; aipack's support_list.rs wording). */
export function listBaseDir(call: CallContext, options: Record<string, unknown>): string {
  const base = computeBaseDir(call, options) ?? envOf(call).workspaceDir;
  if (base === undefined) throw new Error('Cannot create file records, no workspace');
  return base;
}

/** Up to the last `/` before the first wildcard (the whole string when there is none). */
function staticPrefix(glob: string): string {
  const wild = glob.search(/[*?[{]/);
  if (wild < 0) return glob;
  const sep = glob.slice(0, wild).lastIndexOf('/');
  return sep < 0 ? glob : glob.slice(0, sep + 1);
}

// Expand `~/`, a pack-ref prefix (`ns@pack/sub/**/*.md`) and `$tmp/` (also `$workspace/`, `$base/`) in a glob.
export function processGlob(call: CallContext, glob: string): string {
  const env = envOf(call);
  let g = slash(glob);
  if (g.startsWith('~/')) return `${slash(env.homeDir).replace(/\/+$/, '')}/${g.slice(2)}`;
  const looksPackRef = g.includes('@') && !g.startsWith('.') && !g.startsWith('!') && !isAbsolutePath(g);
  const dirPrefix = /^\$(tmp|workspace|base)(\/|$)/.test(g);
  if (looksPackRef || dirPrefix) {
    const prefix = staticPrefix(g);
    const rest = g.slice(prefix.length).replace(/^\/+/, '');
    try {
      const resolved = resolveUserPath(call, prefix).replace(/\/+$/, '');
      g = rest ? `${resolved}/${rest}` : resolved;
    } catch (err) {
      // A `$tmp/` glob without a workspace is an error; an unknown pack ref stays a plain glob.
      if (!looksPackRef) throw err;
    }
  }
  return g;
}

function validateGlobs(globs: string[]): void {
  for (const raw of globs) {
    const g = slash(raw).trim();
    if (g.startsWith('../') || g.startsWith('./..')) {
      throw new Error(`Glob '${g}' starting with '../'.\nStarting glob with '../' is not supported at the moment.`);
    }
  }
}

/** Default excludes minus the folders a glob names explicitly. */
function defaultExcludes(globs: string[]): string[] {
  const out: string[] = [];
  for (const [folder, glob] of SPECIAL_FOLDER_EXCLUDES) {
    if (!globs.some((g) => slash(g).trim().includes(folder))) out.push(glob);
  }
  return out.concat(ALWAYS_EXCLUDES);
}

/** Longest leading run of path segments without wildcards. */
function wildFreeBase(glob: string): string {
  const parts = glob.split('/');
  const base: string[] = [];
  for (const part of parts) {
    if (/[*?[{]/.test(part)) break;
    base.push(part);
  }
  const joined = base.join('/');
  return joined === '' ? '/' : joined;
}

interface Group {
  cwd: string;
  patterns: string[];
}

function groupGlobs(base: string, includes: string[]): Group[] {
  const groups: Group[] = [];
  const relative: string[] = [];
  for (const g of includes) {
    if (isAbsolutePath(g)) {
      const gbase = wildFreeBase(g);
      // A glob with no wildcard names one file: its parent dir is the walk root.
      const cwd = gbase === g ? g.slice(0, g.lastIndexOf('/')) || '/' : gbase;
      const pattern = g.slice(cwd.length).replace(/^\/+/, '');
      const existing = groups.find((x) => x.cwd === cwd);
      if (existing) existing.patterns.push(pattern);
      else groups.push({ cwd, patterns: [pattern] });
    } else {
      let r = g;
      while (r.startsWith('./')) r = r.slice(2);
      relative.push(r);
    }
  }
  if (relative.length > 0) groups.unshift({ cwd: base, patterns: relative });
  return groups;
}

export interface ListOptions {
  absolute: boolean;
  /** `list`/`list_load`/`stats`: default folder excludes; `first`: only the walker defaults. */
  listingExcludes: boolean;
  globSort: boolean;
  /** Stop at the first match (for `first`). */
  firstOnly?: boolean;
}

/** List the files matching `globs` (already preprocessed) under `base`. */
export async function listFiles(base: string, globs: string[], opts: ListOptions): Promise<ListedFile[]> {
  if (opts.listingExcludes) validateGlobs(globs);
  const includes = globs.filter((g) => !g.startsWith('!'));
  const negated = globs.filter((g) => g.startsWith('!')).map((g) => g.slice(1));
  if (includes.length === 0 && negated.length > 0) includes.push('**');
  // Our fixed folder excludes prune the walk; the user's `!glob`s are read as globset globs.
  const ignore = opts.listingExcludes ? defaultExcludes(globs) : WALKER_DEFAULT_EXCLUDES;
  const exclude = negated.length > 0 ? compileGlobSet(negated) : undefined;

  const seen = new Set<string>();
  const out: ListedFile[] = [];
  for (const group of groupGlobs(slash(base), includes)) {
    const entries = await walkGlobs(group.cwd, group.patterns, { ignore, exclude, stats: true, followSymbolicLinks: true, firstOnly: opts.firstOnly });
    for (const entry of entries) {
      const abs = entry.abs;
      if (seen.has(abs)) continue;
      seen.add(abs);
      const rel = opts.absolute ? undefined : relUnder(abs, base);
      out.push({ display: rel ?? abs, abs, stats: entry.stats });
      if (opts.firstOnly) return out;
    }
  }
  return opts.globSort ? sortByGlobs(out, (f) => f.display, globs, { endWeighted: true, noMatchPosition: 'end' }) : out;
}

/** FileInfo from a listing entry, meta from the walk's stats (no extra stat calls). */
export function listedInfo(call: CallContext, f: ListedFile): FileInfo {
  const info = fileInfo(tildePath(call.env, f.display));
  if (f.stats) {
    info.ctime = Math.floor((f.stats.birthtimeMs || f.stats.ctimeMs) * 1000);
    info.mtime = Math.floor(f.stats.mtimeMs * 1000);
    info.size = f.stats.size;
  }
  return info;
}
