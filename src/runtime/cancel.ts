/**
 * Cancellation (§7.4), per run. A `CancelTrx` is one run's token: an
 * AbortSignal for HTTP calls and child processes, a cheap `isCancelled()` for
 * the Lua hook, and children for sub-agent runs (cancelling a parent cancels
 * its children, never the reverse). `CancelBroadcast` is the runtime-wide
 * "cancel all" with aipack's generation rule: it reaches only the runs alive
 * when it is issued, so a cancel sent before a run started never affects it.
 */
import { setMaxListeners } from 'node:events';

export class CancelTrx {
  private readonly controller = new AbortController();
  private readonly children = new Set<CancelTrx>();
  private readonly callbacks = new Set<(reason: string) => void>();
  private released = false;
  /** Resolves once cancelled; used to race a run's pipeline. */
  readonly cancelled: Promise<string>;
  private resolveCancelled!: (reason: string) => void;

  constructor(
    private readonly parent?: CancelTrx,
    private readonly onRelease?: (trx: CancelTrx) => void,
    /** Generation of the broadcast this token was created under. */
    readonly generation = 0,
  ) {
    this.cancelled = new Promise((resolve) => (this.resolveCancelled = resolve));
    // Every in-flight HTTP call and child process of the run listens on this one signal;
    // with input_concurrency > 10 that is expected, not a leak.
    setMaxListeners(0, this.controller.signal);
    if (parent) {
      if (parent.isCancelled()) this.cancel(parent.reason);
      else parent.children.add(this);
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  isCancelled(): boolean {
    return this.controller.signal.aborted;
  }

  get reason(): string {
    return this.isCancelled() ? String(this.controller.signal.reason ?? 'cancelled') : '';
  }

  /**
   * Cancel this run and all its sub-agent runs. Idempotent. The fan-out walks the
   * tree with an explicit stack, not recursion: a chain thousands of sub-agents deep
   * must cancel, not overflow the call stack.
   */
  cancel(reason = 'cancelled'): void {
    const stack: CancelTrx[] = [this];
    for (let trx = stack.pop(); trx !== undefined; trx = stack.pop()) {
      if (!trx.cancelOne(reason)) continue;
      // Pushed in reverse so children are cancelled in the order they were added.
      const kids = [...trx.children];
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    }
  }

  /** Cancel this token alone (not its children); false when it already was. */
  private cancelOne(reason: string): boolean {
    if (this.isCancelled()) return false;
    this.controller.abort(reason);
    this.resolveCancelled(reason);
    for (const cb of [...this.callbacks]) {
      try {
        cb(reason);
      } catch {
        // A failing callback must not stop the others (or the cancel).
      }
    }
    this.callbacks.clear();
    return true;
  }

  /** Call `cb` on cancel (right away if already cancelled). Returns a disposer. */
  onCancel(cb: (reason: string) => void): () => void {
    if (this.isCancelled()) {
      cb(this.reason);
      return () => {};
    }
    this.callbacks.add(cb);
    return () => this.callbacks.delete(cb);
  }

  /** Token for a sub-agent run: cancelled with this one. */
  child(): CancelTrx {
    return new CancelTrx(this, undefined, this.generation);
  }

  /** Throw if cancelled, for await points in the pipeline. */
  throwIfCancelled(): void {
    if (this.isCancelled()) throw new CancelledError(this.reason);
  }

  /** The run is over: forget the links that keep this token reachable. */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.parent?.children.delete(this);
    this.callbacks.clear();
    this.onRelease?.(this);
  }
}

export class CancelledError extends Error {
  readonly cancelled = true;
  constructor(reason = 'cancelled') {
    super(reason);
    this.name = 'CancelledError';
  }
}

export class CancelBroadcast {
  private gen = 0;
  private readonly live = new Set<CancelTrx>();

  /** Current generation; bumped by every `cancelAll`. */
  get generation(): number {
    return this.gen;
  }

  /** A token for a new run (child of `parent` for sub-agent runs). */
  newTrx(parent?: CancelTrx): CancelTrx {
    const trx = new CancelTrx(parent, (t) => this.live.delete(t), this.gen);
    if (!trx.isCancelled()) this.live.add(trx);
    return trx;
  }

  /** Cancel every run alive now; runs started later are unaffected. */
  cancelAll(reason = 'cancelled'): void {
    const issuedAt = this.gen++;
    for (const trx of [...this.live]) if (trx.generation <= issuedAt) trx.cancel(reason);
  }

  get liveCount(): number {
    return this.live.size;
  }
}

/** The shape of VS Code's CancellationToken, without importing it. */
export interface CancellationTokenLike {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => unknown): { dispose(): unknown };
}

/** Cancel `trx` when `token` is cancelled. Dispose the result when the run ends. */
export function linkCancellationToken(token: CancellationTokenLike, trx: CancelTrx): { dispose(): void } {
  if (token.isCancellationRequested) {
    trx.cancel('cancelled by host');
    return { dispose() {} };
  }
  const sub = token.onCancellationRequested(() => trx.cancel('cancelled by host'));
  return {
    dispose() {
      sub.dispose();
    },
  };
}
