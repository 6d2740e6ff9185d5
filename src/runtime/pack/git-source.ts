/**
 * Git sources of `aip install` (§11.1): the system `git`, run as a child process with an
 * argument array (never a shell), never prompting for credentials, cancelled with the signal.
 */
import { execFile } from 'node:child_process';

export interface GitClone {
  dir: string;
  commit: string;
}

function git(args: string[], opts: { cwd?: string; signal?: AbortSignal }): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      {
        cwd: opts.cwd,
        signal: opts.signal,
        maxBuffer: 4 * 1024 * 1024,
        // No terminal prompt for a password or a host key: an install must not hang.
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_SSH_COMMAND: process.env.GIT_SSH_COMMAND ?? 'ssh -oBatchMode=yes' },
      },
      (err, stdout, stderr) => {
        if (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (code === 'ENOENT') reject(new Error('git is not installed (or not on PATH): it is needed to install from a git source.'));
          else reject(new Error(`git ${args[0]} failed: ${String(stderr).trim() || err.message}`));
        } else resolve(String(stdout));
      },
    );
  });
}

/** Shallow clone of the default branch into `dir` (which must not exist), and its commit. */
export async function gitClone(repository: string, dir: string, signal?: AbortSignal): Promise<GitClone> {
  await git(['clone', '--depth', '1', '--quiet', '--', repository, dir], { signal });
  const commit = (await git(['rev-parse', 'HEAD'], { cwd: dir, signal })).trim();
  if (!/^[0-9a-f]{40,64}$/.test(commit)) throw new Error(`git rev-parse gave an unexpected commit '${commit}'`);
  return { dir, commit };
}
