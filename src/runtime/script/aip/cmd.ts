/**
 * `aip.cmd` (§8.11): run a program without a shell and collect its output. The child is
 * killed when the run is cancelled.
 */
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CallContext, ModuleCatalog } from '../catalog';
import { argOptions, argString, argStringOrList } from '../catalog';

export interface CmdResponse {
  stdout: string;
  stderr: string;
  /** Exit code; -1 when the process ended on a signal. */
  exit: number;
}

export class ProcessStartError extends Error {}

/**
 * Spawn `program args…` in `cwd` (no shell), wait for it and return its output. Rejects with
 * `ProcessStartError` when it cannot start and with a cancel error when `signal` aborts
 * (after killing the child).
 */
export function runProcess(program: string, args: string[], cwd: string | undefined, signal: AbortSignal): Promise<CmdResponse> {
  const display = [program, ...args].join(' ');
  const cwdContext = cwd !== undefined ? `\nWorking directory: ${cwd}` : '';
  const startError = (cause: string) => new ProcessStartError(`Fail to execute: ${display}${cwdContext}\nCause:\n${cause}`);
  return new Promise((resolvePromise, reject) => {
    if (signal.aborted) {
      reject(new Error(`Command cancelled: ${display}`));
      return;
    }
    if (cwd !== undefined) {
      let isDir = false;
      try {
        isDir = statSync(cwd).isDirectory();
      } catch {
        isDir = false;
      }
      if (!isDir) {
        reject(startError(`No such directory: ${cwd}`));
        return;
      }
    }
    // Its own process group (detached = setsid on Unix), so a cancel reaches what the command started too
    // (`sh -c "a | b"`, build tools, servers): the terminal's Ctrl-C no longer reaches it directly; the run's
    // cancel does, through endGroup.
    const group = process.platform !== 'win32';
    const child = spawn(program, args, { cwd, shell: false, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true, detached: group });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    let cancelled = false;
    let groupEnded: Promise<void> | undefined;
    const onAbort = () => {
      cancelled = true;
      groupEnded = group && child.pid !== undefined ? endGroup(child.pid) : Promise.resolve(void child.kill('SIGKILL'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e) => {
      signal.removeEventListener('abort', onAbort);
      reject(startError(e.message));
    });
    child.on('close', (code) => {
      signal.removeEventListener('abort', onAbort);
      if (cancelled) {
        const cancelError = new Error(`Command cancelled: ${display}`);
        void (groupEnded ?? Promise.resolve()).then(() => reject(cancelError));
        return;
      }
      resolvePromise({
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        exit: code ?? -1,
      });
    });
  });
}

/** How long the members of a cancelled command's group get to end on SIGTERM before SIGKILL. */
export const CMD_KILL_GRACE_MS = 500;

const groupAlive = (pgid: number) => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Ends every process of the group `pgid`: SIGTERM, then SIGKILL to whatever is left after the grace period.
 * Resolves once the group is empty or SIGKILL was sent.
 */
export async function endGroup(pgid: number, graceMs = CMD_KILL_GRACE_MS): Promise<void> {
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pgid, sig);
    } catch {
      // ESRCH: the group is already empty.
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  if (groupAlive(pgid)) signal('SIGKILL');
}

/** aipack's cross-platform command: direct exec on Unix, `cmd /C "<cmd> <args>"` on Windows. */
function crossCommand(cmd: string, args: string[]): [string, string[]] {
  if (process.platform === 'win32') return ['cmd', ['/C', args.length > 0 ? `${cmd} ${args.join(' ')}` : cmd]];
  return [cmd, args];
}

export const cmdCatalog: ModuleCatalog = {
  module: 'cmd',
  doc: 'Run system commands (no shell) and collect stdout, stderr and the exit code.',
  entries: [
    {
      name: 'exec',
      signature: 'aip.cmd.exec(cmd: string, args?: string|string[], opts?: {cwd?}) -> CmdResponse',
      doc: [
        'Run `cmd` directly (no shell: no pipes, globs or `$VARS`) and wait for it.',
        '',
        '- `args`: a string is passed as **one** argument; a list is the argument vector.',
        '- `opts.cwd`: working directory, workspace-relative unless absolute (empty = current).',
        '',
        'On Windows the command runs as `cmd /C "<cmd> <args joined by spaces>"`.',
        '',
        'Returns `{stdout, stderr, exit}`; `exit` is -1 when the process was killed by a signal. A non-zero exit is not an error.',
        '',
        'Errors: `Fail to execute: <cmd> <args>` (with the working directory and the cause) when the command cannot start.',
        'Cancelling the run kills the process.',
        '',
        'Example: `local r = aip.cmd.exec("git", {"status", "--short"}, {cwd = "sub/project"})`',
      ].join('\n'),
      impl: (call: CallContext, cmd: unknown, args: unknown, opts: unknown) => {
        const program = argString(call, cmd, 'cmd');
        const argv = args === undefined || args === null ? [] : argStringOrList(call, args, 'args');
        const o = argOptions(call, opts);
        let cwd: string | undefined;
        if (o.cwd !== undefined && o.cwd !== null) {
          const c = argString(call, o.cwd, 'opts.cwd');
          if (c.trim() !== '') cwd = call.env ? call.env.resolvePath(c) : resolve(c);
        }
        const [p, a] = crossCommand(program, argv);
        return runProcess(p, a, cwd, call.signal);
      },
    },
  ],
};
