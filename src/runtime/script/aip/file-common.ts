/**
 * Shared plumbing of the `aip.file` functions: getting the ScriptEnv, resolving paths
 * (§5.7), the paths users see (`~/…` for home), reading text, and atomic writes.
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { posix } from 'node:path';
import type { CallContext, ScriptEnv } from '../catalog';
import { errorMessage } from '../../errors';
import { fileInfo, type FileInfo } from './file-info';
import { readCapOf, readFileChecked } from './file-read-guard';
import { noteTempFile, tempFileDone } from '../../leftovers';

/** The directory services; pure-function contexts (no env) cannot do file I/O. */
export function envOf(call: CallContext): ScriptEnv {
  if (!call.env) throw new Error(`${call.fnName} - no script environment available for file access`);
  return call.env;
}

/** The workspace dir, or the §12.6 "requires a aipack workspace setup" error. */
export function requireWorkspace(call: CallContext): string {
  const wks = envOf(call).workspaceDir;
  if (!wks) {
    throw new Error(
      `${call.fnName} requires a aipack workspace setup.\nCause: No Workspace available.\n` +
        `Do a 'aip init' in your project root folder to set the '.aipack/' workspace marker folder`,
    );
  }
  return wks;
}

/** Forward slashes everywhere: the runtime speaks POSIX-style paths to scripts. */
export function slash(p: string): string {
  return p.replace(/\\/g, '/');
}

export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p);
}

/** Resolve a user path per §5.7 (relative → `baseDir` or the workspace). */
export function resolveUserPath(call: CallContext, path: string, baseDir?: string): string {
  return slash(envOf(call).resolvePath(path, baseDir));
}

/** `rel` of `abs` under `base`, or undefined when `abs` is not under it (lexical). */
export function relUnder(abs: string, base: string): string | undefined {
  const rel = posix.relative(slash(base), slash(abs));
  if (rel === '' ) return '';
  if (rel === '..' || rel.startsWith('../') || isAbsolutePath(rel)) return undefined;
  return rel;
}

/** Home-dir paths are shown as `~/…` (§5.7 display rule). */
export function tildePath(env: ScriptEnv | undefined, p: string): string {
  const s = slash(p);
  if (!env || !isAbsolutePath(s)) return s;
  const home = slash(env.homeDir).replace(/\/+$/, '');
  if (home && s.startsWith(home + '/')) return '~/' + s.slice(home.length + 1);
  return s;
}

/** Path for log lines: relative to the workspace when inside it, else absolute. */
export function logPath(wks: string, abs: string): string {
  return relUnder(abs, wks) ?? slash(abs);
}

/** FileInfo with meta; `display` is tilde'd. */
export function infoOf(call: CallContext, display: string, abs: string): FileInfo {
  return fileInfo(tildePath(call.env, display), abs);
}

export async function pathExists(abs: string): Promise<boolean> {
  try {
    await fsp.stat(abs);
    return true;
  } catch {
    return false;
  }
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/**
 * Read a file as UTF-8; invalid UTF-8 is an error (FileRecord rule, §8.3). Only a
 * regular file within the read cap is read (see file-read-guard).
 */
export async function readUtf8(abs: string, maxBytes?: number): Promise<string> {
  const bytes = await readFileChecked(abs, maxBytes);
  try {
    return utf8Strict.decode(bytes);
  } catch {
    throw new Error(`stream did not contain valid UTF-8`);
  }
}

/** `readUtf8` with the `<fn> - Failed to read <kind> file '<path>'.\nCause: …` wording. */
export async function readForFn(call: CallContext, abs: string, userPath: string, kind = ''): Promise<string> {
  try {
    return await readUtf8(abs, readCapOf(call));
  } catch (err) {
    const what = kind ? `${kind} file` : 'file';
    throw new Error(`${call.fnName} - Failed to read ${what} '${userPath}'.\nCause: ${errorMessage(err)}`);
  }
}

export async function ensureParentDir(abs: string): Promise<void> {
  await fsp.mkdir(posix.dirname(slash(abs)), { recursive: true });
}

/**
 * Write a whole file atomically: a temp file in the same directory, then a rename, so
 * readers (and a crash) never see a half-written file. Parent dirs are created.
 */
export async function atomicWrite(abs: string, data: string | Uint8Array): Promise<void> {
  await ensureParentDir(abs);
  const dir = posix.dirname(slash(abs));
  const tmp = posix.join(dir, `.${posix.basename(slash(abs))}.${randomBytes(6).toString('hex')}.aip-tmp`);
  noteTempFile(tmp); // journaled so a kill -9 leftover is removed at a later start
  try {
    await fsp.writeFile(tmp, data);
    await fsp.rename(tmp, abs);
  } catch (err) {
    await fsp.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  } finally {
    tempFileDone();
  }
}

/** Run `fn` under the per-path write lock of §7.5. */
export function withLock<T>(call: CallContext, abs: string, fn: () => Promise<T>): Promise<T> {
  return envOf(call).withWriteLock(abs, fn);
}

/** Boolean option: only a real `true`/`false` counts (Lua truthiness of other types is ignored). */
export function optBool(opts: Record<string, unknown>, key: string): boolean | undefined {
  const v = opts[key];
  return typeof v === 'boolean' ? v : undefined;
}
