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
  /** Ctrl-C, and the other ways a terminal or a supervisor asks a process to stop (SIGTERM, SIGHUP). */
  onSigint(fn: (signal: StopSignal) => void): void;
  offSigint(fn: (signal: StopSignal) => void): void;
  /** Asks the user a question on the terminal; absent when stdin or stdout is not a TTY (then never prompt). */
  ask?(question: string): Promise<string>;
}

export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';
export const STOP_SIGNALS: readonly StopSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** The shell convention: 128 + the signal number (SIGINT 130, SIGTERM 143, SIGHUP 129). */
export function exitCodeForSignal(signal: StopSignal): number {
  return 128 + os.constants.signals[signal];
}

export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    tty: process.stderr.isTTY === true && process.env.CI === undefined,
    onSigint: (fn) => STOP_SIGNALS.forEach((sig) => process.on(sig, fn)),
    offSigint: (fn) => STOP_SIGNALS.forEach((sig) => process.off(sig, fn)),
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
