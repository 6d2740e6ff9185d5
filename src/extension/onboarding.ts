/**
 * Getting started: "AIPack: New Agent" (a sample `.aip` in the folder),
 * "AIPack: Init Workspace" (`.aipack/` with its config) and the walkthrough
 * (contributed in package.json, its steps under media/walkthrough/).
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AipContext } from './context';
import type { RuntimeRegistry } from './runtime-registry';
import { SAMPLE_AGENT_TEXT, nextAgentFileName } from './sample-agent';

export const WALKTHROUGH_ID = 'aipack-vscode.aipack-vscode#gettingStarted';

export function registerOnboarding(ctx: AipContext, registry: RuntimeRegistry): void {
  ctx.registerCommand('aipack.newAgent', (arg?: { dir?: string; name?: string; open?: boolean }) => newAgent(ctx, registry, arg ?? {}));
  ctx.registerCommand('aipack.initWorkspace', (arg?: { dir?: string }) => initWorkspaceCommand(ctx, registry, arg?.dir));
  ctx.registerCommand('aipack.openWalkthrough', () => vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false));
}

async function pickFolder(registry: RuntimeRegistry): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length > 1) return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder for the new agent' });
  return registry.folderFor(vscode.window.activeTextEditor?.document.uri);
}

/** Writes a sample agent (never over an existing file) and opens it. Returns its path. */
async function newAgent(ctx: AipContext, registry: RuntimeRegistry, arg: { dir?: string; name?: string; open?: boolean }): Promise<string | undefined> {
  let dir = arg.dir;
  if (!dir) {
    const folder = await pickFolder(registry);
    if (!folder) {
      void vscode.window.showInformationMessage('AIPack: open a folder first, then create an agent in it.');
      return undefined;
    }
    dir = folder.uri.fsPath;
  }
  let existing: string[] = [];
  try {
    existing = await fs.readdir(dir);
  } catch {
    // A missing dir is created below.
  }
  let name = arg.name ?? nextAgentFileName(existing);
  if (arg.name === undefined) {
    const typed = await vscode.window.showInputBox({
      title: 'AIPack: New Agent',
      prompt: `File name of the new agent in ${dir}`,
      value: name,
      valueSelection: [0, name.length - 4],
      validateInput: (v) => validateAgentName(v, existing),
    });
    if (typed === undefined) return undefined;
    name = typed.endsWith('.aip') ? typed : `${typed}.aip`;
  }
  const file = path.join(dir, name);
  await fs.mkdir(path.dirname(file), { recursive: true });
  try {
    await fs.writeFile(file, SAMPLE_AGENT_TEXT, { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`${file} already exists`);
    throw err;
  }
  ctx.log.info(`New agent ${file}`);
  if (arg.open !== false) await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false });
  return file;
}

function validateAgentName(v: string, existing: string[]): string | undefined {
  const name = v.trim();
  if (name === '' || name === '.aip') return 'Enter a file name, e.g. hello.aip';
  if (/[\\:*?"<>|]/.test(name)) return 'The name contains characters that are not allowed in file names';
  const file = name.endsWith('.aip') ? name : `${name}.aip`;
  if (existing.includes(file)) return `${file} already exists`;
  return undefined;
}

async function initWorkspaceCommand(ctx: AipContext, registry: RuntimeRegistry, dir?: string): Promise<string[] | undefined> {
  let target = dir;
  if (!target) {
    const folder = await pickFolder(registry);
    if (!folder) {
      void vscode.window.showInformationMessage('AIPack: open a folder first; the workspace is initialised in it.');
      return undefined;
    }
    target = folder.uri.fsPath;
  }
  const { initWorkspace } = await import('../runtime/init/init-workspace');
  const created = await initWorkspace(target, { log: (m) => ctx.log.info(m) });
  const where = path.join(target, '.aipack');
  void vscode.window.showInformationMessage(created.length > 0 ? `AIPack: workspace initialised (${where}).` : `AIPack: workspace already set up (${where}).`);
  return created;
}
