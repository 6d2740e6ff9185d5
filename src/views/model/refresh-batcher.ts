/**
 * Coalesces a stream of change notices into at most one flush per interval:
 * keys are collected in a dirty set and delivered together when the timer
 * fires (250 ms → at most 4 flushes a second, however many events arrive).
 */

export interface TimerApi {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: TimerApi = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class RefreshBatcher<K> {
  private dirty = new Set<K>();
  private all = false;
  private timer: unknown;
  private disposed = false;
  /** How many flushes happened (for tests and diagnostics). */
  flushCount = 0;

  constructor(
    private readonly onFlush: (keys: ReadonlySet<K>, all: boolean) => void,
    readonly intervalMs = 250,
    private readonly timers: TimerApi = realTimers,
  ) {}

  mark(key: K): void {
    if (this.disposed) return;
    if (!this.all) this.dirty.add(key);
    this.schedule();
  }

  /** Everything changed: one full refresh replaces the collected keys. */
  markAll(): void {
    if (this.disposed) return;
    this.all = true;
    this.dirty.clear();
    this.schedule();
  }

  get pending(): boolean {
    return this.timer !== undefined;
  }

  /** Deliver now (e.g. an explicit Refresh); the interval restarts from the next mark. */
  flush(): void {
    if (this.timer !== undefined) {
      this.timers.clear(this.timer);
      this.timer = undefined;
    }
    if (!this.all && this.dirty.size === 0) return;
    const keys = this.dirty;
    const all = this.all;
    this.dirty = new Set();
    this.all = false;
    this.flushCount++;
    this.onFlush(keys, all);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
    this.dirty.clear();
  }

  private schedule(): void {
    if (this.timer !== undefined) return;
    this.timer = this.timers.set(() => {
      this.timer = undefined;
      this.flush();
    }, this.intervalMs);
  }
}
