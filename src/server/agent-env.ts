/**
 * What an `.aip` file sees around it on disk: its directory context, the Lua
 * `require` roots (§5.6), sub-agents (§5.5) and the config cascade (§4.1).
 * Reads files only; never runs agent code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DirContext } from '../runtime/dir-context/dir-context';
import { findAgent } from '../runtime/dir-context/find-agent';
import { loadConfigLayers, type ConfigLayer } from '../runtime/config/cascade';
import { errorMessage } from '../runtime/errors';

export interface EnvSettings {
  /** Overrides `AIPACK_BASE_DIR` / `~/.aipack-base`. */
  baseDir?: string;
  homeDir?: string;
}

export interface AgentEnv {
  filePath: string;
  fileDir: string;
  /** Agent dir, then the pack dir for an agent inside a pack (a folder with `pack.toml`). */
  requireRoots: string[];
  /** Undefined when the directory context cannot be built (e.g. no home dir). */
  dirCtx?: DirContext;
}

export function agentEnvFor(filePath: string, settings: EnvSettings = {}): AgentEnv {
  const fileDir = path.dirname(filePath);
  const requireRoots = [fileDir];
  const packDir = findPackDir(fileDir);
  if (packDir && packDir !== fileDir) requireRoots.push(packDir);
  let dirCtx: DirContext | undefined;
  try {
    dirCtx = DirContext.fromOptions({ cwd: fileDir, workspaceDiscovery: 'nearest-or-cwd', baseDir: settings.baseDir, homeDir: settings.homeDir });
  } catch {
    dirCtx = undefined;
  }
  return { filePath, fileDir, requireRoots, dirCtx };
}

/** Nearest ancestor (or the dir itself) holding a `pack.toml`. */
function findPackDir(dir: string): string | undefined {
  let cur = dir;
  for (let i = 0; i < 40; i++) {
    if (fs.existsSync(path.join(cur, 'pack.toml'))) return cur;
    const up = path.dirname(cur);
    if (up === cur) return undefined;
    cur = up;
  }
  return undefined;
}

/** Modules preloaded in every stage state: `require` of these never touches disk. */
const BUILTIN_MODULES = new Set(['_G', 'package', 'coroutine', 'table', 'io', 'os', 'string', 'math', 'utf8']);

export type RequireResolution = { kind: 'builtin' } | { kind: 'file'; path: string } | { kind: 'missing'; tried: string[] };

/** Where `require(name)` loads from: `<root>/lua/<name>.lua` then `<root>/lua/<name>/init.lua` per root (§5.6). */
export function resolveRequire(roots: string[], name: string): RequireResolution {
  if (BUILTIN_MODULES.has(name)) return { kind: 'builtin' };
  const rel = name.split('.').join('/');
  const tried: string[] = [];
  for (const root of roots) {
    for (const candidate of [path.join(root, 'lua', `${rel}.lua`), path.join(root, 'lua', rel, 'init.lua')]) {
      tried.push(candidate);
      if (isFile(candidate)) return { kind: 'file', path: candidate };
    }
  }
  return { kind: 'missing', tried };
}

export type SubAgentResolution = { ok: true; filePath: string } | { ok: false; message: string };

/** A sub-agent name as `aip.agent.run` resolves it: relative to the calling agent's dir (§5.5, §10.1). */
export async function resolveSubAgent(env: AgentEnv, name: string): Promise<SubAgentResolution> {
  if (!env.dirCtx) return { ok: false, message: 'cannot resolve agents: no directory context' };
  try {
    const found = await findAgent(env.dirCtx, name, { baseDir: env.fileDir });
    return { ok: true, filePath: found.filePath };
  } catch (err) {
    return { ok: false, message: errorMessage(err).replace(/\s*\n\s*/g, ' ') };
  }
}

export type ConfigResult = { ok: true; layers: ConfigLayer[] } | { ok: false; message: string };

/** The config files of the cascade, or the config error a run would report. */
export async function loadConfig(env: AgentEnv): Promise<ConfigResult> {
  if (!env.dirCtx) return { ok: false, message: 'cannot locate the aipack base directory' };
  try {
    return { ok: true, layers: await loadConfigLayers(env.dirCtx) };
  } catch (err) {
    return { ok: false, message: errorMessage(err) };
  }
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}
