/**
 * The pack repository (§7.7, §11.1): `<repo>/pack/<ns>/<name>/stable/latest.toml` names the
 * latest stable version and its archive path (`[latest_stable] version, rel_path`), relative
 * to the same `stable/` folder. The default repository is aipack's; `AIPACK_REPO_URL` (and
 * the editor setting `aipack.packRepoUrl`) point elsewhere, e.g. a local server in tests.
 */
import { createWriteStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse as parseToml } from 'smol-toml';
import { errorMessage } from '../errors';

export const DEFAULT_PACK_REPO_URL = 'https://repo.aipack.ai';
export const PACK_REPO_URL_ENV = 'AIPACK_REPO_URL';

/** A downloaded archive larger than this is refused before it fills the disk. */
export const MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024;

export function packRepoUrl(env: NodeJS.ProcessEnv, setting?: string): string {
  const v = (setting && setting.trim()) || (env[PACK_REPO_URL_ENV] ?? '').trim() || DEFAULT_PACK_REPO_URL;
  return v.replace(/\/+$/, '');
}

export interface LatestStable {
  version: string;
  /** Absolute URL of the archive. */
  archiveUrl: string;
}

function stableDirUrl(repoUrl: string, namespace: string, name: string): string {
  return `${repoUrl}/pack/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}/stable/`;
}

export async function fetchLatestStable(repoUrl: string, namespace: string, name: string, signal?: AbortSignal): Promise<LatestStable> {
  const ref = `${namespace}@${name}`;
  const url = `${stableDirUrl(repoUrl, namespace, name)}latest.toml`;
  let res: Response;
  try {
    res = await fetch(url, { signal });
  } catch (err) {
    throw new Error(`Cannot reach the pack repository for ${ref} (${url}): ${errorMessage(err)}`);
  }
  if (res.status === 404) throw new Error(`Pack ${ref} was not found in the pack repository (${url}: 404).`);
  if (!res.ok) throw new Error(`The pack repository answered HTTP ${res.status} for ${url}.`);
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(await res.text()) as Record<string, unknown>;
  } catch (err) {
    throw new Error(`The latest.toml of ${ref} is not valid TOML (${url}): ${errorMessage(err)}`);
  }
  const latest = doc.latest_stable as Record<string, unknown> | undefined;
  if (!latest || typeof latest !== 'object') throw new Error(`The latest.toml of ${ref} has no [latest_stable] table (${url}).`);
  if (typeof latest.version !== 'string' || latest.version === '') throw new Error(`The latest.toml of ${ref} has no latest_stable.version (${url}).`);
  if (typeof latest.rel_path !== 'string' || latest.rel_path === '') throw new Error(`The latest.toml of ${ref} has no latest_stable.rel_path (${url}).`);
  return { version: latest.version, archiveUrl: new URL(latest.rel_path, stableDirUrl(repoUrl, namespace, name)).href };
}

/** GETs `url` into `dest` (created), refusing bodies over `maxBytes`; removes `dest` on failure. */
export async function downloadToFile(url: string, dest: string, opts: { signal?: AbortSignal; maxBytes?: number } = {}): Promise<void> {
  const max = opts.maxBytes ?? MAX_DOWNLOAD_BYTES;
  let res: Response;
  try {
    res = await fetch(url, { signal: opts.signal, redirect: 'follow' });
  } catch (err) {
    throw new Error(`Download failed for ${url}: ${errorMessage(err)}`);
  }
  if (!res.ok || res.body === null) throw new Error(`Download failed for ${url}: HTTP ${res.status}`);
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > max) {
    await res.body.cancel().catch(() => {});
    throw new Error(`Download refused for ${url}: ${declared} bytes is more than the ${max} bytes limit.`);
  }
  let seen = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      seen += chunk.length;
      if (seen > max) cb(new Error(`Download refused for ${url}: more than the ${max} bytes limit.`));
      else cb(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), limiter, createWriteStream(dest, { flags: 'wx' }));
  } catch (err) {
    await fs.rm(dest, { force: true });
    throw err;
  }
}
