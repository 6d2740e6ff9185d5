/** A figure a benchmark reports: one line of `npm run bench`, one key of its JSON. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** Human-readable target, e.g. `< 2` or `>= 0.9`. */
  target: string;
}

/** Median of a list of numbers. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Time `fn` `n` times after `warmup` runs; returns each run's milliseconds. */
export async function timeRuns(n: number, fn: () => unknown, warmup = 3): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}
