/**
 * Starting a run: trust and concurrency checks, inputs assembled from the
 * InputSpec, `rt.runAgent` with a CancellationTokenSource, inputs remembered
 * for "Rerun Last Run", and what the user sees when it goes wrong (an agent
 * that does not parse, a missing key, an empty glob). Never throws.
 */
import * as vscode from 'vscode';
import { AipError, errorMessage } from '../runtime/errors';
import { ErrBmc } from '../runtime/model/err';
import { RunBmc } from '../runtime/model/run';
import type { Id } from '../runtime/model/types';
import type { PipelineRunOptions } from '../runtime/run/pipeline';
import type { RunHandle, Runtime } from '../runtime/runtime';
import type { ActiveRuns, EndedRun } from './active-runs';
import { agentDisplayName, recordRecent } from './agent-pick';
import type { AipContext } from './context';
import { missingPackRef } from './install-pack-model';
import { type InputSpec, type LastRunRecord, normalizeLastRun, normalizeSpec } from './inputs';
import { missingKeyEnvName } from './keys-model';
import type { RuntimeRegistry } from './runtime-registry';
import { ensureTrusted } from './trust';

const LAST_INPUTS = 'aipack.lastInputs';
const LAST_RUN = 'aipack.lastRun';
const RECENT_AGENTS = 'aipack.recentAgents';

export interface StartRunRequest {
  folder: vscode.WorkspaceFolder;
  /** Absolute `.aip` path or pack ref. */
  agentRef: string;
  spec: InputSpec;
}

export class RunService {
  private last?: RunHandle;

  constructor(
    private readonly ctx: AipContext,
    private readonly registry: RuntimeRegistry,
    private readonly runs: ActiveRuns,
    /** Told the exact inputs of each started run (the Runs view's Rerun repeats them). */
    private readonly onStarted: (runtime: Runtime, runId: Id, inputs: unknown[] | undefined) => void = () => {},
  ) {
    ctx.push(runs.onDidEnd((e) => void this.onRunEnded(e)));
  }

  /** The handle of the last run started from this window (test hook). */
  lastRun(): RunHandle | undefined {
    return this.last;
  }

  lastInputs(agentRef: string): InputSpec | undefined {
    const all = this.ctx.workspaceState.get<Record<string, unknown>>(LAST_INPUTS) ?? {};
    return all[agentRef] === undefined ? undefined : normalizeSpec(all[agentRef]);
  }

  lastRunRecord(): LastRunRecord | undefined {
    return normalizeLastRun(this.ctx.workspaceState.get(LAST_RUN));
  }

  recentAgents(): Record<string, number> {
    return this.ctx.workspaceState.get<Record<string, number>>(RECENT_AGENTS) ?? {};
  }

  /** Undefined when the run did not start (refused, bad inputs, agent not found or not parsing: the user was told). */
  async start(req: StartRunRequest): Promise<RunHandle | undefined> {
    if (!ensureTrusted(this.ctx.log)) return undefined;
    const max = this.ctx.settings.maxConcurrentRuns;
    if (this.runs.size >= max) {
      void vscode.window.showWarningMessage(
        `AIPack: ${this.runs.size} run${this.runs.size === 1 ? ' is' : 's are'} already active (aipack.maxConcurrentRuns is ${max}). Wait for one to end or cancel it.`,
      );
      return undefined;
    }
    const name = agentDisplayName(req.agentRef);
    let rt: Runtime;
    try {
      rt = await this.registry.get(req.folder);
    } catch (err) {
      void vscode.window.showErrorMessage(`AIPack: cannot start the runtime for ${req.folder.name}: ${errorMessage(err)}`);
      return undefined;
    }
    // As `aip run` does (§5.2, §12.4): the workspace's `.aipack/config.toml` is created on the first run.
    const wks = rt.dirContext.workspaceDir;
    if (wks) {
      try {
        const { initWorkspace } = await import('../runtime/init/init-workspace');
        await initWorkspace(wks, { log: (m) => this.ctx.log.info(m) });
      } catch (err) {
        this.ctx.log.warn(`Cannot initialise ${wks}/.aipack: ${errorMessage(err)}`);
      }
    }
    const { assembleInputs } = await import('./input-files');
    const assembled = await assembleInputs(req.spec, req.folder.uri.fsPath, rt.dirContext.workspaceDir);
    if (!assembled.ok) {
      this.ctx.log.warn(`${name}: ${assembled.message}`);
      void vscode.window.showWarningMessage(`AIPack: ${assembled.message}`);
      return undefined;
    }
    await this.remember(req);

    const options: PipelineRunOptions = {};
    const model = this.ctx.settings.defaultModel;
    if (model) options.agentOptions = { model };
    const cts = this.runs.newCancellation();
    const count = assembled.inputs?.length ?? 0;
    this.ctx.log.info(`Run ${name} (${req.agentRef}) with ${count} input${count === 1 ? '' : 's'}${model ? `, model ${model}` : ''}`);
    let handle: RunHandle;
    try {
      handle = await rt.runAgent(req.agentRef, assembled.inputs, { options: options as Record<string, unknown>, cancellationToken: cts.token });
    } catch (err) {
      cts.dispose();
      void vscode.window.showErrorMessage(`AIPack: ${name} could not start: ${errorMessage(err)}`);
      return undefined;
    }
    this.last = handle;
    if (handle.runId === undefined) {
      cts.dispose();
      void handle.done.then((r) => this.reportNotStarted(name, r.error, () => this.start(req)));
      return handle;
    }
    try {
      this.onStarted(rt, handle.runId, assembled.inputs);
    } catch (err) {
      this.ctx.log.warn(`Run inputs not recorded: ${errorMessage(err)}`);
    }
    this.runs.track({ folder: req.folder, runtime: rt, runId: handle.runId, agentRef: req.agentRef, agentName: name, handle, cts });
    return handle;
  }

  async rerunLast(): Promise<RunHandle | undefined> {
    const rec = this.lastRunRecord();
    if (!rec) {
      void vscode.window.showInformationMessage('AIPack: nothing to rerun yet. Run an agent first.');
      return undefined;
    }
    const folder = this.registry.folderFor(vscode.Uri.parse(rec.folderUri)) ?? {
      uri: vscode.Uri.parse(rec.folderUri),
      name: vscode.Uri.parse(rec.folderUri).path.split('/').pop() ?? '',
      index: -1,
    };
    return this.start({ folder, agentRef: rec.agentRef, spec: rec.spec });
  }

  private async remember(req: StartRunRequest): Promise<void> {
    const state = this.ctx.workspaceState;
    const all = { ...(state.get<Record<string, unknown>>(LAST_INPUTS) ?? {}), [req.agentRef]: req.spec };
    const rec: LastRunRecord = { folderUri: req.folder.uri.toString(), agentRef: req.agentRef, spec: req.spec };
    await Promise.all([
      state.update(LAST_INPUTS, all),
      state.update(LAST_RUN, rec),
      state.update(RECENT_AGENTS, recordRecent(this.recentAgents(), req.agentRef, Date.now())),
    ]);
  }

  /** The agent was not found or does not parse: the error names the file and line; offer to open it there. */
  private async reportNotStarted(name: string, error: Error | undefined, retry?: () => Promise<unknown>): Promise<void> {
    const message = error ? error.message : 'unknown error';
    this.ctx.log.error(`${name}: ${message}`);
    const loc = error instanceof AipError ? error.location : undefined;
    const actions = loc?.file ? [`Open ${loc.line !== undefined ? `at Line ${loc.line}` : 'Agent'}`] : [];
    // A pack that is not installed (§7.7): offer to install it, then start the run again.
    const pack = missingPackRef(message);
    const installAction = pack ? `Install ${pack}` : undefined;
    if (installAction) actions.unshift(installAction);
    const pick = await vscode.window.showErrorMessage(`AIPack: ${name} did not start: ${message}`, ...actions);
    if (pick !== undefined && pick === installAction) {
      if (await vscode.commands.executeCommand<boolean>('aipack.installPack', pack)) await retry?.();
      return;
    }
    if (pick && loc?.file) {
      const line = Math.max(0, (loc.line ?? 1) - 1);
      await vscode.window.showTextDocument(vscode.Uri.file(loc.file), { selection: new vscode.Range(line, 0, line, 0), preview: false });
    }
  }

  private async onRunEnded(e: EndedRun): Promise<void> {
    const { run, result, elapsedSec } = e;
    this.ctx.log.info(`Run ${run.agentName} #${run.runId} ended ${result.endState} in ${elapsedSec.toFixed(1)} s`);
    let missing: string | undefined;
    try {
      missing = missingKeyEnvName(result.error?.message) ?? findMissingKey(run.runtime, run.runId);
    } catch {
      missing = undefined;
    }
    if (missing) {
      const pick = await vscode.window.showErrorMessage(
        `AIPack: ${run.agentName} needs the API key ${missing}, which is neither in VS Code's SecretStorage nor in the environment.`,
        'Set API Key',
      );
      if (pick) await vscode.commands.executeCommand('aipack.setApiKey', missing);
      return;
    }
    if (result.endState === 'Err') {
      const msg = result.error?.message ?? firstError(run.runtime, run.runId) ?? 'see the Runs view for details';
      const pick = await vscode.window.showErrorMessage(`AIPack: ${run.agentName} failed: ${msg}`, 'Show Runs');
      if (pick) await vscode.commands.executeCommand('aipack.runs.focus');
    }
  }
}

/** The run tree's err rows (the run, its tasks, its sub-agent runs) that report a missing key. */
function findMissingKey(rt: Runtime, runId: Id): string | undefined {
  for (const id of runTree(rt, runId)) {
    for (const err of ErrBmc.list(rt.mm, { run_id: id })) {
      const name = missingKeyEnvName(err.content);
      if (name) return name;
    }
  }
  return undefined;
}

function firstError(rt: Runtime, runId: Id): string | undefined {
  try {
    return ErrBmc.list(rt.mm, { run_id: runId })[0]?.content ?? undefined;
  } catch {
    return undefined;
  }
}

function runTree(rt: Runtime, runId: Id): Id[] {
  const ids = [runId];
  for (let i = 0; i < ids.length; i++) for (const c of RunBmc.listChildren(rt.mm, ids[i])) ids.push(c.id);
  return ids;
}
