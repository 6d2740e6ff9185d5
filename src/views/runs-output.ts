/**
 * The "AIPack Runs" output channel: every runtime's RtLog streamed with levels,
 * each line prefixed with its run/task (and folder when there are several),
 * capped per run by the `aipack.outputLineCap` setting.
 */
import * as vscode from 'vscode';
import type { Id } from '../runtime/model/types';
import { type OutLine, RunOutputModel } from './model/run-output';
import type { RunsSource } from './model/runs-model';

export const RUNS_CHANNEL_NAME = 'AIPack Runs';

interface Attached {
  runtime: object;
  model: RunOutputModel;
  off: () => void;
}

export class RunsOutput implements vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;
  private readonly attached = new Map<string, Attached>();
  private multi = false;
  /** Every line written, most recent last, bounded (for tests and "copy"). */
  private readonly recent: string[] = [];

  constructor(private maxLinesPerRun: number) {
    this.channel = vscode.window.createOutputChannel(RUNS_CHANNEL_NAME, { log: true });
  }

  setMaxLinesPerRun(n: number): void {
    this.maxLinesPerRun = n;
    for (const a of this.attached.values()) a.model.maxLinesPerRun = Math.max(1, Math.floor(n));
  }

  setSources(sources: RunsSource[]): void {
    const multi = sources.length > 1;
    for (const [key, a] of this.attached) {
      const s = sources.find((x) => x.key === key);
      // The prefix depends on how many folders there are: re-attach when that changes.
      if (!s || s.runtime !== a.runtime || multi !== this.multi) {
        a.off();
        this.attached.delete(key);
      }
    }
    this.multi = multi;
    for (const s of sources) {
      if (this.attached.has(s.key)) continue;
      const model = new RunOutputModel(s.runtime.mm, { maxLinesPerRun: this.maxLinesPerRun, prefix: multi ? s.name : undefined });
      const off = s.runtime.hub.subscribe((e) => {
        for (const line of model.handle(e)) this.write(line);
      });
      this.attached.set(s.key, { runtime: s.runtime, model, off });
    }
  }

  /** Lines kept for one run (bounded by the cap). */
  retained(folderKey: string, runId: Id): readonly OutLine[] {
    return this.attached.get(folderKey)?.model.retained(runId) ?? [];
  }

  recentLines(): readonly string[] {
    return this.recent;
  }

  dispose(): void {
    for (const a of this.attached.values()) a.off();
    this.attached.clear();
    this.channel.dispose();
  }

  private write(line: OutLine): void {
    this.recent.push(line.text);
    if (this.recent.length > 2000) this.recent.splice(0, this.recent.length - 2000);
    this.channel[line.level](line.text);
  }
}
