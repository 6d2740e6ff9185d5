/** Opening an `.aip` and waiting for the language server's diagnostics to reach VS Code through the client. */
import * as vscode from 'vscode';
import { waitFor, wsPath } from './ext';

export async function openAndDiagnose(agentFile: string, timeoutMs = 20_000) {
  const uri = vscode.Uri.file(wsPath('agents', agentFile));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  const diags = await waitFor(`diagnostics for ${agentFile}`, () => {
    const d = vscode.languages.getDiagnostics(uri);
    return d.length > 0 ? d : undefined;
  }, timeoutMs);
  return { doc, diags };
}

export const describeDiag = (d: vscode.Diagnostic) => `${d.range.start.line}:${d.range.start.character} ${d.message}`;
