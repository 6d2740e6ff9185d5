/**
 * "AIPack: Set API Key…", "Clear API Key" and "Check Keys". Keys go into
 * SecretStorage under their environment-variable name (what the runtime asks
 * Host.getSecret for); only key names are ever logged.
 */
import * as vscode from 'vscode';
import type { AipContext } from './context';
import { type KeyReport, formatKeyReport, isValidKeyName, keySource, providerKeys } from './keys-model';

const STORED_INDEX = 'aipack.storedKeyNames';

export function registerKeyCommands(ctx: AipContext): void {
  ctx.registerCommand('aipack.setApiKey', (envName?: unknown, value?: unknown) =>
    setApiKey(ctx, typeof envName === 'string' ? envName : undefined, typeof value === 'string' ? value : undefined),
  );
  ctx.registerCommand('aipack.clearApiKey', (envName?: unknown) => clearApiKey(ctx, typeof envName === 'string' ? envName : undefined));
  ctx.registerCommand('aipack.checkKeys', (opts?: { silent?: boolean }) => checkKeys(ctx, opts?.silent === true));
}

async function pickKeyName(ctx: AipContext, placeHolder: string, onlyStored: boolean): Promise<string | undefined> {
  const rows = await keyReports(ctx);
  const items = rows
    .filter((r) => !onlyStored || r.source === 'SecretStorage')
    .map((r) => ({ label: r.envName, description: r.providers, detail: sourceDetail(r), envName: r.envName }));
  if (items.length === 0) {
    void vscode.window.showInformationMessage('AIPack: no API key is stored in VS Code.');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true });
  return pick?.envName;
}

function sourceDetail(r: KeyReport): string {
  if (r.source === 'SecretStorage') return '$(lock) set in VS Code SecretStorage';
  if (r.source === 'environment') return '$(terminal) from the environment';
  return '$(circle-slash) not set';
}

/** Stores the key; with `value` given (tests, the walkthrough) no prompt is shown. */
export async function setApiKey(ctx: AipContext, envName?: string, value?: string): Promise<boolean> {
  const name = envName ?? (await pickKeyName(ctx, 'Provider key to set', false));
  if (!name) return false;
  if (!isValidKeyName(name)) throw new Error(`'${name}' is not a key name (expected e.g. OPENAI_API_KEY)`);
  const key =
    value ??
    (await vscode.window.showInputBox({
      title: `AIPack: ${name}`,
      prompt: `API key stored in VS Code's SecretStorage (used before the ${name} environment variable)`,
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() === '' ? 'Enter the key, or press Escape to cancel' : undefined),
    }));
  if (key === undefined || key.trim() === '') return false;
  await ctx.secrets.store(name, key.trim());
  await rememberStored(ctx, name, true);
  ctx.log.info(`API key ${name} stored in SecretStorage`);
  if (value === undefined) void vscode.window.showInformationMessage(`AIPack: ${name} saved in SecretStorage.`);
  return true;
}

export async function clearApiKey(ctx: AipContext, envName?: string): Promise<boolean> {
  const name = envName ?? (await pickKeyName(ctx, 'Stored key to clear', true));
  if (!name) return false;
  await ctx.secrets.delete(name);
  await rememberStored(ctx, name, false);
  ctx.log.info(`API key ${name} removed from SecretStorage`);
  if (envName === undefined) void vscode.window.showInformationMessage(`AIPack: ${name} removed from SecretStorage.`);
  return true;
}

/** Every provider key with where it comes from; also written (names only) to the AIPack log. */
export async function checkKeys(ctx: AipContext, silent = false): Promise<KeyReport[]> {
  const rows = await keyReports(ctx);
  for (const line of formatKeyReport(rows)) ctx.log.info(`check keys: ${line}`);
  if (silent) return rows;
  const items = rows.map((r) => ({
    label: `${r.source === 'missing' ? '$(circle-slash)' : '$(check)'} ${r.envName}`,
    description: r.source === 'missing' ? 'missing' : r.source,
    detail: r.providers,
    envName: r.envName,
  }));
  const set = rows.filter((r) => r.source !== 'missing').length;
  const pick = await vscode.window.showQuickPick(items, {
    title: `AIPack: ${set} of ${rows.length} provider keys set`,
    placeHolder: 'Select a key to set it in SecretStorage',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (pick) await setApiKey(ctx, pick.envName);
  return rows;
}

async function keyReports(ctx: AipContext): Promise<KeyReport[]> {
  const known = providerKeys();
  // Keys stored under other names (e.g. GENAI_1_API_KEY) are listed too.
  const extra = storedNames(ctx).filter((n) => !known.some((k) => k.envName === n));
  const all = [...known, ...extra.map((envName) => ({ envName, providers: 'custom' }))];
  return Promise.all(
    all.map(async (k) => ({ ...k, source: keySource(await ctx.secrets.get(k.envName), process.env[k.envName]) })),
  );
}

/** SecretStorage cannot list its keys, so the names (never values) we stored are kept in globalState. */
function storedNames(ctx: AipContext): string[] {
  const v = ctx.extension.globalState.get<unknown>(STORED_INDEX);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

async function rememberStored(ctx: AipContext, name: string, stored: boolean): Promise<void> {
  const names = new Set(storedNames(ctx));
  if (stored) names.add(name);
  else names.delete(name);
  await ctx.extension.globalState.update(STORED_INDEX, [...names].sort());
}
