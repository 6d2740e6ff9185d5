/**
 * Bounded task scheduling (§2.12): spawn a task, and whenever `limit` tasks are in
 * flight wait for one to finish before spawning the next; then drain. Results come
 * back sorted by index whatever the completion order.
 *
 * On the first failure no further task is spawned and the error is rethrown once the
 * in-flight ones settle, so their rows are closed before the run marks the rest Cancel.
 */
export interface PoolOptions {
  limit: number;
  /** Stops spawning when aborted (queued tasks are never started). */
  signal?: AbortSignal;
}

export async function runPool<T>(count: number, opts: PoolOptions, work: (idx: number) => Promise<T>): Promise<T[]> {
  const limit = Math.max(1, Math.floor(opts.limit) || 1);
  const results: T[] = new Array(count);
  const inFlight = new Set<Promise<void>>();
  let failure: { err: unknown } | undefined;

  for (let idx = 0; idx < count; idx++) {
    if (failure || opts.signal?.aborted) break;
    const p: Promise<void> = work(idx).then(
      (v) => {
        results[idx] = v;
      },
      (err) => {
        failure ??= { err };
      },
    );
    const tracked = p.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    if (inFlight.size >= limit) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  if (failure) throw failure.err;
  return results;
}
