/**
 * Cooperative yielding for the host's event loop. Work that resumes many tasks at once (a
 * burst of AI answers) runs as one long chain of microtasks; yielding a macrotask before
 * *every* task kept the loop responsive but queued each task's next request behind every
 * other task's work. Here a caller yields only when the loop has had no turn for `sliceMs`:
 * a marker `setImmediate` tells when the loop last got through a turn.
 */
let lastTurn = 0;
let markerPending = false;

function markTurn(): void {
  markerPending = false;
  lastTurn = performance.now();
}

/** Whether the loop has had no turn for `sliceMs` or more. */
function loopBusy(sliceMs: number): boolean {
  const now = performance.now();
  if (!markerPending) {
    // No turn marker in flight: this is the first call since the loop last turned.
    markerPending = true;
    lastTurn = now;
    setImmediate(markTurn);
    return false;
  }
  return now - lastTurn >= sliceMs;
}

/** A promise to await when the loop has been held for `sliceMs` or more; undefined otherwise. */
export function yieldIfBusy(sliceMs = 8): Promise<void> | undefined {
  return loopBusy(sliceMs) ? new Promise((resolve) => setImmediate(resolve)) : undefined;
}

/**
 * The gate Lua stages pass before their synchronous start (a fresh state, the first resume:
 * 0.2–1 ms each). A burst of AI answers arriving together would otherwise run every task's
 * Output stage in one poll phase and hold the loop for tens of milliseconds; behind the gate
 * each waiting stage starts in its own `setImmediate` turn, so timers and I/O run between
 * them. Nothing waits while the loop is not busy. `first` waiters (Data, Before All: a
 * network request follows them) go before `later` ones (Output, After All).
 */
const waiting: { first: (() => void)[]; later: (() => void)[] } = { first: [], later: [] };
let pumping = false;

function pump(): void {
  const next = waiting.first.shift() ?? waiting.later.shift();
  next?.();
  if (waiting.first.length > 0 || waiting.later.length > 0) setImmediate(pump);
  else pumping = false;
}

export function stageTurn(order: 'first' | 'later'): Promise<void> | undefined {
  if (!pumping && !loopBusy(8)) return undefined;
  const p = new Promise<void>((resolve) => waiting[order].push(resolve));
  if (!pumping) {
    pumping = true;
    setImmediate(pump);
  }
  return p;
}
