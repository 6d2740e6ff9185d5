/**
 * `init-base` (§5.9, §11.1): create or refresh the base dir. Runs on every
 * start; it only rewrites things when the runtime version changed or when
 * forced, and never touches `config-user.toml` once it exists.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import {
  CONFIG_BASE_DEFAULT_FILE_NAME,
  CONFIG_BASE_DEPRECATED_FILE_NAME,
  CONFIG_BASE_LEGACY_FILE_NAME,
  CONFIG_BASE_USER_FILE_NAME,
  VERSION_FILE_NAME,
} from '../dir-context/paths';
import { EXTENSION_VERSION } from '../version';
import { CONFIG_DEFAULT_TOML, CONFIG_USER_TOML, versionFileContent } from './assets/base-configs';
import { BASE_CUSTOM_FILES, BASE_INSTALLED_FILES, LEGACY_BASE_DIRS } from './assets/base-packs';
import { exists, writeFileEnsuringDir } from './fs-util';

export interface InitBaseOptions {
  /** Refresh as if the version had changed (`aip init-base`). */
  force?: boolean;
  /** Version written to / compared with `version.txt`; this build's (EXTENSION_VERSION) by default. */
  version?: string;
  /** Progress lines for the user (the hosts print them). */
  log?: (message: string) => void;
  /** Removes a folder of the base dir (hosts may pass their trash); recursive delete by default. */
  removeDir?: (absPath: string) => Promise<void>;
}

/** Returns the absolute paths of the files it wrote (created or refreshed). */
export async function initBase(baseDir: string, opts: InitBaseOptions = {}): Promise<string[]> {
  const log = opts.log ?? (() => {});
  const removeDir = opts.removeDir ?? ((p: string) => fs.rm(p, { recursive: true, force: true }));
  const version = opts.version ?? EXTENSION_VERSION;
  const written: string[] = [];
  const write = async (rel: string, content: string) => {
    const abs = path.join(baseDir, rel);
    await writeFileEnsuringDir(abs, content);
    written.push(abs);
    log(`-> Create file '${abs}'`);
  };

  // Every start of every host lands here: when nothing is to be done, answer with a few
  // synchronous stats instead of a dozen thread-pool round trips (slow on a loaded machine).
  if (opts.force !== true && upToDate(baseDir, version)) return written;

  const isNewDir = !(await exists(baseDir));
  await fs.mkdir(baseDir, { recursive: true });

  const isNewVersion = (await readFirstLine(path.join(baseDir, VERSION_FILE_NAME))) !== version;
  const refresh = isNewVersion || opts.force === true;
  if (isNewDir) log(`=== Initializing ~/.aipack-base at '${baseDir}'`);
  else if (refresh) log(`=== Updating ~/.aipack-base at '${baseDir}'${isNewVersion ? ' (new aipack version)' : ''}`);
  if (isNewVersion) await write(VERSION_FILE_NAME, versionFileContent(version));

  if (refresh) {
    for (const rel of LEGACY_BASE_DIRS) {
      const abs = path.join(baseDir, rel);
      if (await exists(abs)) {
        await removeDir(abs);
        log(`-> Legacy '${rel}' removed`);
      }
    }
  }

  const defaultPath = path.join(baseDir, CONFIG_BASE_DEFAULT_FILE_NAME);
  if (refresh || !(await exists(defaultPath))) await write(CONFIG_BASE_DEFAULT_FILE_NAME, CONFIG_DEFAULT_TOML);
  if (!(await exists(path.join(baseDir, CONFIG_BASE_USER_FILE_NAME)))) {
    await write(CONFIG_BASE_USER_FILE_NAME, CONFIG_USER_TOML);
  }

  // The pre-0.7 single config is kept for reference but no longer read (§4.1).
  const legacyConfig = path.join(baseDir, CONFIG_BASE_LEGACY_FILE_NAME);
  if (await exists(legacyConfig)) {
    await fs.rename(legacyConfig, path.join(baseDir, CONFIG_BASE_DEPRECATED_FILE_NAME));
    log(`-> Renamed legacy config to '${CONFIG_BASE_DEPRECATED_FILE_NAME}'`);
  }

  if (refresh) {
    // core@doc is generated from the aip catalog of this build; loaded only when refreshing.
    const { coreDocFiles } = await import('./assets/core-doc');
    for (const [packRel, files] of groupByPack({ ...BASE_INSTALLED_FILES, ...coreDocFiles() })) {
      const packDir = path.join(baseDir, packRel);
      if (await packInSync(packDir, packRel, files)) {
        log(`-> Built-in pack already in sync - '${packRel}'`);
        continue;
      }
      if (await exists(packDir)) await removeDir(packDir);
      for (const [rel, content] of files) await write(rel, content);
    }
  }

  for (const [rel, content] of Object.entries(BASE_CUSTOM_FILES)) {
    if (refresh || !(await exists(path.join(baseDir, rel)))) await write(rel, content);
  }

  return written;
}

/** `pack/installed/<ns>/<name>` → its files. */
function groupByPack(files: Record<string, string>): Map<string, [string, string][]> {
  const out = new Map<string, [string, string][]>();
  for (const [rel, content] of Object.entries(files)) {
    const packRel = rel.split('/').slice(0, 4).join('/');
    const list = out.get(packRel) ?? [];
    list.push([rel, content]);
    out.set(packRel, list);
  }
  return out;
}

/** Same file set and same bytes on disk as embedded. */
async function packInSync(packDir: string, packRel: string, files: [string, string][]): Promise<boolean> {
  if (!(await exists(packDir))) return false;
  const onDisk = (await listFilesRel(packDir)).sort();
  const embedded = files.map(([rel]) => rel.slice(packRel.length + 1)).sort();
  if (onDisk.join('\n') !== embedded.join('\n')) return false;
  for (const [rel, content] of files) {
    if ((await fs.readFile(path.join(packDir, rel.slice(packRel.length + 1)), 'utf8')) !== content) return false;
  }
  return true;
}

async function listFilesRel(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel === '' ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) out.push(...(await listFilesRel(dir, r)));
    else out.push(r);
  }
  return out;
}

/** Same answer as the full pass finding nothing to write, rename or remove. */
function upToDate(baseDir: string, version: string): boolean {
  try {
    if (readFileSync(path.join(baseDir, VERSION_FILE_NAME), 'utf8').split(/\r?\n/, 1)[0].trim() !== version) return false;
  } catch {
    return false;
  }
  if (!existsSync(path.join(baseDir, CONFIG_BASE_DEFAULT_FILE_NAME))) return false;
  if (!existsSync(path.join(baseDir, CONFIG_BASE_USER_FILE_NAME))) return false;
  if (existsSync(path.join(baseDir, CONFIG_BASE_LEGACY_FILE_NAME))) return false;
  return Object.keys(BASE_CUSTOM_FILES).every((rel) => existsSync(path.join(baseDir, rel)));
}

async function readFirstLine(p: string): Promise<string | undefined> {
  try {
    return (await fs.readFile(p, 'utf8')).split(/\r?\n/, 1)[0].trim();
  } catch {
    return undefined;
  }
}
