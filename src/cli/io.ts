/** The process surface the CLI commands use, passed in so tests can run them in-process. */
import * as os from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { initBase } from '../runtime/init/init-base';

export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { write(s: string): boolean };
  stderr: { write(s: string): boolean };
  /** Live progress on a terminal, plain lines otherwise. */
  tty: boolean;
  onSigint(fn: () => void): void;
  offSigint(fn: () => void): void;
  /** Asks the user a question on the terminal; absent when stdin or stdout is not a TTY (then never prompt). */
  ask?(question: string): Promise<string>;
}

export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    tty: process.stderr.isTTY === true && process.env.CI === undefined,
    onSigint: (fn) => process.on('SIGINT', fn),
    offSigint: (fn) => process.off('SIGINT', fn),
    ask: process.stdin.isTTY === true && process.stdout.isTTY === true ? askOnTerminal : undefined,
  };
}

async function askOnTerminal(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

export function homeAndBase(io: CliIo): { homeDir: string; baseDir: string } {
  const homeDir = io.env.HOME || os.homedir();
  const baseDir = io.env.AIPACK_BASE_DIR || path.join(homeDir, '.aipack-base');
  return { homeDir, baseDir };
}

/** A fresh HOME works: the base dir (configs, default model, built-in packs) is created on first use (§5.9). */
export async function ensureBase(io: CliIo): Promise<{ homeDir: string; baseDir: string }> {
  const dirs = homeAndBase(io);
  await initBase(dirs.baseDir);
  return dirs;
}
