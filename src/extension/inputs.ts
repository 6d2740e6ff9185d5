/**
 * Run inputs as the user gave them (`InputSpec`: text inputs, globs, picked
 * files — mixed in one run, which aipack's CLI cannot do) and their assembly
 * into the values `rt.runAgent` receives: texts first, then the files as
 * FileInfo (input-files.ts, loaded with the runtime). The spec, not the
 * resolved list, is remembered per agent so a rerun re-reads the globs. Pure (no 'vscode').
 */
import * as path from 'node:path';
import { splitGlobList } from '../runtime/glob/globset';

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

/** Comma/newline separated globs typed in one box (`src/**∕*.{md,txt}, docs/*.txt`); a group's commas stay. */
export function parseGlobList(text: string): string[] {
  return splitGlobList(text);
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
