/**
 * The language status item of `.aip` files: the model and provider the agent would
 * run with, from the language server's `aipack/agentStatus` request.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { formatAgentStatus, type AgentStatusLike } from './language-status-format';

const SEVERITY = {
  info: vscode.LanguageStatusSeverity.Information,
  warning: vscode.LanguageStatusSeverity.Warning,
  error: vscode.LanguageStatusSeverity.Error,
} as const;

export function registerLanguageStatus(client: LanguageClient): vscode.Disposable {
  const item = vscode.languages.createLanguageStatusItem('aipack.agentStatus', { language: 'aip' });
  item.name = 'AIPack agent model';
  item.text = '$(loading~spin) AIPack';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seq = 0;

  const refresh = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(async () => {
      const doc = vscode.window.activeTextEditor?.document;
      if (!doc || doc.languageId !== 'aip') return;
      const mine = ++seq;
      let status: AgentStatusLike | null = null;
      try {
        status = await client.sendRequest<AgentStatusLike | null>('aipack/agentStatus', { uri: doc.uri.toString() });
      } catch {
        status = null;
      }
      if (mine !== seq) return;
      const v = formatAgentStatus(status);
      item.text = v.text;
      item.detail = v.detail;
      item.severity = SEVERITY[v.severity];
      item.command = status ? { title: 'Details', command: 'aipack.showAgentStatus', arguments: [status.markdown] } : undefined;
    }, 300);
  };

  const show = vscode.commands.registerCommand('aipack.showAgentStatus', (markdown?: string) => {
    if (typeof markdown !== 'string') return;
    void vscode.window.showInformationMessage(markdown.replace(/[*`#]/g, ''), { modal: true });
  });
  const subs = [
    item,
    show,
    vscode.window.onDidChangeActiveTextEditor(refresh),
    vscode.workspace.onDidSaveTextDocument(refresh),
  ];
  client.onDidChangeState(() => refresh());
  refresh();
  return vscode.Disposable.from(...subs, { dispose: () => timer && clearTimeout(timer) });
}
