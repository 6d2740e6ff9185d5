/**
 * `.aipack` archives (§11.1): a zip of a pack directory. Reading is defensive because an
 * archive comes from the network: every entry is checked (no absolute path, no `..`, no
 * symlink, a size budget against zip bombs) before a single byte is written, and the
 * decompressed bytes are counted again while writing (yauzl refuses an entry that inflates
 * past its declared size, so a lying header cannot get around the budget).
 */
import { createWriteStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { zipSync } from 'fflate';
import * as yauzl from 'yauzl';

export interface ArchiveLimits {
  /** Sum of the uncompressed sizes of all entries. */
  maxTotalBytes: number;
  maxEntries: number;
}

/** A pack is text and a few small assets; 256 MiB unpacked is far above any real one. */
export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = { maxTotalBytes: 256 * 1024 * 1024, maxEntries: 20_000 };

export class PackArchiveError extends Error {
  constructor(file: string, reason: string) {
    super(`Invalid .aipack archive '${file}': ${reason}`);
    this.name = 'PackArchiveError';
  }
}

export interface ArchiveEntryInfo {
  /** Path inside the archive, `/`-separated, without a trailing `/` for directories. */
  name: string;
  isDir: boolean;
  size: number;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true, decodeStrings: true }, (err, zip) => {
      if (err) reject(new PackArchiveError(file, `not a zip archive (${err.message})`));
      else resolve(zip);
    });
  });
}

/** Every entry of the central directory, checked; `onEntry` may read each one before the next. */
async function walkEntries(
  file: string,
  zip: yauzl.ZipFile,
  limits: ArchiveLimits,
  onEntry?: (entry: yauzl.Entry, info: ArchiveEntryInfo) => Promise<void>,
): Promise<ArchiveEntryInfo[]> {
  if (zip.entryCount > limits.maxEntries) {
    throw new PackArchiveError(file, `${zip.entryCount} entries, more than the limit of ${limits.maxEntries}`);
  }
  const out: ArchiveEntryInfo[] = [];
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    let failed = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      reject(err instanceof PackArchiveError ? err : new PackArchiveError(file, err instanceof Error ? err.message : String(err)));
    };
    zip.on('error', fail);
    zip.on('end', () => {
      if (!failed) resolve();
    });
    zip.on('entry', (entry: yauzl.Entry) => {
      try {
        const info = checkEntry(file, entry);
        total += info.size;
        if (total > limits.maxTotalBytes) {
          throw new PackArchiveError(
            file,
            `unpacks to more than ${limits.maxTotalBytes} bytes (size limit; a zip bomb or not a pack)`,
          );
        }
        out.push(info);
        const next = onEntry ? onEntry(entry, info) : Promise.resolve();
        next.then(() => zip.readEntry(), fail);
      } catch (err) {
        fail(err);
      }
    });
    zip.readEntry();
  });
  return out;
}

/** yauzl already refuses absolute names and `..` segments (with its own message); the rest is ours. */
function checkEntry(file: string, entry: yauzl.Entry): ArchiveEntryInfo {
  const raw = entry.fileName;
  const isDir = raw.endsWith('/');
  const name = isDir ? raw.slice(0, -1) : raw;
  if (name === '' || path.posix.isAbsolute(name) || /^[a-zA-Z]:/.test(name)) {
    throw new PackArchiveError(file, `entry '${raw}' has an absolute path`);
  }
  if (name.split('/').some((seg) => seg === '..')) {
    throw new PackArchiveError(file, `entry '${raw}' escapes the pack directory ('..')`);
  }
  // Unix mode bits live in the high half of the external attributes (zip "version made by" Unix).
  const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (mode === S_IFLNK) throw new PackArchiveError(file, `entry '${raw}' is a symbolic link (not allowed in a pack)`);
  if (mode !== 0 && mode !== S_IFREG && mode !== S_IFDIR) {
    throw new PackArchiveError(file, `entry '${raw}' is not a regular file or directory`);
  }
  return { name, isDir, size: entry.uncompressedSize };
}

/** Checks the whole archive and lists its entries, writing nothing. */
export async function listArchive(file: string, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): Promise<ArchiveEntryInfo[]> {
  const zip = await openZip(file);
  try {
    return await walkEntries(file, zip, limits);
  } finally {
    zip.close();
  }
}

function readStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolve(stream)));
  });
}

/** Text of one root-level entry (e.g. `pack.toml`), or undefined when absent. The archive is checked whole first. */
export async function readArchiveText(file: string, entryName: string, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): Promise<string | undefined> {
  const zip = await openZip(file);
  let text: string | undefined;
  try {
    await walkEntries(file, zip, limits, async (entry, info) => {
      if (info.isDir || info.name !== entryName) return;
      const chunks: Buffer[] = [];
      for await (const c of await readStream(zip, entry)) chunks.push(c as Buffer);
      text = Buffer.concat(chunks).toString('utf8');
    });
  } finally {
    zip.close();
  }
  return text;
}

/**
 * Extracts into `targetDir` (created; must not exist yet, so nothing of a previous install
 * is mixed in). The archive is checked whole before anything is written; on any failure
 * the partly written target is removed.
 */
export async function extractArchive(file: string, targetDir: string, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): Promise<void> {
  await listArchive(file, limits);
  const zip = await openZip(file);
  await fs.mkdir(targetDir, { recursive: false });
  const root = path.resolve(targetDir);
  let written = 0;
  try {
    await walkEntries(file, zip, limits, async (entry, info) => {
      const dest = path.resolve(root, ...info.name.split('/'));
      // Belt and braces: the name checks above already make this impossible.
      if (dest !== root && !dest.startsWith(root + path.sep)) throw new PackArchiveError(file, `entry '${info.name}' escapes the target`);
      if (info.isDir) {
        await fs.mkdir(dest, { recursive: true });
        return;
      }
      await fs.mkdir(path.dirname(dest), { recursive: true });
      const counter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          written += chunk.length;
          if (written > limits.maxTotalBytes) cb(new PackArchiveError(file, `unpacks to more than ${limits.maxTotalBytes} bytes (size limit)`));
          else cb(null, chunk);
        },
      });
      await pipeline(await readStream(zip, entry), counter, createWriteStream(dest, { flags: 'wx' }));
    });
  } catch (err) {
    await fs.rm(root, { recursive: true, force: true });
    throw err;
  } finally {
    zip.close();
  }
}

/** Zips `files` (paths relative to `rootDir`, `/`-separated) into `outFile`. */
export async function createArchive(rootDir: string, files: string[], outFile: string): Promise<void> {
  const entries: Record<string, Uint8Array> = {};
  for (const rel of files) entries[rel] = await fs.readFile(path.join(rootDir, ...rel.split('/')));
  await fs.writeFile(outFile, zipSync(entries, { level: 9, mtime: new Date('2020-01-01T00:00:00Z') }));
}
