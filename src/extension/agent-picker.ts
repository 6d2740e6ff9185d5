/**
 * Gathers the agents "AIPack: Run Agent" offers (workspace `.aip` files through
 * `findFiles`, then the pack repos of the folder's DirContext) and shows them
 * in a Quick Pick, most recently run first (ordering in agent-pick.ts).
 */
import * as vscode from 'vscode';
import type { RepoKind } from '../runtime/agent/types';
import { errorMessage } from '../runtime/errors';
import { type AgentCandidate, type AgentPickItem, orderAgents } from './agent-pick';
import type { RuntimeRegistry } from './runtime-registry';

const MAX_WORKSPACE_FILES = 2000;

export interface PickedAgent {
  folder: vscode.WorkspaceFolder;
  agentRef: string;
}

export async function pickAgent(
  registry: RuntimeRegistry,
  log: vscode.LogOutputChannel,
  recent: Record<string, number>,
): Promise<PickedAgent | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = registry.folderFor(active) ?? folders[0];
  if (!folder) {
    void vscode.window.showInformationMessage('AIPack: open a folder, or an .aip file, to run an agent.');
    return undefined;
  }
  const qp = vscode.window.createQuickPick<AgentPickItem & vscode.QuickPickItem>();
  qp.title = 'AIPack: Run Agent';
  qp.placeholder = 'Agent to run (workspace .aip files and packs)';
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  qp.busy = true;
  qp.show();
  try {
    const candidates = await gatherCandidates(registry, folder, log);
    const items = orderAgents(candidates, folder.uri.fsPath, recent);
    qp.items = items.map((i) => ({ ...i, detail: i.source === 'workspace' ? undefined : vscode.workspace.asRelativePath(i.filePath) }));
    qp.busy = false;
    if (items.length === 0) qp.placeholder = 'No agents found: "AIPack: New Agent" creates one';
    const choice = await new Promise<AgentPickItem | undefined>((resolve) => {
      qp.onDidAccept(() => resolve(qp.selectedItems[0]));
      qp.onDidHide(() => resolve(undefined));
    });
    if (!choice) return undefined;
    const target = choice.source === 'workspace' ? (registry.folderFor(vscode.Uri.file(choice.filePath)) ?? folder) : folder;
    return { folder: target, agentRef: choice.ref };
  } finally {
    qp.dispose();
  }
}

export async function gatherCandidates(
  registry: RuntimeRegistry,
  folder: vscode.WorkspaceFolder,
  log: vscode.LogOutputChannel,
): Promise<AgentCandidate[]> {
  const out: AgentCandidate[] = [];
  const files = await vscode.workspace.findFiles('**/*.aip', '**/node_modules/**', MAX_WORKSPACE_FILES);
  for (const f of files) out.push({ ref: f.fsPath, filePath: f.fsPath, source: 'workspace' });
  try {
    const rt = await registry.get(folder);
    const { listAgents } = await import('../runtime/dir-context/find-agent');
    for (const a of await listAgents(rt.dirContext)) {
      out.push({ ref: a.ref, filePath: a.filePath, source: sourceOf(a.repoKind) });
    }
  } catch (err) {
    log.warn(`Listing packs failed: ${errorMessage(err)}`);
  }
  return out;
}

function sourceOf(kind: RepoKind): AgentCandidate['source'] {
  return kind === 'WorkspaceCustom' ? 'workspace-pack' : 'base-pack';
}
