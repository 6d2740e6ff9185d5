/**
 * One Runtime per workspace folder, created on first use (activation stays
 * cheap: sql.js's wasm and the base dir are only touched when a run starts)
 * and disposed when its folder leaves the workspace. A `.aip` outside every
 * folder gets a runtime for its own directory.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { errorMessage } from '../runtime/errors';
import type { Host } from '../runtime/host';
import type { RunPipeline, Runtime } from '../runtime/runtime';

export interface RuntimeEntry {
  folder: vscode.WorkspaceFolder;
  runtime: Runtime;
}

export interface RuntimeRegistryDeps {
  host: Host;
  /** Called once, on the first runtime: the pipeline pulls in the whole engine (Lua, openai, …). */
  createPipeline: () => Promise<RunPipeline>;
  log: vscode.LogOutputChannel;
}

interface Slot {
  folder: vscode.WorkspaceFolder;
  pending: Promise<Runtime>;
  runtime?: Runtime;
}

export class RuntimeRegistry implements vscode.Disposable {
  private readonly slots = new Map<string, Slot>();
  private readonly emitter = new vscode.EventEmitter<void>();
  /** A runtime was created or disposed. */
  readonly onDidChange = this.emitter.event;
  private readonly folderSub: vscode.Disposable;
  private pipeline?: Promise<RunPipeline>;
  private disposed = false;

  constructor(private readonly deps: RuntimeRegistryDeps) {
    this.folderSub = vscode.workspace.onDidChangeWorkspaceFolders((e) => {
      for (const f of e.removed) this.release(f.uri.toString());
    });
  }

  /** The folder's runtime, created on first call (concurrent callers share one creation). */
  get(folder: vscode.WorkspaceFolder): Promise<Runtime> {
    if (this.disposed) return Promise.reject(new Error('AIPack is shutting down'));
    const key = folder.uri.toString();
    const existing = this.slots.get(key);
    if (existing) return existing.pending;
    const slot: Slot = { folder, pending: this.create(folder) };
    this.slots.set(key, slot);
    slot.pending.then(
      (rt) => {
        if (this.slots.get(key) !== slot) return rt.dispose();
        slot.runtime = rt;
        this.emitter.fire();
      },
      // A failed creation is not cached: the next use retries (e.g. after fixing AIPACK_BASE_DIR).
      () => this.slots.get(key) === slot && this.slots.delete(key),
    );
    return slot.pending;
  }

  /** Runtimes created so far (not the ones still being created). */
  entries(): RuntimeEntry[] {
    const out: RuntimeEntry[] = [];
    for (const s of this.slots.values()) if (s.runtime && !s.runtime.isDisposed) out.push({ folder: s.folder, runtime: s.runtime });
    return out;
  }

  /** The runtime already created for `folder`, without creating one. */
  peek(folder: vscode.WorkspaceFolder): Runtime | undefined {
    return this.slots.get(folder.uri.toString())?.runtime;
  }

  /** The folder a file belongs to; a file outside the workspace gets its own directory as a folder. */
  folderFor(uri: vscode.Uri | undefined): vscode.WorkspaceFolder | undefined {
    if (uri) {
      const f = vscode.workspace.getWorkspaceFolder(uri);
      if (f) return f;
      if (uri.scheme === 'file') {
        const dir = path.dirname(uri.fsPath);
        return { uri: vscode.Uri.file(dir), name: path.basename(dir), index: -1 };
      }
    }
    return vscode.workspace.workspaceFolders?.[0];
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.folderSub.dispose();
    for (const key of [...this.slots.keys()]) this.release(key, false);
    this.emitter.dispose();
  }

  private release(key: string, notify = true): void {
    const slot = this.slots.get(key);
    if (!slot) return;
    this.slots.delete(key);
    // Disposing cancels the folder's runs; a runtime still being created is disposed when it arrives (see get).
    if (slot.runtime) {
      slot.runtime.dispose();
      this.deps.log.info(`Runtime disposed for ${slot.folder.uri.fsPath}`);
      if (notify) this.emitter.fire();
    }
  }

  private async create(folder: vscode.WorkspaceFolder): Promise<Runtime> {
    const started = Date.now();
    const cwd = folder.uri.fsPath;
    try {
      // Loaded here, not at activation: the engine's modules take a noticeable time to evaluate.
      const [{ DirContext }, { initBase }, { Runtime }] = await Promise.all([
        import('../runtime/dir-context/dir-context'),
        import('../runtime/init/init-base'),
        import('../runtime/runtime'),
      ]);
      this.pipeline ??= this.deps.createPipeline();
      const pipeline = await this.pipeline;
      const dirContext = DirContext.fromOptions({ cwd, workspaceDiscovery: 'nearest-or-cwd' });
      // A fresh machine works: the base dir (configs, default packs) is created on first use.
      await initBase(dirContext.baseDir);
      const runtime = await Runtime.create({
        host: this.deps.host,
        dirContext,
        pipeline,
        hub: { onListenerError: (err, event) => this.deps.log.error(`Hub listener failed on '${event.type}': ${errorMessage(err)}`) },
      });
      this.deps.log.info(`Runtime ready for ${cwd} (workspace ${dirContext.workspaceDir ?? '-'}, base ${dirContext.baseDir}) in ${Date.now() - started} ms`);
      return runtime;
    } catch (err) {
      this.deps.log.error(`Cannot create the runtime for ${cwd}: ${errorMessage(err)}`);
      throw err;
    }
  }
}
