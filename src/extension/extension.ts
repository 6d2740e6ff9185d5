/**
 * Extension entry: only wires features together (house rule 7). Activation does
 * no heavy work; runtimes are created on first use.
 */
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('AIPack', { log: true });
  context.subscriptions.push(log);
  log.info('AIPack activated');
}

export function deactivate(): void {
  // Disposables registered on the context are released by VS Code.
}
