/**
 * **AIPack: Install Pack…** (§11.1 in the editor): a pack reference, a URL / git source, or a
 * picked `.aipack` file, installed by the runtime's pack module with a cancellable progress
 * notification. Also run with a source argument (from "Install" on a run whose pack is missing).
 * Returns true when the pack is installed (or already up to date).
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { Host } from '../runtime/host';
import type { AipContext } from './context';
import { installedMessage, validateSourceInput } from './install-pack-model';

const TYPE_IT: vscode.QuickPickItem = { label: '$(cloud-download) Pack reference or URL…', description: 'ns@name, https://….aipack, git URL#sub/dir' };
const PICK_FILE: vscode.QuickPickItem = { label: '$(file-zip) .aipack file…', description: 'a pack archive on this machine' };

export function registerInstallPackCommand(ctx: AipContext, host: Host): void {
  ctx.registerCommand('aipack.installPack', async (arg?: unknown) => {
    const source = typeof arg === 'string' && arg.trim() !== '' ? arg.trim() : await askSource();
    if (source === undefined) return false;
    return install(ctx, host, source, false);
  });
}

async function askSource(): Promise<string | undefined> {
  const how = await vscode.window.showQuickPick([TYPE_IT, PICK_FILE], { title: 'AIPack: Install Pack', placeHolder: 'Install from…' });
  if (how === undefined) return undefined;
  if (how === PICK_FILE) {
    const files = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'AIPack archive': ['aipack'] }, openLabel: 'Install' });
    return files?.[0]?.fsPath;
  }
  const typed = await vscode.window.showInputBox({
    title: 'AIPack: Install Pack',
    prompt: 'A pack from the pack repository (e.g. pro@coder), a link to a .aipack file, or a git source',
    placeHolder: 'pro@coder',
    validateInput: validateSourceInput,
  });
  return typed?.trim() || undefined;
}

async function install(ctx: AipContext, host: Host, source: string, force: boolean): Promise<boolean> {
  const [{ DirContext }, { installPack, InstallRefusedError, packRepoUrl }] = await Promise.all([
    import('../runtime/dir-context/dir-context'),
    import('../runtime/pack'),
  ]);
  const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir();
  const { baseDir } = DirContext.fromOptions({ cwd, workspaceDiscovery: 'nearest-or-cwd' });
  try {
    const res = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `AIPack: installing ${source}`, cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort(new Error('Install cancelled')));
        try {
          return await installPack(
            source,
            {
              baseDir,
              cwd,
              repoUrl: packRepoUrl(process.env, ctx.settings.packRepoUrl),
              trash: (p) => host.trash(p),
              signal: abort.signal,
              log: (m) => {
                ctx.log.info(`install ${source}: ${m.replace(/^-> /, '')}`);
                progress.report({ message: m.replace(/^-> /, '') });
              },
            },
            { force },
          );
        } finally {
          sub.dispose();
        }
      },
    );
    ctx.log.info(installedMessage(res));
    if (res.status === 'up-to-date') {
      void vscode.window.showInformationMessage(installedMessage(res), 'Reinstall').then((pick) => {
        if (pick === 'Reinstall') void install(ctx, host, source, true);
      });
    } else void vscode.window.showInformationMessage(installedMessage(res));
    return true;
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    ctx.log.error(`install ${source}: ${msg}`);
    // A newer version installed: the user may still want this one.
    if (err instanceof InstallRefusedError && /--force/.test(msg)) {
      const pick = await vscode.window.showWarningMessage(`AIPack: ${msg.replace(/\n.*$/s, '')}`, 'Install Anyway');
      return pick === 'Install Anyway' ? install(ctx, host, source, true) : false;
    }
    void vscode.window.showErrorMessage(`AIPack: cannot install ${source}: ${msg}`);
    return false;
  }
}
