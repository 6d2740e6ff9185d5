/**
 * Terminal output for `aip run`, fed by Hub events only. Not a TTY (CI logs):
 * plain lines — console messages, agent prints, errors. A TTY: the same lines plus
 * a live status line (tasks done/total, tokens, cost, elapsed) redrawn in place.
 */
import type { Hub } from '../runtime/hub';
import type { ModelManager } from '../runtime/model/model-manager';
import { runStats as runTaskStats, runTreeTotals, type RunStats as TaskStats } from '../runtime/model/run-stats';
import type { Id } from '../runtime/model/types';
import { terminalSafe } from '../runtime/terminal-safe';

export interface PrinterOptions {
  out: NodeJS.WriteStream | { write(s: string): boolean; isTTY?: boolean };
  err: NodeJS.WriteStream | { write(s: string): boolean; isTTY?: boolean };
  tty: boolean;
}

/** The run's own task counts (from the runtime's SQL run stats), its tree's tokens and cost, and elapsed time. */
export interface RunStats
  extends Pick<TaskStats, 'tasks' | 'ended' | 'ok' | 'failed' | 'skipped' | 'cancelled' | 'notStarted' | 'running'> {
  /** The run and its sub-agent runs. */
  tokens: number;
  cost: number;
  elapsedSec: number;
}

/** Counts of the run's own tasks and the totals of its tree, aggregated in SQL (right at any size). */
export function runStats(mm: ModelManager, runId: Id, startedAt: number): RunStats {
  return { ...runTaskStats(mm, runId), ...runTreeTotals(mm, runId), elapsedSec: (Date.now() - startedAt) / 1000 };
}

/**
 * `done/total tasks` while running and when every task ended Ok; once ended otherwise, what became of the
 * tasks: `30 ok, 170 failed of 200 tasks`, `2 ok, 2 cancelled, 16 not started of 20 tasks`.
 */
export function formatStats(s: RunStats, final = false): string {
  const parts: [number, string][] = [
    [s.ok, 'ok'],
    [s.failed, 'failed'],
    [s.skipped, 'skipped'],
    [s.cancelled, 'cancelled'],
    [s.notStarted, 'not started'],
    [s.running, 'running'],
  ];
  const allOk = s.ok === s.tasks;
  const tasks =
    !final || allOk
      ? `${s.ended}/${s.tasks} tasks`
      : `${parts.filter(([n]) => n > 0).map(([n, w]) => `${n} ${w}`).join(', ')} of ${s.tasks} tasks`;
  const cost = s.cost > 0 ? ` · ~$${s.cost.toFixed(4)}` : '';
  return `${tasks} · ${s.tokens.toLocaleString('en-US')} tokens${cost} · ${s.elapsedSec.toFixed(1)}s`;
}

export class Printer {
  private status = '';
  private timer?: ReturnType<typeof setInterval>;
  private unsubscribe?: () => void;

  constructor(private readonly opts: PrinterOptions) {}

  attach(hub: Hub): void {
    this.unsubscribe = hub.subscribe((e) => {
      switch (e.type) {
        case 'Message':
          this.line(e.text);
          break;
        case 'InfoShort':
          this.line(e.text);
          break;
        case 'LuaPrint':
          this.line(e.text);
          break;
        case 'Error':
          this.line(`Error: ${e.message}`, true);
          break;
        default:
          break;
      }
    });
  }

  /** Live status (TTY only): `stats()` is polled a few times a second. */
  startStatus(stats: () => string): void {
    if (!this.opts.tty) return;
    this.timer = setInterval(() => this.setStatus(stats()), 250);
    this.timer.unref();
  }

  stopStatus(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.setStatus('');
  }

  detach(): void {
    this.stopStatus();
    this.unsubscribe?.();
  }

  line(text: string, toErr = false): void {
    const stream = toErr ? this.opts.err : this.opts.out;
    if (this.opts.tty && this.status) this.opts.err.write('\r\x1b[2K');
    const safe = terminalSafe(text);
    stream.write(safe.endsWith('\n') ? safe : `${safe}\n`);
    if (this.opts.tty && this.status) this.opts.err.write(this.status);
  }

  private setStatus(s: string): void {
    if (!this.opts.tty) return;
    this.opts.err.write(`\r\x1b[2K${s}`);
    this.status = s;
  }
}
