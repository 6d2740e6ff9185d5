/**
 * The run commands: Run Agent, Run with Input…, Run on Files…, Rerun Last Run
 * and Cancel. Each takes, in order of precedence, a programmatic request (tests,
 * the walkthrough), a `.aip` Uri (editor ▷, CodeLens, explorer menu) or nothing
 * (palette: Quick Pick of agents). The handle of the started run is returned.
 */
import * as vscode from 'vscode';
import type { RunHandle } from '../runtime/runtime';
import type { ActiveRuns } from './active-runs';
import { agentDisplayName } from './agent-pick';
import { pickAgent } from './agent-picker';
import type { AipContext } from './context';
import { promptFileInputs, promptTextInputs } from './input-prompts';
import { EMPTY_SPEC, type InputSpec } from './inputs';
import type { RunService } from './run-service';
import type { RuntimeRegistry } from './runtime-registry';
import { ensureTrusted } from './trust';

/** `executeCommand('aipack.runAgent', {agent: 'x.aip', inputs: ['a'], globs: ['*.md']})`: no UI at all. */
export interface RunRequestArg {
  agent: string;
  /** Folder (Uri or path) whose runtime runs it; default: the folder of the agent file, else the first folder. */
  folder?: vscode.Uri | string;
  inputs?: string[];
  globs?: string[];
  files?: string[];
}

interface Target {
  folder: vscode.WorkspaceFolder;
  agentRef: string;
}

export function registerRunCommands(ctx: AipContext, registry: RuntimeRegistry, service: RunService, runs: ActiveRuns): void {
  const target = async (arg: unknown): Promise<Target | undefined> => {
    if (arg instanceof vscode.Uri) {
      const folder = registry.folderFor(arg);
      if (!folder) return undefined;
      // Run what the user sees: an unsaved .aip is saved first.
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === arg.toString());
      if (doc?.isDirty) await doc.save();
      return { folder, agentRef: arg.fsPath };
    }
    const picked = await pickAgent(registry, ctx.log, service.recentAgents());
    return picked;
  };

  const run = async (arg: unknown, ask: (t: Target, name: string) => Promise<InputSpec | undefined>): Promise<RunHandle | undefined> => {
    if (!ensureTrusted(ctx.log)) return undefined;
    if (isRequest(arg)) return service.start(fromRequest(registry, arg));
    const t = await target(arg);
    if (!t) return undefined;
    const spec = await ask(t, agentDisplayName(t.agentRef));
    if (!spec) return undefined;
    return service.start({ ...t, spec });
  };

  ctx.registerCommand('aipack.runAgent', (arg?: unknown) => run(arg, async () => EMPTY_SPEC));

  ctx.registerCommand('aipack.runAgentWithInput', (arg?: unknown) =>
    run(arg, async (t, name) => {
      const texts = await promptTextInputs(name, service.lastInputs(t.agentRef)?.texts ?? []);
      return texts === undefined ? undefined : { texts, globs: [], files: [] };
    }),
  );

  ctx.registerCommand('aipack.runAgentOnFiles', (arg?: unknown) =>
    run(arg, (t, name) => promptFileInputs(name, t.folder, service.lastInputs(t.agentRef))),
  );

  ctx.registerCommand('aipack.rerunLastRun', () => {
    if (!ensureTrusted(ctx.log)) return undefined;
    return service.rerunLast();
  });

  ctx.registerCommand('aipack.cancelRun', (arg?: unknown) => cancelRun(runs, arg));
}

/** One run: cancel it. Several: a Quick Pick of which (or all). `{all: true}` cancels all without asking; a Uri, that agent's runs. */
async function cancelRun(runs: ActiveRuns, arg: unknown): Promise<number> {
  const list = runs.list();
  if (list.length === 0) {
    void vscode.window.showInformationMessage('AIPack: no run is active.');
    return 0;
  }
  // ■ in a .aip editor's title: that agent's runs, when it has any.
  if (arg instanceof vscode.Uri) {
    const mine = list.filter((r) => r.agentRef === arg.fsPath);
    if (mine.length > 0) {
      for (const r of mine) runs.cancel(r);
      return mine.length;
    }
  }
  if ((arg as { all?: unknown } | undefined)?.all === true || list.length === 1) {
    for (const r of list) runs.cancel(r);
    return list.length;
  }
  const items = [
    { label: '$(debug-stop) Cancel all runs', description: `${list.length} runs`, key: -1 },
    ...list.map((r) => ({
      label: `$(loading~spin) ${r.agentName}`,
      description: `run #${r.runId} · ${r.folder.name}`,
      detail: `started ${new Date(r.startedAt).toLocaleTimeString()}`,
      key: r.key,
    })),
  ];
  const pick = await vscode.window.showQuickPick(items, { title: 'AIPack: cancel which run?' });
  if (!pick) return 0;
  const chosen = pick.key === -1 ? runs.list() : runs.list().filter((r) => r.key === pick.key);
  for (const r of chosen) runs.cancel(r);
  return chosen.length;
}

function isRequest(arg: unknown): arg is RunRequestArg {
  return typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri) && typeof (arg as RunRequestArg).agent === 'string';
}

function fromRequest(registry: RuntimeRegistry, arg: RunRequestArg): { folder: vscode.WorkspaceFolder; agentRef: string; spec: InputSpec } {
  const strings = (x: unknown) => (Array.isArray(x) ? x.map(String) : []);
  const spec: InputSpec = { texts: strings(arg.inputs), globs: strings(arg.globs), files: strings(arg.files) };
  let folder: vscode.WorkspaceFolder | undefined;
  if (arg.folder !== undefined) {
    const uri = typeof arg.folder === 'string' ? vscode.Uri.file(arg.folder) : arg.folder;
    folder = vscode.workspace.getWorkspaceFolder(uri) ?? { uri, name: uri.path.split('/').pop() ?? '', index: -1 };
  } else if (arg.agent.endsWith('.aip') && (arg.agent.startsWith('/') || /^[A-Za-z]:[\\/]/.test(arg.agent))) {
    folder = registry.folderFor(vscode.Uri.file(arg.agent));
  }
  folder ??= registry.folderFor(undefined);
  if (!folder) throw new Error('no workspace folder is open to run the agent in');
  return { folder, agentRef: arg.agent, spec };
}
