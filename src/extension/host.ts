/**
 * The runtime's Host in VS Code: secrets from SecretStorage first, then the
 * `aipack.baseUrls` settings (as the `AIPACK_<ID>_BASE_URL` names the AI layer
 * looks up), then the process environment; `aip.editor.open_file` opens an
 * editor tab; deletes go to the OS trash through the workspace file system.
 */
import * as vscode from 'vscode';
import { type Host, nowMicros } from '../runtime/host';

export class VsCodeHost implements Host {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    /** Settings-derived lookups, read on every call so a settings change applies to the next AI call. */
    private readonly lookups: () => Map<string, string>,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  async getSecret(name: string): Promise<string | undefined> {
    const stored = await this.secrets.get(name);
    if (stored !== undefined && stored.trim() !== '') return stored;
    const fromSettings = this.lookups().get(name);
    if (fromSettings !== undefined && fromSettings.trim() !== '') return fromSettings;
    const v = this.env[name];
    return v === undefined || v.trim() === '' ? undefined : v;
  }

  async openFile(absPath: string): Promise<string | undefined> {
    await vscode.window.showTextDocument(vscode.Uri.file(absPath), { preview: false });
    return 'vscode';
  }

  async trash(absPath: string): Promise<void> {
    await vscode.workspace.fs.delete(vscode.Uri.file(absPath), { useTrash: true, recursive: true });
  }

  nowMicros(): number {
    return nowMicros();
  }
}
