/**
 * The status-bar item: `$(loading~spin) AIPack: <agent> 3/12 · $0.04` while runs
 * are active (click cancels: `aipack.cancelRun` asks which when there are
 * several), then the last run's summary for a few seconds. Progress is polled
 * from the DB twice a second only while something runs, so a 1,000-task run
 * costs the same as a 3-task one.
 */
import * as vscode from 'vscode';
import { errorMessage } from '../runtime/errors';
import type { ActiveRuns, EndedRun } from './active-runs';
import { formatActiveStatus, formatSummary, runProgress, runSummary } from './status-format';

const POLL_MS = 500;
export const SUMMARY_MS = 6000;

export class RunStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private poll?: ReturnType<typeof setInterval>;
  private summaryTimer?: ReturnType<typeof setTimeout>;
  private readonly subs: vscode.Disposable[] = [];

  constructor(
    private readonly runs: ActiveRuns,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.item = vscode.window.createStatusBarItem('aipack.status', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'AIPack Runs';
    this.subs.push(
      runs.onDidChange(() => this.onRunsChanged()),
      runs.onDidEnd((e) => this.showSummary(e)),
    );
  }

  /** What the item shows now ('' when hidden); a test hook. */
  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    this.stopPolling();
    if (this.summaryTimer) clearTimeout(this.summaryTimer);
    for (const s of this.subs) s.dispose();
    this.item.dispose();
  }

  private onRunsChanged(): void {
    if (this.runs.size === 0) {
      this.stopPolling();
      return;
    }
    if (this.summaryTimer) clearTimeout(this.summaryTimer);
    this.summaryTimer = undefined;
    this.refreshActive();
    this.poll ??= setInterval(() => this.refreshActive(), POLL_MS);
  }

  private refreshActive(): void {
    const list = this.runs.list();
    if (list.length === 0) return;
    try {
      const progress = list.map((r) => runProgress(r.runtime.mm, r.runId, r.agentName));
      this.item.text = formatActiveStatus(progress);
    } catch (err) {
      // A runtime disposed under us (folder removed): the run's end is on its way.
      this.log.debug(`status refresh: ${errorMessage(err)}`);
      return;
    }
    this.item.tooltip = list.length === 1 ? `AIPack: ${list[0].agentName} — click to cancel` : `${list.length} AIPack runs — click to choose which to cancel`;
    this.item.command = 'aipack.cancelRun';
    this.item.backgroundColor = undefined;
    this.item.show();
  }

  private showSummary(e: EndedRun): void {
    if (this.runs.size > 0) return;
    this.stopPolling();
    let text: string;
    try {
      text = formatSummary(runSummary(e.run.runtime.mm, e.run.runId, e.result.endState, e.elapsedSec));
    } catch {
      text = formatSummary({ endState: e.result.endState, tasksTotal: 0, tasksFailed: 0, elapsedSec: e.elapsedSec, cost: 0 });
    }
    this.item.text = text;
    this.item.tooltip = `AIPack: ${e.run.agentName} — ${e.result.endState}${e.result.error ? `: ${e.result.error.message}` : ''}`;
    this.item.command = 'aipack.runs.focus';
    this.item.backgroundColor = e.result.endState === 'Err' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
    if (this.summaryTimer) clearTimeout(this.summaryTimer);
    this.summaryTimer = setTimeout(() => {
      this.summaryTimer = undefined;
      if (this.runs.size > 0) return;
      this.item.hide();
      this.item.text = '';
    }, SUMMARY_MS);
  }

  private stopPolling(): void {
    if (this.poll) clearInterval(this.poll);
    this.poll = undefined;
  }
}
