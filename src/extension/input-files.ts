/**
 * InputSpec → the values `rt.runAgent` receives: texts first, then the glob
 * matches, then the picked files, as FileInfo. Loaded on first run (it pulls
 * fast-glob), so activation stays light. Pure (no 'vscode').
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileInputs } from '../runtime/run/file-inputs';
import { type FileInfo, fileInfo } from '../runtime/script/aip/file-info';
import type { InputSpec } from './inputs';

export type AssembledInputs = { ok: true; inputs: unknown[] | undefined } | { ok: false; message: string };

/**
 * Texts, then the glob matches, then the picked files (duplicates dropped).
 * `undefined` inputs when the spec is empty: the agent runs once with a nil input.
 * A glob list that matches nothing is an error, even if files were picked too,
 * so a typo in a glob is never silently ignored.
 */
export async function assembleInputs(spec: InputSpec, cwd: string, workspaceDir: string | undefined): Promise<AssembledInputs> {
  const inputs: unknown[] = [...spec.texts];
  const seen = new Set<string>();
  if (spec.globs.length > 0) {
    let matched: FileInfo[];
    try {
      matched = await fileInputs(spec.globs, cwd, workspaceDir);
    } catch (err) {
      return { ok: false, message: (err as Error).message };
    }
    if (matched.length === 0) {
      return { ok: false, message: `No files matched ${spec.globs.map((g) => `'${g}'`).join(', ')} (from ${cwd}).` };
    }
    for (const f of matched) {
      seen.add(realOr(absOf(f, workspaceDir, cwd)));
      inputs.push(f);
    }
  }
  for (const file of spec.files) {
    const abs = path.resolve(cwd, file);
    if (!isFile(abs)) return { ok: false, message: `File not found: ${abs}` };
    const real = realOr(abs);
    if (seen.has(real)) continue;
    seen.add(real);
    inputs.push(fileInfo(displayPath(real, workspaceDir), real));
  }
  return { ok: true, inputs: inputs.length > 0 ? inputs : undefined };
}

/** Relative to the workspace dir when inside it (`/`-separated), else absolute — as `fileInputs` shows glob matches. */
export function displayPath(abs: string, workspaceDir: string | undefined): string {
  if (!workspaceDir) return abs;
  const rel = path.relative(realOr(workspaceDir), abs);
  return rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel.split(path.sep).join('/');
}

function absOf(f: FileInfo, workspaceDir: string | undefined, cwd: string): string {
  return path.isAbsolute(f.path) ? f.path : path.resolve(workspaceDir ? realOr(workspaceDir) : cwd, f.path);
}

function realOr(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}
