/**
 * Shared pieces of the reliability batteries (issue 11): a seeded PRNG so every
 * run of `npm test` replays the same cases, the size multiplier of soak mode
 * (`AIP_SOAK=1` → 10×), a guard that turns a hang into a failing assertion, and
 * DB checks every battery makes (no task left Running).
 */
import assert from 'node:assert/strict';
import { TaskBmc } from '../../../src/runtime/model/task';
import type { Runtime } from '../../../src/runtime/runtime';
import type { Id } from '../../../src/runtime/model/types';

export const SOAK = process.env.AIP_SOAK === '1';
/** Battery size: `n` by default, 10× in soak mode. */
export const size = (n: number): number => (SOAK ? n * 10 : n);

/** mulberry32: small, fast, good enough to pick test cases reproducibly. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    bool: (p = 0.5) => next() < p,
  };
}
export type Rng = ReturnType<typeof rng>;

/**
 * Resolve `p`, or fail with `what` after `ms` (a hang becomes an assertion failure, not a stuck suite).
 * With `progress` (a counter that grows while the work advances, e.g. requests served), `ms` is the longest
 * stretch without progress instead of a total: a loaded machine makes a big run slower, not a hang.
 */
export async function guard<T>(p: Promise<T>, ms: number, what: string, progress?: () => number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    if (!progress) {
      timer = setTimeout(() => reject(new Error(`hang: ${what} did not settle within ${ms} ms`)), ms);
      return;
    }
    let last = progress();
    let lastChange = Date.now();
    const check = () => {
      const now = progress();
      if (now !== last) {
        last = now;
        lastChange = Date.now();
      } else if (Date.now() - lastChange > ms) {
        reject(new Error(`hang: ${what} made no progress for ${ms} ms (progress ${now})`));
        return;
      }
      timer = setTimeout(check, 250);
    };
    timer = setTimeout(check, 250);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Every task of the run has ended (RunningState is never Running or Waiting). */
export function assertNoTaskRunning(rt: Runtime, runId: Id, what = ''): void {
  for (const t of TaskBmc.listForRun(rt.mm, runId)) {
    const st = TaskBmc.runningState(t);
    assert.equal(st.kind, 'Ended', `${what} task #${t.idx} is ${st.kind}`);
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Every text cell of every table of the run DB, for leak scans. */
export function dbTextCells(rt: Runtime): { table: string; column: string; value: string }[] {
  const db = rt.mm.db;
  const out: { table: string; column: string; value: string }[] = [];
  const tables = db.all(`SELECT name FROM sqlite_master WHERE type = 'table'`) as { name: string }[];
  for (const { name } of tables) {
    for (const row of db.all(`SELECT * FROM "${name}"`) as Record<string, unknown>[]) {
      for (const [column, v] of Object.entries(row)) {
        if (typeof v === 'string') out.push({ table: name, column, value: v });
        else if (v instanceof Uint8Array) out.push({ table: name, column, value: Buffer.from(v).toString('utf8') });
      }
    }
  }
  return out;
}
