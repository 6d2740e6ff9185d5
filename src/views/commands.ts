/**
 * The Runs view's item and title commands. Every command takes a tree node
 * (inline action, context menu, the focused row) or a link argument
 * `{folder, runId?, taskId?, line?}` from a detail document, and never throws
 * into VS Code: failures are logged and shown.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { errorMessage } from '../runtime/errors';
import { RunBmc } from '../runtime/model/run';
import { TaskBmc } from '../runtime/model/task';
import type { Id } from '../runtime/model/types';
import type { DetailDocuments } from './detail-provider';
import { errorInfo } from './model/node-view';
import { type InputsMemo, rerunPlan } from './model/rerun-inputs';
import { renderRunDoc } from './model/run-doc';
import type { RunsNode, RunsSource, RunsTreeModel } from './model/runs-model';
import { RUNS_VIEW_ID } from './runs-tree-provider';
import type { RunsOutput } from './runs-output';

interface Target {
  source: RunsSource;
  runId: Id;
  taskId?: Id;
  line?: number;
}

export interface ViewCommandDeps {
  model: RunsTreeModel;
  docs: DetailDocuments;
  output: RunsOutput;
  view: vscode.TreeView<RunsNode>;
  memo: InputsMemo;
  log: vscode.LogOutputChannel;
}

export function registerViewCommands(d: ViewCommandDeps): vscode.Disposable {
  const target = (arg: unknown): Target | undefined => {
    const node = (arg ?? d.view.selection[0]) as RunsNode | { folder?: string; runId?: Id; taskId?: Id; line?: number } | undefined;
    if (!node || typeof node !== 'object') return undefined;
    if ('kind' in node) {
      if (node.kind === 'run') return { source: node.source, runId: node.runId };
      if (node.kind === 'task') return { source: node.source, runId: node.runId, taskId: node.taskId };
      return undefined;
    }
    const source = d.model.getSources().find((s) => s.key === node.folder);
    if (!source || source.runtime.isDisposed) return undefined;
    if (node.taskId !== undefined) {
      const task = TaskBmc.find(source.runtime.mm, node.taskId);
      return task ? { source, runId: task.run_id, taskId: task.id, line: node.line } : undefined;
    }
    return node.runId !== undefined ? { source, runId: node.runId, line: node.line } : undefined;
  };

  const guarded =
    (name: string, fn: (t: Target) => unknown | Promise<unknown>) =>
    async (arg?: unknown): Promise<unknown> => {
      const t = target(arg);
      if (!t) return undefined;
      try {
        return await fn(t);
      } catch (err) {
        d.log.error(`${name} failed: ${errorMessage(err)}`);
        void vscode.window.showErrorMessage(`AIPack: ${name} failed: ${errorMessage(err)}`);
        return undefined;
      }
    };

  const openDoc = async (uri: vscode.Uri) => {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: true });
    return uri;
  };

  const subs = [
    vscode.commands.registerCommand(
      'aipack.runs.cancel',
      guarded('Cancel', (t) => t.source.runtime.cancelRun(t.runId)),
    ),
    vscode.commands.registerCommand(
      'aipack.runs.rerun',
      guarded('Rerun', (t) => rerun(d, t)),
    ),
    vscode.commands.registerCommand(
      'aipack.runs.openAgent',
      guarded('Open Agent', (t) => openAgent(t)),
    ),
    vscode.commands.registerCommand(
      'aipack.runs.showOutput',
      guarded('Show Output', () => d.output.channel.show(true)),
    ),
    vscode.commands.registerCommand(
      'aipack.runs.openPrompt',
      guarded('Open Prompt', (t) => (t.taskId !== undefined ? openDoc(d.docs.uriFor(t.source, 'task', t.taskId, 'prompt')) : undefined)),
    ),
    vscode.commands.registerCommand(
      'aipack.runs.openDetail',
      guarded('Open Detail', (t) => openDoc(t.taskId !== undefined ? d.docs.uriFor(t.source, 'task', t.taskId) : d.docs.uriFor(t.source, 'run', t.runId))),
    ),
    vscode.commands.registerCommand(
      'aipack.runs.copy',
      guarded('Copy', async (t) => {
        const text = copyText(t);
        await vscode.env.clipboard.writeText(text);
        return text;
      }),
    ),
    vscode.commands.registerCommand('aipack.runs.refresh', () => d.model.refresh()),
    vscode.commands.registerCommand('aipack.runs.clearFinished', () => d.model.clearFinished()),
    vscode.commands.registerCommand('aipack.runs.collapseAll', () =>
      vscode.commands.executeCommand(`workbench.actions.treeView.${RUNS_VIEW_ID}.collapseAll`),
    ),
  ];
  return vscode.Disposable.from(...subs);
}

/** The agent file of a run: absolute, or relative to the workspace dir it was recorded against. */
export function agentFile(source: RunsSource, runId: Id): string | undefined {
  const run = RunBmc.get(source.runtime.mm, runId);
  const p = run.agent_path ?? run.agent_name;
  if (!p) return undefined;
  if (path.isAbsolute(p)) return p;
  const base = source.runtime.dirContext.workspaceDir ?? vscode.Uri.parse(source.key).fsPath;
  return path.resolve(base, p);
}

async function openAgent(t: Target): Promise<void> {
  const file = agentFile(t.source, t.runId);
  if (!file) throw new Error(`run ${t.runId} has no agent file`);
  const mm = t.source.runtime.mm;
  let line = t.line;
  if (line === undefined) {
    const row = t.taskId !== undefined ? TaskBmc.get(mm, t.taskId) : RunBmc.get(mm, t.runId);
    if (row.end_state === 'Err') line = errorInfo(mm, row.end_err_id)?.line;
  }
  const pos = new vscode.Position(Math.max(0, (line ?? 1) - 1), 0);
  await vscode.window.showTextDocument(vscode.Uri.file(file), { selection: new vscode.Range(pos, pos), preview: false });
}

function copyText(t: Target): string {
  const mm = t.source.runtime.mm;
  if (t.taskId === undefined) return renderRunDoc({ mm, runId: t.runId });
  const task = TaskBmc.get(mm, t.taskId);
  if (task.end_state === 'Err') return errorInfo(mm, task.end_err_id)?.message ?? '';
  return TaskBmc.outputForDisplay(mm, task) ?? TaskBmc.inputForDisplay(mm, task) ?? '';
}

/**
 * Through the extension's `aipack.runAgent` (trust, concurrency limit, status
 * bar) when the inputs are texts and files; straight on the runtime otherwise.
 */
async function rerun(d: ViewCommandDeps, t: Target): Promise<unknown> {
  const rt = t.source.runtime;
  const plan = rerunPlan(rt.mm, rt, t.runId, d.memo);
  const agent = agentFile(t.source, t.runId) ?? plan.agentRef;
  if (plan.warning) d.log.info(`Rerun of run ${t.runId}: ${plan.warning}`);
  const inputs = plan.inputs ?? [];
  const texts: string[] = [];
  const files: string[] = [];
  const base = rt.dirContext.workspaceDir ?? vscode.Uri.parse(t.source.key).fsPath;
  let simple = true;
  for (const v of inputs) {
    if (typeof v === 'string' && files.length === 0) texts.push(v);
    else if (v && typeof v === 'object' && typeof (v as { path?: unknown }).path === 'string') files.push(path.resolve(base, (v as { path: string }).path));
    else simple = false;
  }
  const runAgentExists = (await vscode.commands.getCommands(true)).includes('aipack.runAgent');
  if (simple && runAgentExists) {
    return vscode.commands.executeCommand('aipack.runAgent', { agent, folder: vscode.Uri.parse(t.source.key), inputs: texts, files });
  }
  if (!vscode.workspace.isTrusted) throw new Error('running agents is disabled in Restricted Mode');
  const handle = await rt.runAgent(agent, plan.inputs);
  if (handle.runId !== undefined) d.memo.remember(rt, handle.runId, plan.inputs);
  return handle;
}
