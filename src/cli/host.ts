/**
 * The CLI's Host: secrets from the environment, files opened with $VISUAL/$EDITOR,
 * deletes moved to the freedesktop trash (so `aip.file.delete` stays recoverable).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { type Host, nowMicros } from '../runtime/host';

export class CliHost implements Host {
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  async getSecret(name: string): Promise<string | undefined> {
    const v = this.env[name];
    return v === undefined || v.trim() === '' ? undefined : v;
  }

  async openFile(absPath: string): Promise<string | undefined> {
    const editor = this.env.VISUAL || this.env.EDITOR;
    // Never block the run on an interactive editor: detach and forget.
    if (!editor) return undefined;
    const child = spawn(editor, [absPath], { detached: true, stdio: 'ignore', shell: true });
    child.on('error', () => {});
    child.unref();
    return editor;
  }

  async trash(absPath: string): Promise<void> {
    await moveToTrash(absPath, this.env);
  }

  nowMicros(): number {
    return nowMicros();
  }
}

/** Freedesktop trash: `<XDG_DATA_HOME|~/.local/share>/Trash/{files,info}`. */
export async function moveToTrash(absPath: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const dataHome = env.XDG_DATA_HOME || path.join(env.HOME || os.homedir(), '.local', 'share');
  const trashDir = path.join(dataHome, 'Trash');
  const filesDir = path.join(trashDir, 'files');
  const infoDir = path.join(trashDir, 'info');
  await fs.mkdir(filesDir, { recursive: true });
  await fs.mkdir(infoDir, { recursive: true });
  const base = path.basename(absPath);
  let name = base;
  for (let i = 1; ; i++) {
    try {
      // `wx` makes the info file our reservation of the name.
      await fs.writeFile(
        path.join(infoDir, `${name}.trashinfo`),
        `[Trash Info]\nPath=${encodeURI(absPath)}\nDeletionDate=${new Date().toISOString().slice(0, 19)}\n`,
        { flag: 'wx' },
      );
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      name = `${base}.${i}`;
    }
  }
  const dest = path.join(filesDir, name);
  try {
    await fs.rename(absPath, dest);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    // Another device: copy then remove.
    await fs.cp(absPath, dest, { recursive: true });
    await fs.rm(absPath, { recursive: true, force: true });
  }
  return dest;
}
