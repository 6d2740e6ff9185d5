/**
 * Run inputs as the user gave them (`InputSpec`: text inputs, globs, picked
 * files — mixed in one run, which aipack's CLI cannot do) and their assembly
 * into the values `rt.runAgent` receives: texts first, then the files as
 * FileInfo. The spec, not the resolved list, is remembered per agent so a rerun
 * re-reads the globs. Pure (no 'vscode').
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileInputs } from '../runtime/run/file-inputs';
import { type FileInfo, fileInfo } from '../runtime/script/aip/file-info';

export interface InputSpec {
  texts: string[];
  globs: string[];
  /** Absolute paths of files picked in the dialog. */
  files: string[];
}

export const EMPTY_SPEC: InputSpec = { texts: [], globs: [], files: [] };

export function isEmptySpec(s: InputSpec): boolean {
  return s.texts.length === 0 && s.globs.length === 0 && s.files.length === 0;
}

/** A spec read back from workspaceState; anything malformed becomes empty lists. */
export function normalizeSpec(v: unknown): InputSpec {
  const o = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
  const strings = (x: unknown) => (Array.isArray(x) ? x.filter((e): e is string => typeof e === 'string') : []);
  return { texts: strings(o.texts), globs: strings(o.globs), files: strings(o.files) };
}

/** `2 inputs · src/**∕*.md · 3 files` (for Quick Pick details). */
export function describeSpec(s: InputSpec): string {
  const parts: string[] = [];
  if (s.texts.length > 0) {
    parts.push(s.texts.length === 1 ? `"${ellipsis(s.texts[0], 40)}"` : `${s.texts.length} text inputs`);
  }
  if (s.globs.length > 0) parts.push(s.globs.join(', '));
  if (s.files.length > 0) parts.push(s.files.length === 1 ? path.basename(s.files[0]) : `${s.files.length} files`);
  return parts.length > 0 ? parts.join(' · ') : 'no inputs';
}

function ellipsis(s: string, max: number): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

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

/** Comma/newline separated globs typed in one box (`src/**∕*.md, docs/*.txt`). */
export function parseGlobList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((g) => g.trim())
    .filter((g) => g !== '');
}

/** What "Rerun Last Run" replays. */
export interface LastRunRecord {
  folderUri: string;
  agentRef: string;
  spec: InputSpec;
}

export function normalizeLastRun(v: unknown): LastRunRecord | undefined {
  const o = v as Partial<LastRunRecord> | undefined;
  if (!o || typeof o.folderUri !== 'string' || typeof o.agentRef !== 'string') return undefined;
  return { folderUri: o.folderUri, agentRef: o.agentRef, spec: normalizeSpec(o.spec) };
}
