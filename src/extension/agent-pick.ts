/**
 * The agents "AIPack: Run Agent" offers: `.aip` files of the workspace, the
 * workspace's `.aipack/pack/custom` packs and the base dir's packs, the most
 * recently run first. Pure; agent-picker.ts gathers the candidates.
 */
import * as path from 'node:path';

export type AgentSource = 'workspace' | 'workspace-pack' | 'base-pack';

export interface AgentCandidate {
  /** What `rt.runAgent` gets: an absolute path for workspace files, `ns@name[/sub]` for packs. */
  ref: string;
  filePath: string;
  source: AgentSource;
}

export interface AgentPickItem extends AgentCandidate {
  label: string;
  description: string;
  /** Set when the agent was run before (epoch ms). */
  lastRun?: number;
}

const SOURCE_ORDER: Record<AgentSource, number> = { workspace: 0, 'workspace-pack': 1, 'base-pack': 2 };
const SOURCE_LABEL: Record<AgentSource, string> = {
  workspace: 'workspace',
  'workspace-pack': 'workspace pack',
  'base-pack': 'base pack',
};
/** When one file is reachable both ways, its pack ref is the better name to run it by. */
const DEDUPE_PREFERENCE: Record<AgentSource, number> = { 'workspace-pack': 0, 'base-pack': 1, workspace: 2 };

export const MAX_RECENT = 50;

/** Deduped by file, recent first (newest first), then workspace files, workspace packs, base packs; by label within. */
export function orderAgents(candidates: AgentCandidate[], folderPath: string | undefined, recent: Record<string, number>): AgentPickItem[] {
  const byFile = new Map<string, AgentCandidate>();
  for (const c of candidates) {
    const key = path.resolve(c.filePath);
    const prev = byFile.get(key);
    if (!prev || DEDUPE_PREFERENCE[c.source] < DEDUPE_PREFERENCE[prev.source]) byFile.set(key, c);
  }
  const items: AgentPickItem[] = [...byFile.values()].map((c) => {
    const lastRun = recent[c.ref] ?? recent[path.resolve(c.filePath)];
    return {
      ...c,
      label: agentLabel(c, folderPath),
      description: lastRun !== undefined ? `${SOURCE_LABEL[c.source]} · recently run` : SOURCE_LABEL[c.source],
      lastRun,
    };
  });
  return items.sort((a, b) => {
    if (a.lastRun !== undefined || b.lastRun !== undefined) {
      if (a.lastRun === undefined) return 1;
      if (b.lastRun === undefined) return -1;
      if (a.lastRun !== b.lastRun) return b.lastRun - a.lastRun;
    }
    const s = SOURCE_ORDER[a.source] - SOURCE_ORDER[b.source];
    if (s !== 0) return s;
    return a.label < b.label ? -1 : a.label > b.label ? 1 : 0;
  });
}

/** Workspace files by their folder-relative path (`/`-separated); packs by their ref. */
export function agentLabel(c: AgentCandidate, folderPath: string | undefined): string {
  if (c.source !== 'workspace') return c.ref;
  if (folderPath) {
    const rel = path.relative(folderPath, c.filePath);
    if (!rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).join('/');
  }
  return c.filePath;
}

/** Short name for the status bar and messages: `ns@name` for packs, the file stem for files (`main.aip` → its dir). */
export function agentDisplayName(ref: string): string {
  if (ref.includes('@') && !path.isAbsolute(ref)) return ref;
  const base = path.basename(ref);
  const stem = base.endsWith('.aip') ? base.slice(0, -4) : base;
  return stem === 'main' ? path.basename(path.dirname(ref)) : stem;
}

/** Records a run of `ref` at `now`, keeping the newest `MAX_RECENT`. */
export function recordRecent(recent: Record<string, number>, ref: string, now: number): Record<string, number> {
  const next = { ...recent, [ref]: now };
  const entries = Object.entries(next).sort((a, b) => b[1] - a[1]);
  return Object.fromEntries(entries.slice(0, MAX_RECENT));
}
