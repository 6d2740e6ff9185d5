/**
 * `aip run -f GLOB` input construction (§11.2): each matching file becomes one
 * FileInfo input. Shared by the CLI and the extension's "Run on Files…".
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { walkGlobs } from '../glob/walk';
import { type FileInfo, fileInfo } from '../script/aip/file-info';

/** simple-fs's `DEFAULT_EXCLUDE_GLOBS` (`**∕.git`, `**∕.DS_Store`), which `aip run -f` lists with. */
const SIMPLE_FS_DEFAULT_EXCLUDES = ['**/.git/**', '**/.DS_Store'];

/** A value without `*` that isn't `./…` or `/…` matches anywhere in the tree (`README.md` → `**∕README.md`). */
export function normalizeInputGlob(glob: string): string {
  let g = glob.replace(/\\/g, '/');
  if (!g.includes('*') && !g.startsWith('./') && !g.startsWith('/')) g = `**/${g}`;
  if (!g.startsWith('/') && !g.startsWith('./') && !g.startsWith('**/')) g = `./${g}`;
  return g;
}

/**
 * List the files matching `globs` from `cwd` (only simple-fs's `.git`/`.DS_Store` excludes,
 * not `aip.file.list`'s folder list), canonicalized and shown relative to the workspace dir.
 * Files are de-duplicated and kept in glob order, then path order within a glob.
 */
export async function fileInputs(globs: string[], cwd: string, workspaceDir: string | undefined): Promise<FileInfo[]> {
  if (!workspaceDir) {
    throw new Error("Running on files (-f) needs a workspace: no '.aipack/' found. Run 'aip init' in your project directory.");
  }
  const wksReal = fs.realpathSync(workspaceDir);
  const seen = new Set<string>();
  const out: FileInfo[] = [];
  for (const glob of globs) {
    const pattern = normalizeInputGlob(glob);
    // Matched as globset reads the glob (src/runtime/glob); `./` is the walk's own base.
    const entries = await walkGlobs(cwd, [pattern.startsWith('/') ? pattern : pattern.replace(/^\.\//, '')], {
      followSymbolicLinks: true,
      ignore: SIMPLE_FS_DEFAULT_EXCLUDES,
    });
    const matches = entries.map((e) => e.abs).sort();
    for (const abs of matches) {
      const real = fs.realpathSync(abs);
      if (seen.has(real)) continue;
      seen.add(real);
      const rel = path.relative(wksReal, real);
      const display = rel.startsWith('..') || path.isAbsolute(rel) ? real : rel.split(path.sep).join('/');
      out.push(fileInfo(display, real));
    }
  }
  return out;
}
