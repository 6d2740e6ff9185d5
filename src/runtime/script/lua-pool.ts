/**
 * A pool of ready base Lua states (standard libraries + prelude, never used by a script),
 * refilled one state per `setImmediate` turn. Every stage still gets a state no script has
 * touched (§2.1); what moves is *when* it is built: while a run waits on the network, the
 * states its next Data and Output stages need are built in the idle loop instead of on the
 * critical path when the answers arrive (0.1–0.3 ms each, a wave of 32 answers is 64 of them).
 *
 * The pool sizes itself on demand (twice the takes of the last second, 4–128 states, ~120 KB
 * each), empties itself after 30 s without takes, and never keeps a process alive (its
 * timers are unref'd).
 */
const MIN_TARGET = 4;
const MAX_TARGET = 128;
const IDLE_DROP_MS = 30_000;

export class IdlePool<T> {
  private readonly ready: T[] = [];
  private refillScheduled = false;
  private windowStart = 0;
  private takesInWindow = 0;
  private takesLastWindow = 0;
  private lastTake = 0;
  private dropTimer: NodeJS.Timeout | undefined;

  constructor(private readonly build: () => T) {}

  /** A pooled item, or a new one when the pool is empty; schedules a refill. */
  take(): T {
    const now = performance.now();
    if (now - this.windowStart > 1000) {
      this.takesLastWindow = now - this.windowStart > 2000 ? 0 : this.takesInWindow;
      this.takesInWindow = 0;
      this.windowStart = now;
    }
    this.takesInWindow++;
    this.lastTake = now;
    const item = this.ready.pop() ?? this.build();
    this.scheduleRefill();
    return item;
  }

  get size(): number {
    return this.ready.length;
  }

  /** Drop every pooled item (tests; memory). */
  clear(): void {
    this.ready.length = 0;
  }

  private target(): number {
    return Math.min(MAX_TARGET, Math.max(MIN_TARGET, 2 * Math.max(this.takesInWindow, this.takesLastWindow)));
  }

  private scheduleRefill(): void {
    if (this.refillScheduled || this.ready.length >= this.target()) return;
    this.refillScheduled = true;
    setImmediate(() => this.refillOne()).unref();
  }

  private refillOne(): void {
    this.refillScheduled = false;
    if (this.ready.length < this.target()) {
      try {
        this.ready.push(this.build());
      } catch {
        // A build that fails here fails again, visibly, on the critical path.
        return;
      }
    }
    if (this.ready.length < this.target()) this.scheduleRefill();
    else this.scheduleDrop();
  }

  private scheduleDrop(): void {
    if (this.dropTimer) return;
    this.dropTimer = setTimeout(() => {
      this.dropTimer = undefined;
      if (performance.now() - this.lastTake >= IDLE_DROP_MS) this.clear();
      else this.scheduleDrop();
    }, IDLE_DROP_MS);
    this.dropTimer.unref();
  }
}
