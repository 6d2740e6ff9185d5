/**
 * File walking for globs read as globset reads them (see ./globset). fast-glob walks the tree
 * (pruning with a pattern that can only be wider than the glob) and every entry is then kept
 * only if the globset matcher accepts its path, so fast-glob's own glob dialect never decides.
 */
import type { Stats } from 'node:fs';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import fg from 'fast-glob';
import { compileGlobSet, type GlobMatcher } from './globset';

export interface GlobWalkEntry {
  /** Absolute path, `/`-separated. */
  abs: string;
  /** The path the glob was matched against: relative to the walk's cwd, as the glob is written. */
  rel: string;
  stats?: Stats;
}

export interface GlobWalkOptions {
  /** fast-glob ignore patterns for pruning (our own fixed folder excludes, e.g. `**∕.git/**`). */
  ignore?: string[];
  /** Entries whose `rel` path matches are dropped (user `!glob` excludes, read as globset). */
  exclude?: GlobMatcher;
  stats?: boolean;
  followSymbolicLinks?: boolean;
  /** Stop after the first match. */
  firstOnly?: boolean;
}

const META = /[*?[{\\]/;

/** Leading `/`-ended part of a glob without any glob syntax, and the rest. */
export function splitStaticPrefix(glob: string): { prefix: string; rest: string } {
  const wild = glob.search(META);
  if (wild < 0) return { prefix: glob, rest: '' };
  const sep = glob.lastIndexOf('/', wild);
  return sep < 0 ? { prefix: '', rest: glob } : { prefix: glob.slice(0, sep + 1), rest: glob.slice(sep + 1) };
}

/**
 * A fast-glob pattern matching at least every path the globset glob `rest` can match: one `*`
 * per segment when the glob has a fixed depth, else `**`.
 */
export function walkPattern(rest: string): string {
  // `**`, a group (its alternates may hold `/`), a class (it may match `/`) or an escape: any depth.
  if (/\*\*|[{[\\]/.test(rest)) return '**';
  return rest
    .split('/')
    .map(() => '*')
    .join('/');
}

const slash = (p: string) => p.split(path.sep).join('/');

/** Files under `cwd` matching any of `globs` (globset semantics), de-duplicated, in glob order. */
export async function walkGlobs(cwd: string, globs: string[], opts: GlobWalkOptions = {}): Promise<GlobWalkEntry[]> {
  const out: GlobWalkEntry[] = [];
  const seen = new Set<string>();
  for (const glob of globs) {
    const matches = compileGlobSet([glob]);
    const { prefix, rest } = splitStaticPrefix(glob);
    const root = path.resolve(cwd, prefix || '.');
    const keep = (rel: string) => matches(rel) && !opts.exclude?.(rel);
    if (rest === '') {
      // No glob syntax: the glob names one path.
      const stats = await fsp.stat(root).catch(() => undefined);
      if (!stats?.isFile() || !keep(glob)) continue;
      const abs = slash(root);
      if (!seen.has(abs)) {
        seen.add(abs);
        out.push({ abs, rel: glob, stats: opts.stats ? stats : undefined });
        if (opts.firstOnly) return out;
      }
      continue;
    }
    const entries = await fg(walkPattern(rest), {
      cwd: root,
      dot: true,
      onlyFiles: true,
      objectMode: true,
      stats: opts.stats === true,
      ignore: opts.ignore ?? [],
      followSymbolicLinks: opts.followSymbolicLinks ?? true,
      suppressErrors: true,
    });
    entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const e of entries) {
      const rel = prefix + e.path;
      if (!keep(rel)) continue;
      const abs = slash(path.join(root, e.path));
      if (seen.has(abs)) continue;
      seen.add(abs);
      out.push({ abs, rel, stats: e.stats });
      if (opts.firstOnly) return out;
    }
  }
  return out;
}
