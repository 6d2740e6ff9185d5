/**
 * `aip pack <dir> [-o dir]` (§11.1): validate `pack.toml` and zip the folder into
 * `<ns>@<name>-v<version>.aipack`, leaving out what never belongs in a pack (VCS and
 * build folders, OS litter; the default excludes of §12.3).
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { type PackToml, parsePackToml } from '../dir-context/pack-toml';
import { createArchive } from './archive';

const EXCLUDED_DIRS = new Set(['.git', '.aipack', 'target', 'node_modules', '.build', '__pycache__']);
const EXCLUDED_FILES = [/^\.DS_Store$/, /^Thumbs\.db$/, /\.swp$/, /\.aipack$/];

export interface PackDirResult {
  file: string;
  toml: PackToml;
  files: string[];
}

export async function packDir(dir: string, outDir: string): Promise<PackDirResult> {
  const src = path.resolve(dir);
  const st = await fs.stat(src).catch(() => undefined);
  if (!st?.isDirectory()) throw new Error(`'${dir}' is not a directory.`);
  const tomlPath = path.join(src, 'pack.toml');
  const content = await fs.readFile(tomlPath, 'utf8').catch(() => undefined);
  if (content === undefined) {
    throw new Error(
      `No pack.toml in '${src}'. A pack needs one with a [pack] table: namespace, name and version (e.g. "0.1.0").`,
    );
  }
  const toml = parsePackToml(content, tomlPath);
  const files = await listPackFiles(src);
  const out = path.resolve(outDir);
  await fs.mkdir(out, { recursive: true });
  const file = path.join(out, `${toml.namespace}@${toml.name}-v${toml.version}.aipack`);
  await createArchive(src, files, file);
  return { file, toml, files };
}

/** Files of the pack, `/`-separated and sorted; a symlink is an error (an archive cannot hold it safely). */
export async function listPackFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string) => {
    const entries = await fs.readdir(path.join(root, rel), { withFileTypes: true });
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const r = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isSymbolicLink()) throw new Error(`'${r}' is a symbolic link: packs hold regular files only.`);
      if (e.isDirectory()) {
        if (!EXCLUDED_DIRS.has(e.name)) await walk(r);
      } else if (e.isFile() && !EXCLUDED_FILES.some((rx) => rx.test(e.name))) out.push(r);
    }
  };
  await walk('');
  return out;
}
