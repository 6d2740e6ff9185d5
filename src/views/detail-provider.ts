/**
 * Read-only Markdown documents for runs and tasks (scheme `aipack-run`).
 * Open documents are re-rendered while their run changes — DB changes and
 * streamed AI text are collected in a dirty set and announced at most every
 * 250 ms — and links to the agent's `.aip` line are clickable.
 */
import * as vscode from 'vscode';
import type { HubEvent } from '../runtime/hub';
import type { Id } from '../runtime/model/types';
import { RunBmc } from '../runtime/model/run';
import { TaskBmc } from '../runtime/model/task';
import { aiExchangeStoreFor, type AiExchangeStore } from './model/ai-exchange-store';
import { commandUri } from './model/markdown';
import { agentDisplayName, taskLabel } from './model/node-view';
import { RefreshBatcher } from './model/refresh-batcher';
import { renderRunDoc } from './model/run-doc';
import type { RunsSource } from './model/runs-model';
import { type DocLinks, renderTaskDoc } from './model/task-doc';
import { DETAIL_SCHEME, type DetailRef, detailQuery, detailTitle, parseDetailQuery } from './detail-uri';

export class DetailDocuments implements vscode.TextDocumentContentProvider, vscode.DocumentLinkProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private sources: RunsSource[] = [];
  private readonly subs = new Map<string, { runtime: object; dispose: () => void }>();
  private readonly batcher = new RefreshBatcher<string>((keys) => this.flush(keys), 250);

  setSources(sources: RunsSource[]): void {
    const next = new Set(sources.map((s) => s.key));
    for (const [key, sub] of this.subs) {
      const s = sources.find((x) => x.key === key);
      if (!next.has(key) || s?.runtime !== sub.runtime) {
        sub.dispose();
        this.subs.delete(key);
      }
    }
    this.sources = sources;
    for (const s of sources) {
      if (this.subs.has(s.key)) continue;
      const offHub = s.runtime.hub.subscribe((e) => this.onHubEvent(s, e));
      const store: AiExchangeStore | undefined = aiExchangeStoreFor(s.runtime);
      const offStore = store?.onDidChange((ex) => this.batcher.mark(`${s.key}|task|${ex.taskId}`));
      this.subs.set(s.key, { runtime: s.runtime, dispose: () => (offHub(), offStore?.()) });
    }
  }

  uriFor(source: RunsSource, kind: 'run' | 'task', id: Id, part: DetailRef['part'] = 'detail'): vscode.Uri {
    const mm = source.runtime.mm;
    let title: string;
    if (kind === 'run') {
      const run = RunBmc.find(mm, id);
      title = `Run ${id} — ${run ? agentDisplayName(run) : ''}`;
    } else {
      const task = TaskBmc.find(mm, id);
      title = `${part === 'prompt' ? 'Prompt' : 'Task'} ${task?.idx ?? id} — ${task ? taskLabel(task) : ''}`;
    }
    return vscode.Uri.from({ scheme: DETAIL_SCHEME, path: `/${detailTitle(title)}`, query: detailQuery({ folderKey: source.key, kind, id, part }) });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const ref = parseDetailQuery(uri.query);
    if (!ref) return `# AIPack\n\nThis link does not name a run or a task (${uri.toString()}).\n`;
    const source = this.sources.find((s) => s.key === ref.folderKey);
    if (!source || source.runtime.isDisposed) return `# AIPack\n\nThe runtime of this ${ref.kind} is gone (its folder was closed).\n`;
    const mm = source.runtime.mm;
    const links = this.links(source);
    if (ref.kind === 'run') return renderRunDoc({ mm, runId: ref.id, links });
    return renderTaskDoc({ mm, taskId: ref.id, exchange: aiExchangeStoreFor(source.runtime)?.get(ref.id), links, promptOnly: ref.part === 'prompt' });
  }

  /** `command:` links in our documents, so the `.aip` line link works in the text editor too. */
  provideDocumentLinks(doc: vscode.TextDocument): vscode.DocumentLink[] {
    const out: vscode.DocumentLink[] = [];
    const re = /\]\((command:aipack\.runs\.[A-Za-z]+\?[^)\s]+)\)/g;
    const text = doc.getText();
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const start = doc.positionAt(m.index + 2);
      const end = doc.positionAt(m.index + 2 + m[1].length);
      out.push(new vscode.DocumentLink(new vscode.Range(start, end), vscode.Uri.parse(m[1])));
    }
    return out;
  }

  dispose(): void {
    for (const s of this.subs.values()) s.dispose();
    this.subs.clear();
    this.batcher.dispose();
    this.emitter.dispose();
  }

  private links(source: RunsSource): DocLinks & { openTask(taskId: Id): string } {
    return {
      openAgent: (runId, line) => commandUri('aipack.runs.openAgent', [{ folder: source.key, runId, line }]),
      openRun: (runId) => commandUri('aipack.runs.openDetail', [{ folder: source.key, runId }]),
      openTask: (taskId) => commandUri('aipack.runs.openDetail', [{ folder: source.key, taskId }]),
    };
  }

  private onHubEvent(s: RunsSource, e: HubEvent): void {
    if (e.type !== 'Model') return;
    const { run_id: runId, task_id: taskId } = e.event.rel_ids;
    if (runId !== undefined) this.batcher.mark(`${s.key}|run|${runId}`);
    if (taskId !== undefined) this.batcher.mark(`${s.key}|task|${taskId}`);
    else if (runId !== undefined && e.event.entity === 'Task') this.batcher.mark(`${s.key}|tasks-of|${runId}`);
  }

  private flush(keys: ReadonlySet<string>): void {
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.uri.scheme !== DETAIL_SCHEME || doc.isClosed) continue;
      const ref = parseDetailQuery(doc.uri.query);
      if (!ref) continue;
      if (keys.has(`${ref.folderKey}|${ref.kind}|${ref.id}`) || (ref.kind === 'task' && this.taskRunDirty(ref, keys))) this.emitter.fire(doc.uri);
    }
  }

  /** Batch task updates carry no task id (e.g. cancel-all): every open task doc of that run refreshes. */
  private taskRunDirty(ref: DetailRef, keys: ReadonlySet<string>): boolean {
    const source = this.sources.find((s) => s.key === ref.folderKey);
    if (!source || source.runtime.isDisposed) return false;
    const runId = TaskBmc.find(source.runtime.mm, ref.id)?.run_id;
    return runId !== undefined && keys.has(`${ref.folderKey}|tasks-of|${runId}`);
  }
}
