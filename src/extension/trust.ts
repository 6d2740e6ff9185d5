/**
 * Workspace trust: in Restricted Mode highlighting, snippets and diagnostics
 * keep working, but agents do not run — an agent executes Lua and shell
 * commands with the user's rights. The run commands are hidden by
 * `when: isWorkspaceTrusted` and refused here too (palette or API calls).
 */
import * as vscode from 'vscode';

export const RESTRICTED_MESSAGE =
  'AIPack: agents cannot run in Restricted Mode. An agent runs Lua code, shell commands and file writes with your permissions, so AIPack only runs agents in a trusted workspace.';

/** True when runs are allowed; otherwise tells the user why and offers to manage trust. */
export function ensureTrusted(log: vscode.LogOutputChannel): boolean {
  if (vscode.workspace.isTrusted) return true;
  log.warn('Run refused: the workspace is not trusted (Restricted Mode).');
  void vscode.window.showWarningMessage(RESTRICTED_MESSAGE, 'Manage Workspace Trust').then((pick) => {
    if (pick) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return false;
}
