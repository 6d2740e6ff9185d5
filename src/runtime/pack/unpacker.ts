/**
 * `aip unpack ns@name [--force]` (§11.1): copy a pack into the workspace's
 * `.aipack/pack/custom/<ns>/<name>` for local editing (workspace custom packs win over
 * installed ones, §5.3). The installed copy is used, unless the repository has a newer
 * one (or nothing is installed), in which case the repository archive is unpacked.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { PACK_CUSTOM, PACK_DOWNLOAD, PACK_INSTALLED } from '../dir-context/paths';
import { type ArchiveLimits, extractArchive } from './archive';
import { readInstalledVersion } from './installer';
import { downloadToFile, fetchLatestStable } from './pack-repo';
import { compareForUpdate } from './pack-version';

export interface UnpackEnv {
  baseDir: string;
  /** `<wks>/.aipack`; undefined when there is no workspace. */
  aipackWksDir?: string;
  repoUrl: string;
  trash(absPath: string): Promise<void>;
  signal?: AbortSignal;
  limits?: ArchiveLimits;
}

export interface UnpackResult {
  namespace: string;
  name: string;
  dest: string;
  from: 'installed' | 'repository';
  version?: string;
}

const IDENTITY_RGX = /^([a-zA-Z_][a-zA-Z0-9_-]*)@([a-zA-Z_][a-zA-Z0-9_-]*)$/;

export async function unpackPack(ref: string, env: UnpackEnv, opts: { force?: boolean } = {}): Promise<UnpackResult> {
  const m = IDENTITY_RGX.exec(ref.trim());
  if (!m) {
    throw new Error(`'${ref}' is not a pack identity: unpack takes 'namespace@name' (no sub path, no $base/$workspace).`);
  }
  const [, namespace, name] = m;
  if (env.aipackWksDir === undefined || !(await isDir(env.aipackWksDir))) {
    throw new Error("No workspace here (no '.aipack/' folder). Run 'aip init' in the project root first.");
  }
  const dest = path.join(env.aipackWksDir, PACK_CUSTOM, namespace, name);
  if (await isDir(dest)) {
    if (opts.force !== true) throw new Error(`'${dest}' already exists. Use --force to replace it (the old copy goes to the trash).`);
  }

  const installedDir = path.join(env.baseDir, PACK_INSTALLED, namespace, name);
  const installedExists = await isDir(installedDir);
  const installed = installedExists ? await readInstalledVersion(installedDir) : undefined;
  // The repository is asked only to know whether it has something newer; unreachable is fine when installed.
  const remote = await fetchLatestStable(env.repoUrl, namespace, name, env.signal).catch((err: unknown) => {
    if (!installedExists) throw err;
    return undefined;
  });
  const useRemote = remote !== undefined && (installed === undefined || compareForUpdate(installed, remote.version) > 0);

  const staging = path.join(env.baseDir, PACK_DOWNLOAD, uuidv7());
  await fs.mkdir(staging, { recursive: true });
  try {
    const ready = path.join(staging, 'pack');
    if (useRemote && remote) {
      const file = path.join(staging, 'download.aipack');
      await downloadToFile(remote.archiveUrl, file, { signal: env.signal });
      await extractArchive(file, ready, env.limits);
    } else {
      await fs.cp(installedDir, ready, { recursive: true, verbatimSymlinks: true });
    }
    if (await isDir(dest)) await env.trash(dest);
    await fs.mkdir(path.dirname(dest), { recursive: true });
    await fs.rename(ready, dest);
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
  return { namespace, name, dest, from: useRemote ? 'repository' : 'installed', version: useRemote ? remote?.version : installed };
}

async function isDir(p: string): Promise<boolean> {
  return (await fs.stat(p).catch(() => undefined))?.isDirectory() === true;
}

