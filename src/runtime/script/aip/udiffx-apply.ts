/**
 * Applying parsed file-change directives under a base dir (udiffx's own path policy, not the
 * aip.file write guard): every target must stay inside the base dir or the workspace. Writes
 * hold the per-path write lock and are atomic; deletes go to the trash through the Host.
 */
import { promises as fsp } from 'node:fs';
import { posix } from 'node:path';
import type { CallContext } from '../catalog';
import { errorMessage } from '../../errors';
import { atomicWrite, slash } from './file-common';
import { realPathOf, realWks } from './file-guard';
import { applyPatchIncremental, type HunkError } from './udiffx-patch';
import type { FileDirective } from './udiffx-extract';

export interface ApplyChangesItem {
  file_path: string;
  kind: 'New' | 'Patch' | 'Append' | 'Copy' | 'Rename' | 'Delete' | 'Fail';
  success: boolean;
  error_msg?: string;
  error_hunks?: HunkError[];
}

export interface ApplyChangesStatus {
  success: boolean;
  total_count: number;
  success_count: number;
  fail_count: number;
  items: ApplyChangesItem[];
}

class ApplyError extends Error {}

function isUnder(target: string, dir: string): boolean {
  const rel = posix.relative(dir, target);
  return rel === '' || (!rel.startsWith('../') && rel !== '..' && !posix.isAbsolute(rel));
}

export interface ApplyPolicy {
  /** Absolute, collapsed base dir of the envelope's paths. */
  baseDir: string;
  /** Other dirs writes may land in (the workspace). */
  writableDirs: string[];
}

/** The base dir must itself be writable (inside the workspace when there is one). */
export function assertBaseWritable(policy: ApplyPolicy): void {
  if (policy.writableDirs.length === 0) return;
  if (!policy.writableDirs.some((d) => isUnder(policy.baseDir, d))) {
    throw new Error(`Security violation, target '${policy.baseDir}' is outside base dir '${policy.writableDirs[0]}'`);
  }
}

function checkAccess(target: string, policy: ApplyPolicy): void {
  const inside = (t: string, dirOf: (d: string) => string) =>
    isUnder(t, dirOf(policy.baseDir)) || policy.writableDirs.some((d) => isUnder(t, dirOf(d)));
  // As written, then with symlinks resolved (the target's nearest existing ancestor and the dirs): a link in
  // the workspace that points out must not carry a model's FILE_NEW or PATCH out of it.
  if (inside(target, (d) => d) && inside(slash(realPathOf(target, true)), (d) => slash(realWks(d)))) return;
  throw new ApplyError(`Security violation, target '${target}' is outside base dir '${policy.baseDir}'`);
}

async function stat(p: string) {
  return fsp.stat(p).catch(() => undefined);
}

async function readText(p: string): Promise<string> {
  try {
    return await fsp.readFile(p, 'utf8');
  } catch (err) {
    throw new ApplyError(`Read file failed: ${p}, cause: ${errorMessage(err)}`);
  }
}

async function write(call: CallContext, p: string, data: string | Uint8Array): Promise<void> {
  const run = async () => {
    try {
      await atomicWrite(p, data);
    } catch (err) {
      throw new ApplyError(`Write file failed: ${p}, cause: ${errorMessage(err)}`);
    }
  };
  await (call.env ? call.env.withWriteLock(p, run) : run());
}

function itemOf(d: FileDirective): ApplyChangesItem {
  switch (d.kind) {
    case 'Copy':
    case 'Rename':
      return { file_path: d.to_path, kind: d.kind, success: false };
    case 'Fail':
      return { file_path: d.file_path ?? 'unknown', kind: 'Fail', success: false, error_msg: d.error_msg };
    default:
      return { file_path: d.file_path, kind: d.kind, success: false };
  }
}

async function applyOne(call: CallContext, d: FileDirective, policy: ApplyPolicy, item: ApplyChangesItem): Promise<void> {
  // An absolute path stands for itself (as Rust's Path::join reads it), and then has to pass the checks.
  const full = (p: string) => (posix.isAbsolute(slash(p)) ? posix.normalize(slash(p)) : posix.join(policy.baseDir, slash(p)));
  const noChanges = (p: string) => new ApplyError(`No changes applied to '${p}'`);
  switch (d.kind) {
    case 'New': {
      const target = full(d.file_path);
      checkAccess(target, policy);
      if ((await stat(target)) && (await readText(target)) === d.content) throw noChanges(d.file_path);
      await write(call, target, d.content);
      return;
    }
    case 'Patch': {
      const target = full(d.file_path);
      checkAccess(target, policy);
      const exists = (await stat(target)) !== undefined;
      const original = exists ? await readText(target) : '';
      const res = applyPatchIncremental(original, d.content);
      if (res.hunkErrors.length > 0) item.error_hunks = res.hunkErrors;
      if (res.newContent === original && exists) throw noChanges(d.file_path);
      await write(call, target, res.newContent);
      if (res.hunkErrors.length > 0) {
        throw new ApplyError(`${res.hunkErrors.length} of ${res.totalHunks} hunks failed to apply for '${d.file_path}'`);
      }
      return;
    }
    case 'Append': {
      const target = full(d.file_path);
      checkAccess(target, policy);
      if (d.content === '') throw noChanges(d.file_path);
      const existing = (await stat(target)) ? await readText(target) : '';
      await write(call, target, existing + d.content);
      return;
    }
    case 'Copy': {
      const from = full(d.from_path);
      const to = full(d.to_path);
      checkAccess(from, policy);
      checkAccess(to, policy);
      const st = await stat(from);
      if (!st) throw new ApplyError(`Path not found for copy source: ${d.from_path}`);
      if (st.isDirectory()) throw new ApplyError(`copy source is not a file: ${d.from_path}`);
      await write(call, to, new Uint8Array(await fsp.readFile(from)));
      return;
    }
    case 'Rename': {
      const from = full(d.from_path);
      const to = full(d.to_path);
      checkAccess(from, policy);
      checkAccess(to, policy);
      if (!(await stat(from))) throw new ApplyError(`Path not found for rename source: ${d.from_path}`);
      const move = async () => {
        try {
          await fsp.mkdir(posix.dirname(to), { recursive: true });
          await fsp.rename(from, to);
        } catch (err) {
          throw new ApplyError(`Rename path failed: ${from} -> ${to}, cause: ${errorMessage(err)}`);
        }
      };
      await (call.env ? call.env.withWriteLock(from, () => call.env!.withWriteLock(to, move)) : move());
      return;
    }
    case 'Delete': {
      const target = full(d.file_path);
      // udiffx itself does not check deletes; keeping them inside the base dir is safer.
      checkAccess(target, policy);
      if (!(await stat(target))) throw new ApplyError(`Path not found for delete: ${d.file_path}`);
      try {
        await call.host.trash(target);
      } catch (err) {
        throw new ApplyError(`Delete file failed: ${target}, cause: ${errorMessage(err)}`);
      }
      return;
    }
    case 'Fail':
      throw new ApplyError(d.error_msg);
  }
}

/** Apply every directive in order; a failing directive is reported and the next one still runs. */
export async function applyFileChanges(call: CallContext, directives: FileDirective[], policy: ApplyPolicy): Promise<ApplyChangesStatus> {
  assertBaseWritable(policy);
  const items: ApplyChangesItem[] = [];
  for (const d of directives) {
    const item = itemOf(d);
    try {
      await applyOne(call, d, policy, item);
      item.success = true;
      delete item.error_msg;
    } catch (err) {
      item.error_msg = errorMessage(err);
    }
    items.push(item);
  }
  const success_count = items.filter((i) => i.success).length;
  const fail_count = items.length - success_count;
  return { success: fail_count === 0, total_count: items.length, success_count, fail_count, items };
}
