/**
 * Extension entry: only wires features together (house rule 7). Activation does
 * no heavy work: runtimes (sql.js, base dir) are created on first use.
 * `activate` returns a small API for the extension-host tests.
 */
import * as vscode from 'vscode';
import type { RunHandle } from '../runtime/runtime';
import { getRunsTreeProvider, getRunsViews, registerViews, rememberRunInputs } from '../views/index';
import { ActiveRuns } from './active-runs';
import { registerCodeLens } from './codelens';
import { settingsLookups } from './config';
import { AipContext } from './context';
import { VsCodeHost } from './host';
import { registerKeyCommands } from './keys';
import { startLanguageClient } from './language-client';
import { registerInstallPackCommand } from './install-pack';
import { registerOnboarding } from './onboarding';
import { registerRunCommands } from './run-commands';
import { RunService } from './run-service';
import { RuntimeRegistry } from './runtime-registry';
import { RunStatusBar } from './status-bar';

export interface AipackApi {
  registry: RuntimeRegistry;
  /** The last run started from this window (any entry point). */
  lastRun(): RunHandle | undefined;
  /** The status-bar item's text ('' when hidden). */
  statusBarText(): string;
  /** Runs started here and not ended yet. */
  activeRunCount(): number;
  /** Time `activate` took, in ms. */
  activationMs: number;
  /** The Runs tree provider, detail documents and output channel (from src/views). */
  getRunsTreeProvider: typeof getRunsTreeProvider;
  getRunsViews: typeof getRunsViews;
}

let current: AipContext | undefined;

export function activate(extension: vscode.ExtensionContext): AipackApi {
  const started = performance.now();
  const ctx = new AipContext(extension);
  current = ctx;
  extension.subscriptions.push(ctx);

  const host = new VsCodeHost(ctx.secrets, () => settingsLookups(ctx.settings));
  const registry = new RuntimeRegistry({ host, createPipeline: () => createPipeline(ctx), log: ctx.log });
  const runs = new ActiveRuns();
  const statusBar = new RunStatusBar(runs, ctx.log);
  // Pushed before the registry so they are disposed after it (reverse order) and see its runs end.
  ctx.push(statusBar, runs, registry);
  const service = new RunService(ctx, registry, runs, rememberRunInputs);
  ctx.push(runs.followRegistry(registry));

  registerRunCommands(ctx, registry, service, runs);
  registerKeyCommands(ctx);
  registerInstallPackCommand(ctx, host);
  registerOnboarding(ctx, registry);
  ctx.push(registerCodeLens());
  ctx.push(registerViews(extension, registry, ctx.log));
  ctx.push(startLanguageClient(extension, ctx.log));

  const activationMs = Math.round((performance.now() - started) * 10) / 10;
  ctx.log.info(`AIPack activated in ${activationMs} ms${vscode.workspace.isTrusted ? '' : ' (Restricted Mode: running agents is disabled)'}`);
  return {
    registry,
    lastRun: () => service.lastRun(),
    statusBarText: () => statusBar.text,
    activeRunCount: () => runs.size,
    activationMs,
    getRunsTreeProvider,
    getRunsViews,
  };
}

/**
 * The engine is imported on first use. The task detail documents record AI calls from
 * the runtime's TaskAi* Hub events; `retry` is read when the pipeline first serves a
 * folder's runtime.
 */
async function createPipeline(ctx: AipContext) {
  const { AgentPipeline } = await import('../runtime/run/pipeline');
  const { setLuaWorkerCount } = await import('../runtime/script/lua-pool');
  setLuaWorkerCount(ctx.settings.luaWorkers || undefined);
  return new AgentPipeline({
    stream: true,
    get retry() {
      return { retries: ctx.settings.retryCount };
    },
    // Read at each run start, so a changed setting applies to the next run.
    get limits() {
      const secs = ctx.settings.aiRequestTimeoutSeconds;
      return secs !== undefined ? { aiRequestTimeoutMs: Math.round(secs * 1000) } : {};
    },
  });
}

export function deactivate(): void {
  // The context is also on extension.subscriptions; disposing twice is harmless.
  current?.dispose();
  current = undefined;
}
