/**
 * `aip install` (§11.1): fetch a pack from any source kind, check it, and install it to
 * `<base>/pack/installed/<ns>/<name>` with its `[installed]` provenance.
 *
 * Everything is prepared in a staging folder under `<base>/pack/.download/` first: the
 * archive is checked whole, unpacked and given its provenance there. Only then is the
 * previous install moved to the trash and the new one moved into place, so a bad archive
 * or a failed download leaves the previous install exactly as it was.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { type PackToml, parsePackToml } from '../dir-context/pack-toml';
import { PACK_DOWNLOAD, PACK_INSTALLED } from '../dir-context/paths';
import { type ArchiveLimits, DEFAULT_ARCHIVE_LIMITS, extractArchive, readArchiveText } from './archive';
import { gitClone } from './git-source';
import { type PackSource, describePackSource, parsePackSource } from './pack-source';
import { DEFAULT_PACK_REPO_URL, downloadToFile, fetchLatestStable } from './pack-repo';
import { checkInstallableVersion, compareForUpdate } from './pack-version';
import { localRfc3339, writeProvenance } from './provenance';

export interface PackInstallEnv {
  baseDir: string;
  /** Relative local paths resolve against it. */
  cwd: string;
  /** Pack repository for `ns@name` sources (no trailing `/`). */
  repoUrl: string;
  /** Moves a replaced install out of the way (the host's trash). */
  trash(absPath: string): Promise<void>;
  signal?: AbortSignal;
  limits?: ArchiveLimits;
  /** Progress lines for the user. */
  log?(message: string): void;
}

export interface InstallResult {
  status: 'installed' | 'up-to-date';
  namespace: string;
  name: string;
  version: string;
  /** Absolute install dir. */
  dir: string;
  /** Version that was there before (replaced, or equal when up to date). */
  previousVersion?: string;
  /** Bytes of the `.aipack` archive (archive sources). */
  archiveBytes?: number;
  /** `[installed] source` as written. */
  source: string;
  commit?: string;
}

export class InstallRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InstallRefusedError';
  }
}

interface Prepared {
  toml: PackToml;
  /** Fills `dest` (which must not exist) with the pack's files. */
  materialize(dest: string): Promise<void>;
  archiveBytes?: number;
  commit?: string;
  provenanceSource: string;
}

export async function installPack(src: string, env: PackInstallEnv, opts: { force?: boolean } = {}): Promise<InstallResult> {
  const source = parsePackSource(src);
  const log = env.log ?? (() => {});
  const staging = path.join(env.baseDir, PACK_DOWNLOAD, uuidv7());
  await fs.mkdir(staging, { recursive: true });
  try {
    const prepared = await prepare(source, src, staging, env, log);
    const { toml } = prepared;
    if (source.kind === 'repo' && (toml.namespace !== source.namespace || toml.name !== source.name)) {
      throw new InstallRefusedError(
        `The archive for ${source.namespace}@${source.name} holds the pack ${toml.namespace}@${toml.name}; not installed.`,
      );
    }
    checkInstallableVersion(toml.version);

    const target = path.join(env.baseDir, PACK_INSTALLED, toml.namespace, toml.name);
    const previous = await readInstalledVersion(target);
    const base = { namespace: toml.namespace, name: toml.name, dir: target, archiveBytes: prepared.archiveBytes, commit: prepared.commit };
    if (previous !== undefined && opts.force !== true) {
      const cmp = compareForUpdate(previous, toml.version);
      if (cmp === 0) return { ...base, status: 'up-to-date', version: previous, previousVersion: previous, source: prepared.provenanceSource };
      if (cmp < 0) {
        throw new InstallRefusedError(
          `${toml.namespace}@${toml.name} ${previous} is installed, which is newer than ${toml.version} from ${describePackSource(source)}.\n` +
            `Nothing was changed. Use --force to install ${toml.version} anyway.`,
        );
      }
    }

    const ready = path.join(staging, 'pack');
    await prepared.materialize(ready);
    const time = localRfc3339();
    await writeProvenance(path.join(ready, 'pack.toml'), { time, source: prepared.provenanceSource, commit: prepared.commit });

    if (await exists(target)) {
      await env.trash(target);
      log(`-> Previous install moved to the trash (${target})`);
    }
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.rename(ready, target);
    return { ...base, status: 'installed', version: toml.version, previousVersion: previous, source: prepared.provenanceSource };
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}

async function prepare(source: PackSource, original: string, staging: string, env: PackInstallEnv, log: (m: string) => void): Promise<Prepared> {
  const limits = env.limits ?? DEFAULT_ARCHIVE_LIMITS;
  switch (source.kind) {
    case 'repo': {
      const latest = await fetchLatestStable(env.repoUrl, source.namespace, source.name, env.signal);
      log(`-> ${source.namespace}@${source.name}: latest stable is ${latest.version}, downloading ${latest.archiveUrl}`);
      const file = path.join(staging, 'download.aipack');
      await downloadToFile(latest.archiveUrl, file, { signal: env.signal });
      const provenanceSource = env.repoUrl === DEFAULT_PACK_REPO_URL ? 'aipack.ai' : env.repoUrl;
      return fromArchive(file, `${source.namespace}@${source.name}`, limits, provenanceSource);
    }
    case 'http': {
      log(`-> Downloading ${source.url}`);
      const file = path.join(staging, 'download.aipack');
      await downloadToFile(source.url, file, { signal: env.signal });
      return fromArchive(file, source.url, limits, original);
    }
    case 'local': {
      const file = path.resolve(env.cwd, source.path);
      const st = await fs.stat(file).catch(() => undefined);
      if (!st) throw new Error(`No such file: '${file}'.`);
      if (!st.isFile()) throw new Error(`'${file}' is not a file: give a .aipack archive (use 'aip pack <dir>' to make one).`);
      if (path.extname(file) !== '.aipack') throw new Error(`'${file}' is not a .aipack file.`);
      return fromArchive(file, file, limits, file);
    }
    case 'git': {
      log(`-> Cloning ${source.repository}`);
      const clone = await gitClone(source.repository, path.join(staging, 'clone'), env.signal);
      const packDir = source.subPath ? path.join(clone.dir, ...source.subPath.split('/')) : clone.dir;
      const st = await fs.stat(packDir).catch(() => undefined);
      if (!st?.isDirectory()) throw new Error(`The git source has no directory '${source.subPath ?? '.'}'.`);
      const tomlPath = path.join(packDir, 'pack.toml');
      const content = await fs.readFile(tomlPath, 'utf8').catch(() => undefined);
      if (content === undefined) throw new Error(`No pack.toml in '${source.subPath ?? '.'}' of ${source.repository} (name the pack folder with '#sub/dir').`);
      const toml = parsePackToml(content, `pack.toml of ${describePackSource(source)}`);
      return {
        toml,
        commit: clone.commit,
        provenanceSource: original,
        materialize: (dest) => copyPackTree(packDir, dest, limits),
      };
    }
  }
}

async function fromArchive(file: string, label: string, limits: ArchiveLimits, provenanceSource: string): Promise<Prepared> {
  const text = await readArchiveText(file, 'pack.toml', limits);
  if (text === undefined) throw new InstallRefusedError(`Invalid .aipack archive '${label}': no pack.toml at its root.`);
  const toml = parsePackToml(text, `pack.toml in ${label}`);
  const archiveBytes = (await fs.stat(file)).size;
  return { toml, archiveBytes, provenanceSource, materialize: (dest) => extractArchive(file, dest, limits) };
}

/** Copies a git pack folder, without `.git`; symlinks are refused like in an archive. */
async function copyPackTree(from: string, to: string, limits: ArchiveLimits): Promise<void> {
  let total = 0;
  const walk = async (rel: string) => {
    await fs.mkdir(path.join(to, rel), { recursive: true });
    for (const e of await fs.readdir(path.join(from, rel), { withFileTypes: true })) {
      if (rel === '' && e.name === '.git') continue;
      const r = rel === '' ? e.name : path.join(rel, e.name);
      if (e.isSymbolicLink()) throw new InstallRefusedError(`The git pack has a symbolic link '${r}' (not allowed in a pack).`);
      if (e.isDirectory()) await walk(r);
      else if (e.isFile()) {
        total += (await fs.stat(path.join(from, r))).size;
        if (total > limits.maxTotalBytes) throw new InstallRefusedError(`The git pack is larger than ${limits.maxTotalBytes} bytes.`);
        await fs.copyFile(path.join(from, r), path.join(to, r));
      } else throw new InstallRefusedError(`The git pack has '${r}', which is not a regular file.`);
    }
  };
  try {
    await walk('');
  } catch (err) {
    await fs.rm(to, { recursive: true, force: true });
    throw err;
  }
}

/** Version in an installed pack's pack.toml; undefined when absent or unreadable (then it is simply replaced). */
export async function readInstalledVersion(packDir: string): Promise<string | undefined> {
  try {
    const content = await fs.readFile(path.join(packDir, 'pack.toml'), 'utf8');
    return parsePackToml(content, path.join(packDir, 'pack.toml')).version;
  } catch {
    return undefined;
  }
}

async function exists(p: string): Promise<boolean> {
  return (await fs.stat(p).catch(() => undefined)) !== undefined;
}
