/**
 * CodeLens at the top of every `.aip`: "Run" · "Run with Input…" · "Run on
 * Files…". In Restricted Mode one lens says why nothing runs instead.
 */
import * as vscode from 'vscode';

export class AipCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;
  private readonly sub = vscode.workspace.onDidGrantWorkspaceTrust(() => this.emitter.fire());

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (document.uri.scheme !== 'file') return [];
    const top = new vscode.Range(0, 0, 0, 0);
    if (!vscode.workspace.isTrusted) {
      return [new vscode.CodeLens(top, { title: '$(shield) Running agents needs a trusted workspace', command: 'workbench.trust.manage' })];
    }
    const args = [document.uri];
    return [
      new vscode.CodeLens(top, { title: '$(play) Run', command: 'aipack.runAgent', arguments: args, tooltip: 'Run this agent once, with no input' }),
      new vscode.CodeLens(top, { title: 'Run with Input…', command: 'aipack.runAgentWithInput', arguments: args, tooltip: 'Run with one or more text inputs' }),
      new vscode.CodeLens(top, { title: 'Run on Files…', command: 'aipack.runAgentOnFiles', arguments: args, tooltip: 'Run with files (glob or picked), optionally mixed with text inputs' }),
    ];
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}

export function registerCodeLens(): vscode.Disposable {
  const provider = new AipCodeLensProvider();
  return vscode.Disposable.from(provider, vscode.languages.registerCodeLensProvider({ language: 'aip' }, provider));
}
