/**
 * Terminal output for `aip run`, fed by Hub events only. Not a TTY (CI logs):
 * plain lines — console messages, agent prints, errors. A TTY: the same lines plus
 * a live status line (tasks done/total, tokens, cost, elapsed) redrawn in place.
 */
import type { Hub } from '../runtime/hub';
import type { ModelManager } from '../runtime/model/model-manager';
import { RunBmc } from '../runtime/model/run';
import { TaskBmc } from '../runtime/model/task';
import type { Id } from '../runtime/model/types';

export interface PrinterOptions {
  out: NodeJS.WriteStream | { write(s: string): boolean; isTTY?: boolean };
  err: NodeJS.WriteStream | { write(s: string): boolean; isTTY?: boolean };
  tty: boolean;
}

export interface RunStats {
  tasksTotal: number;
  tasksDone: number;
  tokens: number;
  cost: number;
  elapsedSec: number;
}

/** Totals of a run and its sub-agent runs, read from the DB. */
export function runStats(mm: ModelManager, runId: Id, startedAt: number): RunStats {
  const ids = [runId];
  for (let i = 0; i < ids.length; i++) for (const c of RunBmc.listChildren(mm, ids[i])) ids.push(c.id);
  let tasksTotal = 0;
  let tasksDone = 0;
  let tokens = 0;
  let cost = 0;
  for (const id of ids) {
    for (const t of TaskBmc.listForRun(mm, id)) {
      if (id === runId) {
        tasksTotal++;
        if (t.end !== null) tasksDone++;
      }
      tokens += (t.tk_prompt_total ?? 0) + (t.tk_completion_total ?? 0);
      cost += t.cost ?? 0;
    }
  }
  return { tasksTotal, tasksDone, tokens, cost, elapsedSec: (Date.now() - startedAt) / 1000 };
}

export function formatStats(s: RunStats): string {
  const cost = s.cost > 0 ? ` · ~$${s.cost.toFixed(4)}` : '';
  return `${s.tasksDone}/${s.tasksTotal} tasks · ${s.tokens.toLocaleString('en-US')} tokens${cost} · ${s.elapsedSec.toFixed(1)}s`;
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
    stream.write(text.endsWith('\n') ? text : `${text}\n`);
    if (this.opts.tty && this.status) this.opts.err.write(this.status);
  }

  private setStatus(s: string): void {
    if (!this.opts.tty) return;
    this.opts.err.write(`\r\x1b[2K${s}`);
    this.status = s;
  }
}
