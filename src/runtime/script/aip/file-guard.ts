/**
 * The write guard (§12.1) and delete guard (§12.2) of `aip.file`.
 * Both check the resolved absolute path against the workspace dir, first as written (the
 * original's lexical rule, same messages) and then with symlinks resolved, so a link inside
 * the workspace that points out cannot carry a write or a delete out of it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { posix } from 'node:path';
import { slash } from './file-common';

/** Real path of `p`: its nearest existing ancestor resolved, the rest appended. */
export function realPathOf(p: string, followLast: boolean): string {
  let head = followLast ? p : path.dirname(p);
  const tail: string[] = followLast ? [] : [path.basename(p)];
  for (;;) {
    try {
      return path.join(fs.realpathSync(head), ...tail.reverse());
    } catch {
      const parent = path.dirname(head);
      if (parent === head) return p;
      tail.push(path.basename(head));
      head = parent;
    }
  }
}

export function realWks(wksDir: string): string {
  try {
    return fs.realpathSync(wksDir);
  } catch {
    return wksDir;
  }
}

function relFromWorkspace(fullPath: string, wksDir: string): string {
  return posix.relative(slash(wksDir), slash(fullPath));
}

/** Whether a relative path climbs out: a `..` segment first (not a name like `..notes.md`), or another root. */
function climbsOut(rel: string): boolean {
  return rel === '..' || rel.startsWith('../') || posix.isAbsolute(rel);
}

/**
 * Writes must land in the workspace, or anywhere whose path contains `.aipack-base`
 * (the original's rule: the whole base dir, installed packs included, stays writable).
 */
export function checkAccessWrite(fullPath: string, wksDir: string): void {
  checkWriteLexical(fullPath, wksDir);
  const real = realPathOf(fullPath, true);
  if (real !== fullPath) checkWriteLexical(real, realWks(wksDir));
}

function checkWriteLexical(fullPath: string, wksDir: string): void {
  const rel = relFromWorkspace(fullPath, wksDir);
  if (climbsOut(rel) && !slash(fullPath).includes('.aipack-base')) {
    throw new Error(
      `Save file protection - The path \`${rel}\` does not belong to the workspace dir \`${slash(wksDir)}\` or to the .aipack-base.\n` +
        'Cannot save file out of workspace or aipack base at this point',
    );
  }
}

/** Deletes (and move sources) must be in the workspace and never in `.aipack-base`. */
export function checkAccessDelete(fullPath: string, wksDir: string): void {
  checkDeleteLexical(fullPath, wksDir);
  // The entry itself is what goes to the trash (a symlink, not its target): resolve its parent.
  const real = realPathOf(fullPath, false);
  if (real !== fullPath) checkDeleteLexical(real, realWks(wksDir));
}

function checkDeleteLexical(fullPath: string, wksDir: string): void {
  if (slash(fullPath).includes('.aipack-base')) {
    throw new Error('Delete file protection - Deleting files from the `.aipack-base` folder is not allowed');
  }
  const rel = relFromWorkspace(fullPath, wksDir);
  if (climbsOut(rel)) {
    throw new Error(
      `Delete file protection - The path \`${rel}\` does not belong to the workspace dir \`${slash(wksDir)}\`.\n` +
        'Cannot delete files outside the workspace',
    );
  }
}
