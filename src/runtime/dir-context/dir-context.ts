/**
 * DirContext (§5.1-5.3): where the base dir, the workspace and its `.aipack/`
 * live, which pack repos exist, and how paths given by agents resolve (§5.7).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { RepoKind } from '../agent/types';
import {
  AIPACK_BASE_DIR_NAME,
  AIPACK_DIR_NAME,
  BASE_DIR_ENV,
  CONFIG_BASE_DEFAULT_FILE_NAME,
  CONFIG_BASE_USER_FILE_NAME,
  CONFIG_FILE_NAME,
  PACK_CUSTOM,
  PACK_INSTALLED,
  SESSION_DIR,
} from './paths';
import { type ResolvePathOptions, processPathReference, resolvePath } from './path-resolver';

export interface PackRepo {
  kind: RepoKind;
  dir: string;
}

/**
 * How the workspace is found when `workspaceDir` is not given (§5.2):
 * - `nearest`: nearest ancestor of cwd (or cwd) holding a `.aipack/` dir; none → no workspace.
 * - `cwd`: cwd itself, `.aipack/` or not (what `aip run` and `aip init` do; ancestors are deliberately not adopted).
 * - `nearest-or-cwd`: `nearest`, else cwd (what `aip list` / `install` / `unpack` do).
 */
export type WorkspaceDiscovery = 'nearest' | 'cwd' | 'nearest-or-cwd';

export interface DirContextOptions {
  cwd: string;
  homeDir?: string;
  baseDir?: string;
  workspaceDir?: string;
  workspaceDiscovery?: WorkspaceDiscovery;
  /** Session uid for `$tmp` (§5.1); a fresh uuid v7 when not given. */
  sessionUid?: string;
}

export const REPO_KIND_LABELS: Record<RepoKind, string> = {
  WorkspaceCustom: 'workspace custom - .aipack/pack/custom',
  BaseCustom: 'base custom - ~/.aipack-base/pack/custom',
  BaseInstalled: 'base installed - ~/.aipack-base/pack/installed',
};

export class DirContext {
  /** Absolute process/launch directory: relative top-level agent names resolve against it (§5.5). */
  readonly cwd: string;
  readonly homeDir: string;
  /** `~/.aipack-base` (or the override). */
  readonly baseDir: string;
  /** Directory containing `.aipack/`; undefined when there is no workspace. */
  readonly workspaceDir?: string;
  /** `<workspaceDir>/.aipack` (may not exist yet). */
  readonly aipackWksDir?: string;
  readonly sessionUid: string;

  private constructor(init: {
    cwd: string;
    homeDir: string;
    baseDir: string;
    workspaceDir?: string;
    sessionUid: string;
  }) {
    this.cwd = init.cwd;
    this.homeDir = init.homeDir;
    this.baseDir = init.baseDir;
    this.workspaceDir = init.workspaceDir;
    this.aipackWksDir = init.workspaceDir !== undefined ? path.join(init.workspaceDir, AIPACK_DIR_NAME) : undefined;
    this.sessionUid = init.sessionUid;
  }

  static fromOptions(opts: DirContextOptions): DirContext {
    const cwd = path.resolve(opts.cwd);
    // No home → `/`, as the original does, so a headless box still runs.
    const homeDir = path.resolve(opts.homeDir ?? (os.homedir() || '/'));
    let baseDir: string;
    if (opts.baseDir !== undefined) baseDir = path.resolve(cwd, expandTilde(opts.baseDir, homeDir));
    else if (process.env[BASE_DIR_ENV]) baseDir = path.resolve(cwd, expandTilde(process.env[BASE_DIR_ENV]!, homeDir));
    else {
      if (!fs.existsSync(homeDir)) throw new Error(`Home dir '${homeDir}' does not exist`);
      baseDir = path.join(homeDir, AIPACK_BASE_DIR_NAME);
    }

    let workspaceDir: string | undefined;
    if (opts.workspaceDir !== undefined) {
      workspaceDir = path.resolve(cwd, expandTilde(opts.workspaceDir, homeDir));
    } else {
      const mode = opts.workspaceDiscovery ?? 'nearest';
      if (mode === 'cwd') workspaceDir = cwd;
      else workspaceDir = findWorkspaceDir(cwd) ?? (mode === 'nearest-or-cwd' ? cwd : undefined);
    }

    return new DirContext({ cwd, homeDir, baseDir, workspaceDir, sessionUid: opts.sessionUid ?? uuidv7() });
  }

  /** `<wks>/.aipack/.session/<uid>/tmp`; undefined without a workspace. */
  sessionTmpDir(sessionUid: string = this.sessionUid): string | undefined {
    if (this.aipackWksDir === undefined) return undefined;
    return path.join(this.aipackWksDir, SESSION_DIR, sessionUid, 'tmp');
  }

  /** Pack repos in lookup order (§5.3); only existing ones unless `includeMissing`. */
  packRepos(opts: { includeMissing?: boolean } = {}): PackRepo[] {
    const candidates: PackRepo[] = [];
    if (this.aipackWksDir !== undefined) {
      candidates.push({ kind: 'WorkspaceCustom', dir: path.join(this.aipackWksDir, PACK_CUSTOM) });
    }
    candidates.push({ kind: 'BaseCustom', dir: path.join(this.baseDir, PACK_CUSTOM) });
    candidates.push({ kind: 'BaseInstalled', dir: path.join(this.baseDir, PACK_INSTALLED) });
    return opts.includeMissing ? candidates : candidates.filter((r) => isDir(r.dir));
  }

  /** Config files of the cascade (§4.1 layers 1-3) that take part: the default one always, the others if they exist. */
  configPaths(): { baseDefault: string; baseUser?: string; workspace?: string } {
    const baseDefault = path.join(this.baseDir, CONFIG_BASE_DEFAULT_FILE_NAME);
    const user = path.join(this.baseDir, CONFIG_BASE_USER_FILE_NAME);
    const wks = this.aipackWksDir !== undefined ? path.join(this.aipackWksDir, CONFIG_FILE_NAME) : undefined;
    return {
      baseDefault,
      baseUser: isFile(user) ? user : undefined,
      workspace: wks !== undefined && isFile(wks) ? wks : undefined,
    };
  }

  /** `resolve_path` in workspace mode (§5.7). */
  resolvePath(p: string, opts?: ResolvePathOptions): string {
    return resolvePath(this, p, opts);
  }

  /** `process_path_reference` (§5.7): like resolvePath, but plain relative paths stay relative. */
  processPathReference(p: string, opts?: { sessionUid?: string }): string {
    return processPathReference(this, p, opts);
  }

  /** Display rule (§5.7): a path under the home dir is shown as `~/…`. */
  toDisplayPath(p: string): string {
    if (!path.isAbsolute(p)) return p;
    if (p === this.homeDir) return '~';
    const prefix = this.homeDir.endsWith(path.sep) ? this.homeDir : this.homeDir + path.sep;
    return p.startsWith(prefix) ? `~/${p.slice(prefix.length)}` : p;
  }
}

/** Nearest directory from `fromDir` upwards that contains a `.aipack/` directory. */
export function findWorkspaceDir(fromDir: string): string | undefined {
  let dir = path.resolve(fromDir);
  for (;;) {
    if (isDir(path.join(dir, AIPACK_DIR_NAME))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function expandTilde(p: string, homeDir: string): string {
  if (p === '~') return homeDir;
  if (p.startsWith('~/')) return path.join(homeDir, p.slice(2));
  return p;
}

export function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}
