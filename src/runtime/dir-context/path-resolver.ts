/**
 * Path resolution for `aip.*` functions (§5.7). `resolvePath` is the
 * workspace-mode resolver; `processPathReference` is the lighter one used by
 * copy/move/ensure_dir/zip and glob preprocessing.
 */
import * as path from 'node:path';
import type { DirContext } from './dir-context';
import { expandTilde } from './dir-context';
import { resolvePackRefBasePath } from './pack-dirs';
import { looksLikePackRef, parsePackRef } from './pack-ref';

export interface ResolvePathOptions {
  /** Base for relative paths; takes precedence over the workspace (e.g. a caller's `base_dir`). */
  baseDir?: string;
  /** Session for `$tmp` (defaults to the DirContext's). */
  sessionUid?: string;
}

const NO_WORKSPACE_HINT =
  "Cause: No Workspace available.\nDo a 'aip init' in your project root folder to set the '.aipack/' workspace marker folder";

export function resolvePath(dirCtx: DirContext, input: string, opts: ResolvePathOptions = {}): string {
  const p = expandTilde(input, dirCtx.homeDir);
  let full: string;
  if (path.isAbsolute(p)) full = p;
  else if (hasPrefix(p, '$tmp')) full = resolveTmpPath(dirCtx, p, opts.sessionUid);
  // `$workspace/…` and `$base/…` (no pack ref before them) are port additions: the original has
  // only the pack-scoped forms, and would join these onto the workspace as literal folder names.
  else if (hasPrefix(p, '$workspace')) {
    if (dirCtx.workspaceDir === undefined) {
      throw new Error(`Cannot resolve '${input}', because no workspace is available.\n${NO_WORKSPACE_HINT}`);
    }
    full = path.join(dirCtx.workspaceDir, stripPrefix(p, '$workspace'));
  } else if (hasPrefix(p, '$base')) full = path.join(dirCtx.baseDir, stripPrefix(p, '$base'));
  else if (looksLikePackRef(p)) {
    const ref = parsePackRef(p);
    const base = resolvePackRefBasePath(dirCtx, ref);
    full = ref.subPath !== undefined ? path.join(base, ref.subPath) : base;
  } else {
    const base = opts.baseDir ?? dirCtx.workspaceDir;
    if (base === undefined) {
      throw new Error(`Cannot resolve '${input}' for workspace, because no workspace are available.\n${NO_WORKSPACE_HINT}`);
    }
    full = path.join(path.resolve(dirCtx.workspaceDir ?? dirCtx.cwd, base), p);
  }
  return collapse(full);
}

/**
 * `~/`, pack refs (also the leading part of a glob, up to the last `/` before
 * the first wildcard) and `$tmp`; anything else is returned unchanged, so
 * plain relative paths stay relative to the process cwd (§5.7). A pack ref
 * that cannot be resolved is left as written, as the original does.
 */
export function processPathReference(dirCtx: DirContext, input: string, opts: { sessionUid?: string } = {}): string {
  const p = input.startsWith('~/') ? path.join(dirCtx.homeDir, input.slice(2)) : input;
  const refStr = extractPackReference(p);
  if (refStr !== undefined) {
    try {
      const ref = parsePackRef(refStr);
      const base = resolvePackRefBasePath(dirCtx, ref);
      const packPath = path.join(base, ref.subPath ?? '');
      const remaining = p.slice(refStr.length).replace(/^\/+/, '');
      return remaining === '' ? packPath : `${packPath.replace(/\/+$/, '')}/${remaining}`;
    } catch {
      // Not a resolvable ref: fall through and treat it as a plain path.
    }
  }
  if (hasPrefix(p, '$tmp')) return resolveTmpPath(dirCtx, p, opts.sessionUid);
  return p;
}

function resolveTmpPath(dirCtx: DirContext, p: string, sessionUid?: string): string {
  const tmpDir = dirCtx.sessionTmpDir(sessionUid ?? dirCtx.sessionUid);
  if (tmpDir === undefined) throw new Error(`Cannot resolve tmp path '${p}'.\n${NO_WORKSPACE_HINT}`);
  return path.join(tmpDir, stripPrefix(p, '$tmp'));
}

/** Component-wise prefix: `$tmp` and `$tmp/x` match, `$tmpx` does not. */
function hasPrefix(p: string, prefix: string): boolean {
  return p === prefix || p.startsWith(prefix + '/');
}

function stripPrefix(p: string, prefix: string): string {
  return p.slice(prefix.length).replace(/^\/+/, '');
}

/** Lexical collapse of `.` and `..` (§5.7); a trailing `/` is kept so callers can tell dirs. */
function collapse(p: string): string {
  return path.normalize(p);
}

/** Pack-ref part of a path or glob: through the last `/` before the first wildcard, or the whole string. */
function extractPackReference(glob: string): string | undefined {
  if (!looksLikePackRef(glob)) return undefined;
  const wildcard = glob.search(/[*?[]/);
  if (wildcard < 0) return glob;
  const slash = glob.slice(0, wildcard).lastIndexOf('/');
  return slash >= 0 ? glob.slice(0, slash + 1) : glob;
}
