/**
 * The Runs views: the `aipack.runs` tree, the `aipack-run:` detail documents,
 * the "AIPack Runs" output channel and the view-item commands, all fed by the
 * Hub of each workspace folder's runtime as the registry creates them.
 */
import * as vscode from 'vscode';
import type { RuntimeRegistry } from '../extension/runtime-registry';
import type { Id } from '../runtime/model/types';
import { registerViewCommands } from './commands';
import { DetailDocuments } from './detail-provider';
import { DETAIL_SCHEME } from './detail-uri';
import { AiExchangeStore, aiExchangeStoreFor, bindAiExchangeStore } from './model/ai-exchange-store';
import { InputsMemo } from './model/rerun-inputs';
import { type RunsSource, RunsTreeModel } from './model/runs-model';
import { RUNS_VIEW_ID, RunsTreeProvider } from './runs-tree-provider';
import { RunsOutput } from './runs-output';

export { recordingExecChat } from './model/ai-exchange-store';
export { RUNS_VIEW_ID } from './runs-tree-provider';
export { DETAIL_SCHEME } from './detail-uri';
export { RUNS_CHANNEL_NAME } from './runs-output';

/** What the views need of the RuntimeRegistry. */
export type RegistryLike = Pick<RuntimeRegistry, 'entries' | 'onDidChange'>;

let provider: RunsTreeProvider | undefined;
let current: { docs: DetailDocuments; output: RunsOutput; view: vscode.TreeView<unknown> } | undefined;
const memo = new InputsMemo();

/** The Runs tree provider (integration tests read its items). */
export function getRunsTreeProvider(): RunsTreeProvider | undefined {
  return provider;
}

/** The detail documents and output channel (integration tests). */
export function getRunsViews(): typeof current {
  return current;
}

/** Remember the inputs a run was started with, so "Rerun" from the tree repeats them exactly. */
export function rememberRunInputs(runtime: object, runId: Id, inputs: unknown[] | undefined): void {
  memo.remember(runtime, runId, inputs);
}

const OUTPUT_CAP_SETTING = 'aipack.outputLineCap';

function outputCap(): number {
  const v = vscode.workspace.getConfiguration().get<number>(OUTPUT_CAP_SETTING, 5000);
  return typeof v === 'number' && Number.isFinite(v) && v >= 1 ? Math.floor(v) : 5000;
}

export function registerViews(ctx: vscode.ExtensionContext, registry: RegistryLike, log: vscode.LogOutputChannel): vscode.Disposable {
  void ctx;
  const model = new RunsTreeModel();
  const tree = new RunsTreeProvider(model, log);
  const docs = new DetailDocuments();
  const output = new RunsOutput(outputCap());
  const view = vscode.window.createTreeView(RUNS_VIEW_ID, { treeDataProvider: tree, showCollapseAll: false });

  const sync = () => {
    const entries = registry.entries().filter((e) => !e.runtime.isDisposed);
    // The AI exchange store must exist before the detail documents subscribe to it.
    for (const e of entries) if (!aiExchangeStoreFor(e.runtime)) bindAiExchangeStore(e.runtime, new AiExchangeStore());
    const sources: RunsSource[] = entries.map((e) => ({ key: e.folder.uri.toString(), name: e.folder.name, runtime: e.runtime }));
    model.setSources(sources);
    docs.setSources(sources);
    output.setSources(sources);
  };
  sync();

  provider = tree;
  current = { docs, output, view };
  const disposables: vscode.Disposable[] = [
    view,
    tree,
    docs,
    output,
    registry.onDidChange(() => {
      try {
        sync();
      } catch (err) {
        log.error(`Runs view: cannot follow the runtimes: ${err instanceof Error ? err.message : String(err)}`);
      }
    }),
    vscode.workspace.registerTextDocumentContentProvider(DETAIL_SCHEME, docs),
    vscode.languages.registerDocumentLinkProvider({ scheme: DETAIL_SCHEME }, docs),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(OUTPUT_CAP_SETTING)) output.setMaxLinesPerRun(outputCap());
    }),
    registerViewCommands({ model, docs, output, view, memo, log }),
    { dispose: () => model.dispose() },
  ];
  return new vscode.Disposable(() => {
    for (const d of disposables.reverse()) d.dispose();
    if (provider === tree) provider = undefined;
    if (current?.docs === docs) current = undefined;
  });
}
