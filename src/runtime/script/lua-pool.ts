/**
 * The pool of script workers (`worker_threads`), on the runtime thread. Every Lua stage runs
 * in one of them; the runtime thread keeps the DB, the hub, HTTP and the pipeline, and answers
 * the workers' host calls.
 *
 * - Size: `AIPACK_LUA_WORKERS`, else `setLuaWorkerCount()` (the editor setting / config key),
 *   else the number of cores; at least 1. A worker blocked in a host call (say, `aip.agent.run`
 *   waiting for a sub-agent whose stages need a worker) does not count, so nesting never
 *   deadlocks.
 * - The wasm is compiled once here and handed to each worker.
 * - A cancel sets a shared flag the worker's instruction hook reads; a stage that does not stop
 *   within the grace period (a C pattern matcher that never returns) has its worker
 *   terminated; the next stage gets a fresh one.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { errorMessage } from '../errors';
import type { StageOutcome, StageRequest } from './lua-stage';
import type { Settled } from './lua-state';
import { decodeFromThread, encodeForThread } from './lua-values';
import { compileLuaWasm, type WasmModule } from './lua-wasm';

const CTL_REPLY = 0;
const CTL_CANCEL = 1;

export interface StageJob {
  req: Omit<StageRequest, 'id'>;
  signal: AbortSignal;
  hostCall(fnIndex: number, args: unknown[]): Promise<Settled>;
  print(text: string): void;
}

export type JobResult = StageOutcome | { ok: false; kind: 'terminated'; message: string };

interface Running {
  id: number;
  job: StageJob;
  resolve(r: JobResult): void;
  graceTimer?: NodeJS.Timeout;
  offAbort?: () => void;
}

// One 'abort' listener per signal, fanned out: many concurrent tasks share the run's signal and
// Node warns past 10 listeners.
const abortWaiters = new WeakMap<AbortSignal, Set<() => void>>();

/** Call `fn` once when `signal` aborts; returns the unsubscribe. */
export function onAbort(signal: AbortSignal, fn: () => void): () => void {
  let set = abortWaiters.get(signal);
  if (!set) {
    const waiters = new Set<() => void>();
    set = waiters;
    abortWaiters.set(signal, waiters);
    signal.addEventListener('abort', () => {
      for (const w of [...waiters]) w();
      waiters.clear();
    }, { once: true });
  }
  set.add(fn);
  return () => set.delete(fn);
}

let configuredSize: number | undefined;
let graceMs = 300;

/** Pool size from the editor setting or config key (the env variable wins). */
export function setLuaWorkerCount(n: number | undefined): void {
  configuredSize = n !== undefined && Number.isFinite(n) && n >= 1 ? Math.floor(n) : undefined;
}

/** How long a cancelled stage may keep running before its worker is terminated (tests). */
export function setLuaCancelGraceMs(ms: number): void {
  graceMs = ms;
}

export function luaWorkerCount(): number {
  const env = Number(process.env.AIPACK_LUA_WORKERS);
  if (Number.isFinite(env) && env >= 1) return Math.floor(env);
  return configuredSize ?? Math.max(1, availableParallelism());
}

/** The bundled worker beside the bundle; from source (tests, bench), the .ts through tsx. */
function workerSource(): { file: string; eval: boolean } {
  const bundled = join(__dirname, 'lua-worker.js');
  if (existsSync(bundled)) return { file: bundled, eval: false };
  const ts = join(__dirname, 'lua-worker.ts');
  // An eval'd worker resolves modules from the process's cwd: give it absolute paths.
  const tsx = require.resolve('tsx/cjs/api');
  return { file: `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(ts)});`, eval: true };
}

/** Heap size past which a worker is replaced once idle (after a memory bomb, say). */
const HEAP_RECYCLE_BYTES = 512 * 1024 * 1024;

class ScriptWorker {
  readonly worker: Worker;
  readonly ctl: Int32Array;
  readonly replyPort: MessagePort;
  running: Running | undefined;
  blocked = false;
  dead = false;
  /** Catalog sets this worker has been sent (lua-stage.ts caches them by key). */
  readonly knownModules = new Set<string>();
  /** Set once the worker has loaded Lua and listens. */
  ready = false;
  heapBytes = 0;

  constructor(wasm: WasmModule, private readonly pool: LuaWorkerPool) {
    const sab = new SharedArrayBuffer(8);
    this.ctl = new Int32Array(sab);
    const { port1, port2 } = new MessageChannel();
    this.replyPort = port1;
    const src = workerSource();
    this.worker = new Worker(src.file, {
      eval: src.eval,
      workerData: { wasm, ctl: sab, replyPort: port2 },
      transferList: [port2],
      stdout: false,
      stderr: false,
    });
    this.worker.unref();
    this.replyPort.unref();
    this.worker.on('message', (m) => this.onMessage(m));
    this.worker.on('online', () => {
      if (!this.running) this.worker.unref();
    });
    this.worker.on('error', (e) => this.onExit(`script worker failed: ${errorMessage(e)}`));
    this.worker.on('exit', (code) => this.onExit(`script worker exited (code ${code})`));
  }

  start(r: Running): void {
    this.running = r;
    this.worker.ref();
    Atomics.store(this.ctl, CTL_CANCEL, 0);
    const req = r.job.req;
    // The catalog description crosses once per worker; after that its key is enough.
    const known = this.knownModules.has(req.modulesKey);
    if (!known) this.knownModules.add(req.modulesKey);
    this.worker.postMessage({
      type: 'run',
      req: { ...req, id: r.id, modules: known ? undefined : req.modules, vars: encodeForThread(req.vars), ctx: encodeForThread(req.ctx) },
    });
  }

  cancel(): void {
    Atomics.store(this.ctl, CTL_CANCEL, 1);
  }

  private reply(s: Settled): void {
    this.replyPort.postMessage(encodeForThread(s));
    Atomics.store(this.ctl, CTL_REPLY, 1);
    Atomics.notify(this.ctl, CTL_REPLY);
  }

  private onMessage(m: { type: string; id?: number; fn?: number; args?: unknown; text?: string; outcome?: StageOutcome; heapBytes?: number; message?: string; recycle?: boolean }): void {
    const r = this.running;
    if (m.type === 'ready') {
      this.ready = true;
      // An unref() made before the worker was online does not stick: idle workers never keep the process alive.
      if (!this.running) this.worker.unref();
      return;
    }
    if (m.type === 'fatal') {
      this.onExit(`script worker could not start: ${m.message}`);
      return;
    }
    if (!r || m.id !== r.id) return;
    if (m.type === 'print') {
      try {
        r.job.print(m.text ?? '');
      } catch {
        // A failing print sink must not take the runtime down; the script has moved on.
      }
    } else if (m.type === 'call') {
      this.blocked = true;
      this.pool.pump();
      r.job.hostCall(m.fn ?? -1, decodeFromThread(m.args) as unknown[]).then(
        (s) => this.reply(s),
        (e) => this.reply({ ok: false, error: errorMessage(e) }),
      ).finally(() => {
        this.blocked = false;
      });
    } else if (m.type === 'done') {
      this.heapBytes = m.recycle ? Infinity : (m.heapBytes ?? 0);
      const outcome = m.outcome as StageOutcome;
      this.finish(outcome.ok ? { ok: true, value: decodeFromThread(outcome.value) } : outcome);
    }
  }

  private finish(result: JobResult): void {
    const r = this.running;
    if (!r) return;
    this.running = undefined;
    this.blocked = false;
    if (r.graceTimer) clearTimeout(r.graceTimer);
    r.offAbort?.();
    if (!this.dead) this.worker.unref();
    r.resolve(result);
    if (!this.dead && this.heapBytes > HEAP_RECYCLE_BYTES) this.terminate();
    this.pool.released(this);
  }

  private onExit(message: string): void {
    if (this.dead) return;
    this.dead = true;
    this.replyPort.close();
    this.finish({ ok: false, kind: 'terminated', message });
    this.pool.released(this);
  }

  terminate(): void {
    if (this.dead) return;
    const r = this.running;
    this.dead = true;
    this.replyPort.close();
    void this.worker.terminate();
    if (r) this.finish({ ok: false, kind: 'cancel', message: 'cancelled' });
    this.pool.released(this);
  }
}

export class LuaWorkerPool {
  private workers: ScriptWorker[] = [];
  private queue: Running[] = [];
  private nextId = 1;
  private wasm: WasmModule | undefined;

  constructor(private readonly sizeOf: () => number = luaWorkerCount) {}

  async run(job: StageJob): Promise<JobResult> {
    this.wasm ??= await compileLuaWasm();
    // Aborted while the wasm compiled: an abort listener added now would never fire.
    if (job.signal.aborted) return { ok: false, kind: 'cancel', message: 'cancelled' };
    return new Promise<JobResult>((resolve) => {
      const r: Running = { id: this.nextId++, job, resolve };
      r.offAbort = onAbort(job.signal, () => this.abort(r));
      this.queue.push(r);
      this.pump();
    });
  }

  private abort(r: Running): void {
    const qi = this.queue.indexOf(r);
    if (qi >= 0) {
      this.queue.splice(qi, 1);
      r.offAbort?.();
      r.resolve({ ok: false, kind: 'cancel', message: 'cancelled' });
      return;
    }
    const w = this.workers.find((x) => x.running === r);
    if (!w) return;
    w.cancel();
    // A worker still starting has run nothing yet: the stage ends Cancel now (the worker then
    // sees the flag at its first hook and its late answer is ignored).
    if (!w.ready) r.resolve({ ok: false, kind: 'cancel', message: 'cancelled' });
    r.graceTimer = setTimeout(() => {
      if (w.running === r) w.terminate();
    }, graceMs);
  }

  /** Start queued stages on free workers, spawning up to the size (blocked workers do not count). */
  pump(): void {
    while (this.queue.length > 0) {
      let w = this.workers.find((x) => !x.dead && !x.running);
      if (!w) {
        const active = this.workers.filter((x) => !x.dead && x.running && !x.blocked).length;
        if (active >= this.sizeOf() || !this.wasm) return;
        w = new ScriptWorker(this.wasm, this);
        this.workers.push(w);
      }
      const r = this.queue.shift() as Running;
      w.start(r);
    }
  }

  /** A worker finished or died: drop the dead, trim the idle past the size, start what waits. */
  released(w: ScriptWorker): void {
    this.workers = this.workers.filter((x) => !x.dead);
    const idle = this.workers.filter((x) => !x.running);
    if (!w.dead && !w.running && idle.length > this.sizeOf() && this.queue.length === 0) w.terminate();
    this.pump();
  }

  /** Start one worker ahead (a run is about to need it): its start overlaps the agent's loading. */
  prewarm(): void {
    if (this.workers.length > 0) return;
    void compileLuaWasm().then((wasm) => {
      this.wasm ??= wasm;
      if (this.workers.length === 0) this.workers.push(new ScriptWorker(this.wasm, this));
    }).catch(() => {
      // The first stage reports the problem.
    });
  }

  /** Terminate every worker (tests, shutdown). */
  async close(): Promise<void> {
    const ws = this.workers;
    this.workers = [];
    await Promise.all(ws.map((w) => w.worker.terminate()));
  }

  get size(): number {
    return this.workers.length;
  }
}

let shared: LuaWorkerPool | undefined;

export function luaPool(): LuaWorkerPool {
  shared ??= new LuaWorkerPool();
  return shared;
}
