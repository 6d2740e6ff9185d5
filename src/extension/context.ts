/**
 * AipContext: the one object that owns the extension's disposables, its
 * diagnostics channel ("AIPack", a LogOutputChannel) and the typed settings,
 * in the manner of rust-analyzer's Ctx. Features receive it instead of reaching
 * for globals; commands registered through it never throw into VS Code.
 */
import * as vscode from 'vscode';
import { errorMessage } from '../runtime/errors';
import { type AipSettings, CONFIG_SECTION, readSettings } from './config';

export class AipContext implements vscode.Disposable {
  readonly log: vscode.LogOutputChannel;
  private readonly disposables: vscode.Disposable[] = [];
  private current: AipSettings;
  private readonly settingsEmitter = new vscode.EventEmitter<AipSettings>();
  /** Fires after any `aipack.*` setting changed, with the new values. */
  readonly onDidChangeSettings = this.settingsEmitter.event;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.log = vscode.window.createOutputChannel('AIPack', { log: true });
    this.push(this.log, this.settingsEmitter);
    this.current = this.loadSettings();
    this.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(CONFIG_SECTION)) return;
        this.current = this.loadSettings();
        this.settingsEmitter.fire(this.current);
      }),
    );
  }

  get settings(): AipSettings {
    return this.current;
  }

  get secrets(): vscode.SecretStorage {
    return this.extension.secrets;
  }

  get workspaceState(): vscode.Memento {
    return this.extension.workspaceState;
  }

  push(...items: vscode.Disposable[]): void {
    this.disposables.push(...items);
  }

  /**
   * A command whose failures are logged and shown, never thrown (house rule 5).
   * The handler's return value is passed through so tests can await a run.
   */
  registerCommand(id: string, handler: (...args: any[]) => unknown): void {
    this.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await handler(...args);
        } catch (err) {
          this.log.error(`${id} failed: ${errorMessage(err)}`);
          void vscode.window.showErrorMessage(`AIPack: ${errorMessage(err)}`);
          return undefined;
        }
      }),
    );
  }

  dispose(): void {
    // Reverse order: later features may depend on earlier ones (the log last).
    for (const d of this.disposables.splice(0).reverse()) {
      try {
        d.dispose();
      } catch (err) {
        console.error('[aipack] dispose failed', err);
      }
    }
  }

  private loadSettings(): AipSettings {
    const cfg = vscode.workspace.getConfiguration(CONFIG_SECTION);
    const { settings, problems } = readSettings((key) => cfg.get(key));
    for (const p of problems) this.log.warn(`settings: ${p}`);
    return settings;
  }
}
