/**
 * Reading what a run did: its rows in the folder runtime's DB (the truth), and
 * the Runs tree as the user sees it (the views helper's TreeDataProvider, reached
 * through the extension's test API — the test bundle's own copy of src/views
 * would be a different, empty module instance).
 */
import * as vscode from 'vscode';
import { RunBmc } from '../../../src/runtime/model/run';
import { TaskBmc } from '../../../src/runtime/model/task';
import type { RunHandle, RunResult } from '../../../src/runtime/runtime';
import { type AipTestApi, api, folder, waitFor, wsPath } from './ext';

export async function runtime(): Promise<any> {
  const a = await api();
  if (!a.registry) throw new Error('the extension API has no registry');
  return a.registry.get(folder());
}

/** `aipack.runAgent` with a request (no UI); resolves with the started handle. */
export async function startRun(agentFile: string, inputs: string[]): Promise<RunHandle> {
  const handle = await vscode.commands.executeCommand<RunHandle | undefined>('aipack.runAgent', {
    agent: wsPath('agents', agentFile),
    inputs,
  });
  if (!handle) throw new Error(`aipack.runAgent did not start ${agentFile} (refused or failed; see the AIPack log)`);
  return handle;
}

export async function runToEnd(agentFile: string, inputs: string[], timeoutMs = 20_000): Promise<{ handle: RunHandle; result: RunResult }> {
  const handle = await startRun(agentFile, inputs);
  const result = await Promise.race([
    handle.done,
    new Promise<never>((_, rej) => setTimeout(() => rej(new Error(`${agentFile} did not end within ${timeoutMs} ms`)), timeoutMs)),
  ]);
  return { handle, result };
}

export async function runRow(runId: number) {
  return RunBmc.get((await runtime()).mm, runId);
}

export async function taskRows(runId: number) {
  return TaskBmc.listForRun((await runtime()).mm, runId);
}

export async function childRuns(runId: number) {
  return RunBmc.listChildren((await runtime()).mm, runId);
}

/** The Runs view's provider, if the extension exposes it (`runsTree` or `getRunsTreeProvider()` on its API). */
export function runsTreeProvider(a: AipTestApi): vscode.TreeDataProvider<unknown> | undefined {
  const fromApi = (a as any).runsTree ?? (a as any).getRunsTreeProvider?.();
  return fromApi as vscode.TreeDataProvider<unknown> | undefined;
}

export interface ShownItem {
  element: unknown;
  label: string;
  description: string;
  tooltip: string;
  icon: string | undefined;
  contextValue: string | undefined;
}

export async function shown(p: vscode.TreeDataProvider<unknown>, element: unknown): Promise<ShownItem> {
  // Tooltips come from resolveTreeItem (on hover), as the workbench asks for them.
  const item0 = await p.getTreeItem(element);
  const item = (await p.resolveTreeItem?.(item0, element, new vscode.CancellationTokenSource().token)) ?? item0;
  const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  const tooltip = typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? '');
  const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined;
  return { element, label, description: String(item.description ?? ''), tooltip, icon, contextValue: item.contextValue };
}

export async function children(p: vscode.TreeDataProvider<unknown>, element?: unknown): Promise<ShownItem[]> {
  const els = (await p.getChildren(element)) ?? [];
  return Promise.all(els.map((e) => shown(p, e)));
}

/** Waits until the top-level item of run `run` (an id, or the newest run whose label contains the text) satisfies `ready`. */
export async function waitForRunItem(p: vscode.TreeDataProvider<unknown>, run: number | string, ready: (run: ShownItem, tasks: ShownItem[]) => boolean, timeoutMs = 10_000) {
  return waitFor(`run ${run} in the Runs tree to be ready`, async () => {
    const item = typeof run === 'number' ? await runItem(p, run) : (await children(p)).find((r) => r.label.includes(run));
    if (!item) return undefined;
    const tasks = await children(p, item.element);
    return ready(item, tasks) ? { run: item, tasks } : undefined;
  }, timeoutMs);
}

/** The top-level tree item of run `runId` (tree elements are the views' nodes: `{kind, runId, taskId?}`). */
export async function runItem(p: vscode.TreeDataProvider<unknown>, runId: number): Promise<ShownItem | undefined> {
  return (await children(p)).find((r) => (r.element as { kind?: string; runId?: number }).kind === 'run' && (r.element as { runId?: number }).runId === runId);
}

/** Text of the document a command opened in the active editor. */
export async function activeDocText(what: string, scheme: string, includes: string, timeoutMs = 10_000): Promise<string> {
  return waitFor(`${what} (an ${scheme}: document containing "${includes}")`, () => {
    const doc = vscode.window.activeTextEditor?.document;
    if (doc?.uri.scheme !== scheme) return undefined;
    const text = doc.getText();
    return text.includes(includes) ? text : undefined;
  }, timeoutMs);
}
