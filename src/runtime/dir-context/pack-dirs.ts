/**
 * Pack directories across the repos (§5.3): the one a ref runs from, the base
 * path a ref points into (§5.7), and the listing behind `aip list`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RepoKind } from '../agent/types';
import type { DirContext } from './dir-context';
import { REPO_KIND_LABELS, isDir } from './dir-context';
import { type PackRef, formatPackRef, packIdentity } from './pack-ref';
import { SUPPORT_PACK } from './paths';

export interface PackDir {
  repoKind: RepoKind;
  namespace: string;
  name: string;
  /** Absolute pack directory. */
  dir: string;
}

/** First repo holding `<ns>/<name>/` wins; exact directory names, no fuzzy match (§5.3). */
export function findPackDir(dirCtx: DirContext, ref: { namespace: string; name: string }): PackDir | undefined {
  for (const repo of dirCtx.packRepos()) {
    // Compare listed names, not stat a joined path: exact even on case-insensitive file systems.
    if (!listDirNames(repo.dir).includes(ref.namespace)) continue;
    if (!listDirNames(path.join(repo.dir, ref.namespace)).includes(ref.name)) continue;
    return { repoKind: repo.kind, namespace: ref.namespace, name: ref.name, dir: path.join(repo.dir, ref.namespace, ref.name) };
  }
  return undefined;
}

/** The pack dir, or an error naming every place that was looked at. */
export function findPackDirOrThrow(dirCtx: DirContext, ref: { namespace: string; name: string }): PackDir {
  const found = findPackDir(dirCtx, ref);
  if (found) return found;
  const looked = dirCtx
    .packRepos({ includeMissing: true })
    .map((r) => `  - ${path.join(r.dir, ref.namespace, ref.name)} (${REPO_KIND_LABELS[r.kind]})`);
  throw new Error(`No aipack matches for ${packIdentity(ref)}.\nLooked in:\n${looked.join('\n')}`);
}

/**
 * Directory a pack ref's sub path is relative to (may not exist): the pack
 * dir, or its `$base` / `$workspace` support dir (§5.7).
 */
export function resolvePackRefBasePath(dirCtx: DirContext, ref: PackRef): string {
  switch (ref.scope) {
    case 'PackDir': {
      const found = findPackDir(dirCtx, ref);
      if (!found) throw new Error(`Cannot find the base path for ${formatPackRef(ref)}`);
      return found.dir;
    }
    case 'BaseSupport':
      return path.join(dirCtx.baseDir, SUPPORT_PACK, ref.namespace, ref.name);
    case 'WorkspaceSupport':
      if (dirCtx.aipackWksDir === undefined) {
        throw new Error(
          `Cannot load reference support file in workspace for '${formatPackRef(ref)}' because no workspace`,
        );
      }
      return path.join(dirCtx.aipackWksDir, SUPPORT_PACK, ref.namespace, ref.name);
  }
}

/**
 * Pack dirs for `aip list` (§11.1). With both namespace and name only the
 * first match counts (as for a run); otherwise every repo contributes all of
 * its matching packs, so shadowed copies show too. Sorted within a repo.
 */
export function lookupPackDirs(dirCtx: DirContext, namespace?: string, name?: string): PackDir[] {
  if (namespace !== undefined && name !== undefined) {
    const found = findPackDir(dirCtx, { namespace, name });
    return found ? [found] : [];
  }
  const out: PackDir[] = [];
  for (const repo of dirCtx.packRepos()) {
    for (const ns of listDirNames(repo.dir).sort()) {
      if (namespace !== undefined && ns !== namespace) continue;
      for (const packName of listDirNames(path.join(repo.dir, ns)).sort()) {
        if (name !== undefined && packName !== name) continue;
        out.push({ repoKind: repo.kind, namespace: ns, name: packName, dir: path.join(repo.dir, ns, packName) });
      }
    }
  }
  return out;
}

/** Names of the sub-directories of `dir` (symlinks to dirs included); [] when unreadable. */
export function listDirNames(dir: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isDirectory() || (e.isSymbolicLink() && isDir(path.join(dir, e.name))))
    .map((e) => e.name);
}
