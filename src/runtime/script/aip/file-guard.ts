/**
 * The write guard (§12.1) and delete guard (§12.2) of `aip.file`.
 * Both are lexical checks of the resolved absolute path against the workspace dir.
 */
import { posix } from 'node:path';
import { slash } from './file-common';

function relFromWorkspace(fullPath: string, wksDir: string): string {
  return posix.relative(slash(wksDir), slash(fullPath));
}

/**
 * Writes must land in the workspace, or anywhere whose path contains `.aipack-base`
 * (the original's rule: the whole base dir, installed packs included, stays writable).
 */
export function checkAccessWrite(fullPath: string, wksDir: string): void {
  const rel = relFromWorkspace(fullPath, wksDir);
  if (rel.startsWith('..') && !slash(fullPath).includes('.aipack-base')) {
    throw new Error(
      `Save file protection - The path \`${rel}\` does not belong to the workspace dir \`${slash(wksDir)}\` or to the .aipack-base.\n` +
        'Cannot save file out of workspace or aipack base at this point',
    );
  }
}

/** Deletes (and move sources) must be in the workspace and never in `.aipack-base`. */
export function checkAccessDelete(fullPath: string, wksDir: string): void {
  if (slash(fullPath).includes('.aipack-base')) {
    throw new Error('Delete file protection - Deleting files from the `.aipack-base` folder is not allowed');
  }
  const rel = relFromWorkspace(fullPath, wksDir);
  if (rel.startsWith('..')) {
    throw new Error(
      `Delete file protection - The path \`${rel}\` does not belong to the workspace dir \`${slash(wksDir)}\`.\n` +
        'Cannot delete files outside the workspace',
    );
  }
}
