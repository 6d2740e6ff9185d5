/**
 * The runtime's Host in VS Code: secrets from SecretStorage first, then the
 * `aipack.baseUrls` settings (as the `AIPACK_<ID>_BASE_URL` names the AI layer
 * looks up), then the process environment; `aip.editor.open_file` opens an
 * editor tab; deletes go to the OS trash through the workspace file system
 * (the freedesktop trash when that file system has none, e.g. a Linux server).
 */
import * as vscode from 'vscode';
import { moveToTrash } from '../cli/host';
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
    try {
      await vscode.workspace.fs.delete(vscode.Uri.file(absPath), { useTrash: true, recursive: true });
    } catch (err) {
      // A remote/server file system may have no trash: keep the delete recoverable with the freedesktop trash.
      if ((err as { code?: string }).code === 'FileNotFound' || process.platform !== 'linux') throw err;
      await moveToTrash(absPath, this.env);
    }
  }

  nowMicros(): number {
    return nowMicros();
  }
}
