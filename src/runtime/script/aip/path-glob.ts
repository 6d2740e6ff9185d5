/**
 * Glob matching and glob-priority sorting shared by `aip.path` and `aip.file.list`.
 * Semantics follow the original's globset use: `*` stops at `/`, dotfiles match,
 * a leading `./` on the path is ignored.
 */
import picomatch from 'picomatch';

export type GlobMatcher = (path: string) => boolean;

export function compileGlob(glob: string): GlobMatcher {
  return picomatch(glob, { dot: true });
}

/** True when `path` matches any of `globs` (false for none). */
export function matchesAnyGlob(path: string, globs: string[]): boolean {
  if (globs.length === 0) return false;
  const p = stripDotSlash(path.replace(/\\/g, '/'));
  return globs.some((g) => compileGlob(g)(p));
}

function stripDotSlash(p: string): string {
  return p.startsWith('./') ? p.slice(2) : p;
}

export interface SortByGlobsOptions {
  /** Use the last matching glob's index instead of the first. */
  endWeighted: boolean;
  /** Where items matching no glob go. */
  noMatchPosition: 'start' | 'end';
}

/**
 * Stable priority sort: by matching-glob index (first match, or last when end-weighted),
 * then by path. Non-matching items go to the end (or start).
 */
export function sortByGlobs<T>(items: T[], pathOf: (item: T) => string, globs: string[], opts: SortByGlobsOptions): T[] {
  const matchers = globs.map(compileGlob);
  const noMatch = opts.noMatchPosition === 'start' ? -1 : Number.MAX_SAFE_INTEGER;
  const keyed = items.map((item, i) => {
    const path = pathOf(item);
    const p = stripDotSlash(path);
    let idx = noMatch;
    for (let g = 0; g < matchers.length; g++) {
      if (matchers[g](p)) {
        idx = g;
        if (!opts.endWeighted) break;
      }
    }
    return { item, path, idx, i };
  });
  keyed.sort((a, b) => a.idx - b.idx || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.i - b.i);
  return keyed.map((k) => k.item);
}
