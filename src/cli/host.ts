/**
 * The CLI's Host: secrets from the environment, files opened with $VISUAL/$EDITOR,
 * deletes moved to the freedesktop trash (so `aip.file.delete` stays recoverable).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse as parseWords } from 'shell-quote';
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
    // No shell: the path (which an agent or a model's reply may choose) is one argument, never shell text.
    const [cmd, ...args] = editorCommand(editor, this.env);
    const child = spawn(cmd, [...args, absPath], { detached: true, stdio: 'ignore' });
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

/**
 * $VISUAL/$EDITOR as a word list, split as a shell would (quotes, `$VAR`), e.g. `code --wait` or
 * `"/opt/My Editor/bin/ed" -n`. Operators (`;`, `|`, `&&`, redirections) are refused: the value names a
 * command and its arguments, and nothing here runs a shell.
 */
export function editorCommand(value: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const words = parseWords(value, (name) => env[name] ?? '');
  const out: string[] = [];
  for (const w of words) {
    if (typeof w !== 'string') {
      const what = 'op' in w ? `'${w.op}'` : 'comment' in w ? "'#'" : 'a pattern';
      throw new Error(`The editor command '${value}' (VISUAL/EDITOR) contains ${what}: give a command and its arguments, without shell operators.`);
    }
    out.push(w);
  }
  if (out.length === 0 || out[0] === '') throw new Error(`The editor command '${value}' (VISUAL/EDITOR) is empty.`);
  return out;
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
