/**
 * Agent name → `.aip` file (§5.5), and the agents of the pack repos for
 * `aip list` / pickers.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { AgentRef, RepoKind } from '../agent/types';
import type { DirContext } from './dir-context';
import { expandTilde } from './dir-context';
import { findPackDirOrThrow, lookupPackDirs } from './pack-dirs';
import { formatPackRef, packIdentity, parsePackRef, parsePartialPackRef } from './pack-ref';

export interface FoundAgent {
  /** Absolute path of the `.aip` file. */
  filePath: string;
  agentRef: AgentRef;
  /** The name as given (becomes `CTX.AGENT_NAME`). */
  name: string;
}

export interface FindAgentOptions {
  /** Base for a relative local name: the caller's agent dir for sub-agents (§5.5); default the DirContext cwd. */
  baseDir?: string;
}

/**
 * Any name containing `@` is a pack ref here — unlike the path resolver, a
 * leading `.` does not make it a file — as in the original.
 */
export async function findAgent(dirCtx: DirContext, name: string, opts: FindAgentOptions = {}): Promise<FoundAgent> {
  if (name.includes('@')) {
    const ref = parsePackRef(name);
    const pack = findPackDirOrThrow(dirCtx, ref);
    const candidates =
      ref.subPath === undefined ? [path.join(pack.dir, 'main.aip')] : possibleAipPaths(path.join(pack.dir, ref.subPath));
    const filePath = await firstFile(candidates);
    if (filePath === undefined) {
      throw new Error(`No agent files matches for ${formatPackRef(ref)}\n   (tried: ${candidates.join(', ')})`);
    }
    const agentRef: AgentRef = {
      kind: 'PackRef',
      namespace: ref.namespace,
      name: ref.name,
      subPath: ref.subPath,
      packDir: pack.dir,
      repoKind: pack.repoKind,
    };
    return { filePath, agentRef, name };
  }

  const expanded = expandTilde(name, dirCtx.homeDir);
  let full: string;
  if (path.isAbsolute(expanded)) full = expanded;
  else if (opts.baseDir !== undefined) full = path.join(path.resolve(dirCtx.cwd, opts.baseDir), expanded);
  else if (expanded === '$tmp' || expanded.startsWith('$tmp/')) full = dirCtx.resolvePath(expanded);
  else full = path.join(dirCtx.cwd, expanded);

  const filePath = await firstFile(possibleAipPaths(full));
  if (filePath === undefined) throw new Error(`No agent found for local path: '${name}'\n   (full path: ${full})`);
  return { filePath, agentRef: { kind: 'LocalPath', path: name }, name };
}

/** `x.aip` → itself; `x/` → `x/main.aip`; otherwise `x.aip` then `x/main.aip` (§5.5). */
export function possibleAipPaths(p: string): string[] {
  if (p.endsWith('.aip')) return [p];
  if (p.endsWith('/') || p.endsWith(path.sep)) return [path.join(p, 'main.aip')];
  return [`${p}.aip`, path.join(p, 'main.aip')];
}

export interface ListedAgent {
  /** Ref that runs it: `ns@name` for `main.aip`, `ns@name/sub/x` for `sub/x.aip`, `ns@name/sub` for `sub/main.aip`. */
  ref: string;
  filePath: string;
  repoKind: RepoKind;
}

/**
 * Every `.aip` of the matching packs, repo order first (§5.3), so a shadowed
 * copy of a pack is listed after the one that runs. `partial` is `ns@`,
 * `@name`, `ns@name` or a bare namespace.
 */
export async function listAgents(dirCtx: DirContext, partial?: string): Promise<ListedAgent[]> {
  const { namespace, name } = parsePartialPackRef(partial);
  const out: ListedAgent[] = [];
  for (const pack of lookupPackDirs(dirCtx, namespace, name)) {
    const files = await listAipFiles(pack.dir);
    for (const rel of files) {
      const noExt = rel.slice(0, -'.aip'.length);
      const sub = noExt === 'main' ? '' : noExt.endsWith('/main') ? noExt.slice(0, -'/main'.length) : noExt;
      out.push({
        ref: sub === '' ? packIdentity(pack) : `${packIdentity(pack)}/${sub}`,
        filePath: path.join(pack.dir, rel),
        repoKind: pack.repoKind,
      });
    }
  }
  return out;
}

/** `.aip` files under a pack, as `/`-separated relative paths; `main.aip` first, then sorted. Hidden dirs skipped. */
async function listAipFiles(dir: string, rel = ''): Promise<string[]> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await fs.readdir(path.join(dir, rel), { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  const subdirs: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const r = rel === '' ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) subdirs.push(r);
    else if (e.name.endsWith('.aip')) files.push(r);
  }
  const nested = await Promise.all(subdirs.sort().map((d) => listAipFiles(dir, d)));
  const all = [...files, ...nested.flat()];
  return all.sort((a, b) => (a === 'main.aip' ? -1 : b === 'main.aip' ? 1 : a < b ? -1 : a > b ? 1 : 0));
}

async function firstFile(candidates: string[]): Promise<string | undefined> {
  for (const c of candidates) {
    try {
      if ((await fs.stat(c)).isFile()) return c;
    } catch {
      // next candidate
    }
  }
  return undefined;
}
