/**
 * Glob matching and glob-priority sorting for `aip.path` and the file listings, through the one
 * glob module (src/runtime/glob/globset.ts). As in simple-fs: `matches_glob` builds its globs with
 * `literal_separator(true)` and matches the path as given; `sort_by_globs` builds them with plain
 * `Glob::new` (`*` crosses `/`) and ignores a leading `./` on the path.
 */
import { compileGlob, compileGlobSet, GlobError } from '../../glob/globset';

export type { GlobMatcher } from '../../glob/globset';

/** True when `path` matches any of `globs` (false for none). Throws globset's error for a bad glob. */
export function matchesAnyGlob(path: string, globs: string[]): boolean {
  if (globs.length === 0) return false;
  return compileGlobSet(globs)(path);
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
  const matchers = globs.map((g) => {
    try {
      return compileGlob(g, { literalSeparator: false });
    } catch (err) {
      // simple-fs's `Error::sort_by_globs` wording.
      if (err instanceof GlobError) throw new Error(`Cannot sort by globs.\nCause: ${err.message}`);
      throw err;
    }
  });
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
