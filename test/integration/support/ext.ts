/**
 * What every in-host suite needs: the activated AIPack extension and its test API,
 * the opened workspace folder, and polling helpers (runs progress asynchronously,
 * so assertions wait for the state instead of sleeping).
 */
import * as vscode from 'vscode';

export const EXTENSION_ID = 'aipack-vscode.aipack-vscode';

/** What `activate()` returns for tests (built by ext-core); everything optional until it lands. */
export interface AipTestApi {
  registry?: {
    entries(): { folder: vscode.WorkspaceFolder; runtime: any }[];
    get(folder: vscode.WorkspaceFolder): Promise<any>;
  };
  lastRun?: () => unknown;
  statusBarText?: () => string | undefined;
  activeRunCount?: () => number;
  activationMs?: number;
  [other: string]: unknown;
}

export function extension(): vscode.Extension<AipTestApi> {
  const ext = vscode.extensions.getExtension<AipTestApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  return ext;
}

/** Activates (if needed) and returns the test API, or `{}` when activate() returns nothing. */
export async function api(): Promise<AipTestApi> {
  const ext = extension();
  const exported = ext.isActive ? ext.exports : await ext.activate();
  return exported ?? {};
}

export function folder(): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.[0];
  if (!f) throw new Error('no workspace folder is open (the harness opens a copy of test/fixtures/e2e-workspace)');
  return f;
}

export function wsPath(...parts: string[]): string {
  return vscode.Uri.joinPath(folder().uri, ...parts).fsPath;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a value that is not undefined/false; throws with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000, everyMs = 25): Promise<T> {
  const start = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v as T;
    } catch (err) {
      last = err;
    }
    if (Date.now() - start > timeoutMs) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
    }
    await sleep(everyMs);
  }
}

/** Ids of the commands the extension contributes in its package.json. */
export function contributedCommands(): string[] {
  const cmds = (extension().packageJSON?.contributes?.commands ?? []) as { command: string }[];
  return cmds.map((c) => c.command);
}
