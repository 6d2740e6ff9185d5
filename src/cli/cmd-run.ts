/**
 * `aip run` (§11.1, §11.2): the current dir is the workspace; inputs are the `-i`
 * values then the `-f` files; never interactive; Ctrl-C cancels the run through
 * its CancelTrx and exits non-zero once the cancel is recorded; `-w` reruns on save.
 */
import { limitsFromEnv, type RuntimeLimits } from '../runtime/config/limits';
import * as fs from 'node:fs';
import { DirContext } from '../runtime/dir-context/dir-context';
import { findAgent } from '../runtime/dir-context/find-agent';
import { findPackDir } from '../runtime/dir-context/pack-dirs';
import { looksLikePackRef, parsePackRef } from '../runtime/dir-context/pack-ref';
import { errorMessage } from '../runtime/errors';
import { initWorkspace } from '../runtime/init/init-workspace';
import { preloadSqlJs } from '../runtime/model/db';
import { LoopBmc } from '../runtime/model/loop';
import { RunBmc } from '../runtime/model/run';
import type { EndState, Id } from '../runtime/model/types';
import { fileInputs } from '../runtime/run/file-inputs';
import { AgentPipeline, type PipelineRunOptions } from '../runtime/run/pipeline';
import { Runtime } from '../runtime/runtime';
import type { CliCommand } from './args';
import { installFromCli, printInstall } from './cmd-pack';
import { CliHost } from './host';
import { ensureBase, exitCodeForSignal, type CliIo, type StopSignal } from './io';
import { runPinLines } from './pins-print';
import { Printer, formatStats, runStats } from './printer';

type RunCmd = Extract<CliCommand, { cmd: 'run' }>;

export const EXIT_OK = 0;
export const EXIT_FAIL = 1;
/** The run ended Ok (`allow_run_on_task_fail = true`) but some of its tasks failed. */
export const EXIT_TASKS_FAILED = 3;
export const EXIT_CANCEL = 130;

export function exitCodeFor(state: EndState | null | undefined, failedTasks = 0): number {
  if (state === 'Ok' && failedTasks > 0) return EXIT_TASKS_FAILED;
  if (state === 'Ok' || state === 'Skip') return EXIT_OK;
  if (state === 'Cancel') return EXIT_CANCEL;
  return EXIT_FAIL;
}

export async function cmdRun(cmd: RunCmd, io: CliIo): Promise<number> {
  preloadSqlJs();
  const printer = new Printer({ out: io.stdout, err: io.stderr, tty: io.tty });
  const host = new CliHost(io.env);
  const { homeDir, baseDir } = await ensureBase(io);
  // The current dir is the workspace: `.aipack/` is created silently on first run (§12.4).
  await initWorkspace(io.cwd);
  const dirContext = DirContext.fromOptions({ cwd: io.cwd, homeDir, baseDir, workspaceDiscovery: 'cwd' });
  const missing = missingPack(dirContext, cmd.agent);
  if (missing !== undefined && !(await offerInstall(missing, io, printer))) return EXIT_FAIL;

  let inputs: unknown[] = [...cmd.inputs];
  if (cmd.fileGlobs.length > 0) {
    const files = await fileInputs(cmd.fileGlobs, io.cwd, dirContext.workspaceDir);
    if (files.length === 0) {
      printer.line(`Error: no files matched ${cmd.fileGlobs.map((g) => `'${g}'`).join(', ')} (from ${io.cwd})`, true);
      return EXIT_FAIL;
    }
    inputs = [...inputs, ...files];
  }

  const rt = await Runtime.create({
    host,
    dirContext,
    pipeline: new AgentPipeline({ stream: true, retry: retryFromEnv(io.env), limits: cliLimits(cmd, io.env) }),
    hub: { onListenerError: () => {} },
  });
  printer.attach(rt.hub);
  let cancelled = false;
  // Ctrl-C, SIGTERM and SIGHUP all cancel the run (recorded as Cancel, children ended); the exit code names
  // the first signal (130, 143, 129). A second one quits at once.
  let cancelExit = EXIT_CANCEL;
  const onSigint = (signal: StopSignal = 'SIGINT') => {
    if (cancelled) process.exit(cancelExit);
    cancelled = true;
    cancelExit = exitCodeForSignal(signal);
    printer.line(signal === 'SIGINT' ? 'Cancelling… (Ctrl-C again to quit at once)' : `Cancelling (${signal})…`, true);
    rt.cancelAll();
  };
  io.onSigint(onSigint);

  try {
    const runOptions: PipelineRunOptions = { dry: cmd.dry, verbose: cmd.verbose };
    const started = Date.now();
    const handle = await rt.runAgent(cmd.agent, inputs.length > 0 ? inputs : undefined, { options: runOptions as Record<string, unknown> });
    if (handle.runId !== undefined) {
      const runId = handle.runId;
      printer.startStatus(() => formatStats(runStats(rt.mm, runId, started)));
    }
    let result = await handle.done;
    printer.stopStatus();
    let { state, failed } = summarize(printer, rt, result.runId, result.endState, started);
    // Flow redo (§10.2): the runtime reruns after 500 ms while each run asks for it.
    while (state === 'Ok' && result.redoRequested && !cancelled && result.loopId !== undefined) {
      const next = await nextTopRunEnd(rt, result.loopId);
      if (next === undefined) break;
      ({ state, failed } = summarize(printer, rt, next, RunBmc.get(rt.mm, next).end_state, started));
      result = { ...result, runId: next, redoRequested: LoopBmc.get(rt.mm, result.loopId).pending };
    }
    if (!cmd.watch || cancelled) return cancelled ? cancelExit : exitCodeFor(state, failed);
    const watched = await watchLoop(rt, printer, dirContext, cmd.agent, () => cancelled);
    return watched === EXIT_CANCEL ? cancelExit : watched;
  } finally {
    printer.detach();
    io.offSigint(onSigint);
    rt.dispose();
  }
}

/** `ns@name` when the agent names a pack that no repo holds (§7.7); undefined otherwise (bad refs are the run's to report). */
export function missingPack(dirContext: DirContext, agent: string): string | undefined {
  if (!looksLikePackRef(agent)) return undefined;
  let ref;
  try {
    ref = parsePackRef(agent);
  } catch {
    return undefined;
  }
  return findPackDir(dirContext, ref) === undefined ? `${ref.namespace}@${ref.name}` : undefined;
}

/** Never prompts without a terminal: it names the install command instead. True when the pack is now installed. */
async function offerInstall(ref: string, io: CliIo, printer: Printer): Promise<boolean> {
  const notInstalled = `The pack ${ref} is not installed (no aipack matches for ${ref}).`;
  if (!io.ask) {
    printer.line(`${notInstalled}\nInstall it with:\n  aip install ${ref}`, true);
    return false;
  }
  const answer = await io.ask(`${notInstalled}\nInstall it now from the pack repository? [y/N] `);
  if (!/^\s*y(es)?\s*$/i.test(answer)) {
    printer.line(`Not installed. To install it later: aip install ${ref}`, true);
    return false;
  }
  try {
    printInstall(io, ref, await installFromCli(ref, false, io));
  } catch (err) {
    printer.line(`Error: ${errorMessage(err)}`, true);
    return false;
  }
  return true;
}

/** `AIPACK_AI_RETRIES` (0 disables) overrides the default retry count of AI calls. */
export function retryFromEnv(env: NodeJS.ProcessEnv): { retries?: number } {
  const v = env.AIPACK_AI_RETRIES;
  if (v === undefined || v.trim() === '') return {};
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`AIPACK_AI_RETRIES must be a whole number >= 0, got '${v}'`);
  return { retries: n };
}

interface Summary {
  state: EndState | null | undefined;
  /** Tasks of the run that ended Err. */
  failed: number;
}

function summarize(printer: Printer, rt: Runtime, runId: Id | undefined, state: EndState | null | undefined, started: number): Summary {
  if (runId === undefined) return { state, failed: 0 };
  const stats = runStats(rt.mm, runId, started);
  // A run that went on past failed tasks (allow_run_on_task_fail) still names each of them.
  if (state === 'Ok' && stats.failed > 0) {
    printer.line(`${stats.failed} task${stats.failed === 1 ? '' : 's'} failed:`, true);
    for (const f of failedTasks(rt, runId)) printer.line(`  ${f}`, true);
  }
  // Pins are how packs talk to the user: shown once the run is over, before its summary line.
  const pins = runPinLines(rt.mm, runId);
  if (pins.length > 0) printer.line(`\n${pins.join('\n')}\n`);
  const mark = state === 'Ok' ? (stats.failed > 0 ? '⚠' : '✓') : state === 'Skip' ? '↷' : state === 'Cancel' ? '⊘' : '✗';
  printer.line(`${mark} ${state ?? 'Unknown'} · ${formatStats(stats, true)}`);
  return { state, failed: stats.failed };
}

/** `task #3 (input 'x') · Output: <first line of the error>` for each failed task of the run, in order. */
function failedTasks(rt: Runtime, runId: Id): string[] {
  const rows = rt.mm.db.all(
    `SELECT task.idx AS idx, task.input_short AS input, err.stage AS stage, err.content AS content
     FROM task LEFT JOIN err ON err.id = task.end_err_id WHERE task.run_id = ? AND task.end_state = 'Err' ORDER BY task.idx`,
    [runId],
  ) as { idx: number | null; input: string | null; stage: string | null; content: string | null }[];
  return rows.map((r) => {
    const input = r.input ? ` (input ${JSON.stringify(r.input.length > 40 ? `${r.input.slice(0, 40)}…` : r.input)})` : '';
    const where = r.stage ? `${r.stage}: ` : '';
    return `task #${r.idx ?? '?'}${input} · ${where}${(r.content ?? 'failed').split('\n')[0]}`;
  });
}

/** Resolves with the id of the next top-level run of `loopId` once it has ended. */
function nextTopRunEnd(rt: Runtime, loopId: Id): Promise<Id | undefined> {
  return new Promise((resolve) => {
    const off = rt.hub.subscribe((e) => {
      if (e.type !== 'RunEnded' || e.parentRunId !== undefined) return;
      const run = RunBmc.find(rt.mm, e.runId);
      if (run?.loop_id !== loopId) return;
      off();
      resolve(e.runId);
    });
  });
}

/** `-w`: rerun (manual redo) whenever the agent file changes, until Ctrl-C. */
async function watchLoop(rt: Runtime, printer: Printer, dirContext: DirContext, agent: string, isCancelled: () => boolean): Promise<number> {
  let filePath: string;
  try {
    filePath = (await findAgent(dirContext, agent)).filePath;
  } catch (err) {
    printer.line(`Error: ${errorMessage(err)}`, true);
    return EXIT_FAIL;
  }
  return new Promise<number>((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const watcher = fs.watch(filePath, () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(async () => {
        const started = Date.now();
        const r = await rt.redo();
        if (r) summarize(printer, rt, r.runId, r.endState, started);
      }, 200);
    });
    // Announced once the watcher exists, so a save right after this line is seen.
    printer.line(`Watching ${filePath} (Ctrl-C to stop)`);
    const poll = setInterval(() => {
      if (!isCancelled()) return;
      clearInterval(poll);
      watcher.close();
      resolve(EXIT_CANCEL);
    }, 100);
  });
}

/** Limits from the CLI's environment and flags (both win over config `[limits]`). */
function cliLimits(cmd: { aiTimeoutSecs?: number }, env: NodeJS.ProcessEnv): Partial<RuntimeLimits> {
  const out = limitsFromEnv(env);
  if (cmd.aiTimeoutSecs !== undefined) out.aiRequestTimeoutMs = Math.round(cmd.aiTimeoutSecs * 1000);
  return out;
}
