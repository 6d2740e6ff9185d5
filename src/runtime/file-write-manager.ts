/**
 * File write manager (§7.5): a per-canonical-path async lock, so writes from
 * concurrent tasks to one file (appends, CSV rows, saves) never interleave.
 * Entries leave the table when their last writer finishes, so unlike aipack's
 * swap-after-run the table never grows, and concurrent runs keep their locks.
 */
import fs from 'node:fs';
import path from 'node:path';

export class FileWriteManager {
  /** Tail of each path's queue: the promise the next writer waits for. */
  private readonly tails = new Map<string, Promise<void>>();
  private used = false;

  /** Run `fn` holding the write lock of `absPath`; writers to the same file run one after the other. */
  async withWriteLock<T>(absPath: string, fn: () => T | Promise<T>): Promise<T> {
    this.used = true;
    const key = canonicalKey(absPath);
    const tails = this.tails;
    const prev = tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = prev.then(() => mine);
    tails.set(key, tail);
    await prev;
    try {
      return await fn();
    } finally {
      release();
      // Last writer out removes the entry, so the map does not grow with every file ever written.
      if (tails.get(key) === tail) tails.delete(key);
    }
  }

  /** Number of paths with a writer holding or waiting for the lock. */
  get lockedPathCount(): number {
    return this.tails.size;
  }

  /**
   * End of a top-level run: reports whether locks were used since the last call.
   * Held locks are kept (another run may still be writing); idle ones are already gone.
   */
  swapIfUsed(): boolean {
    if (!this.used) return false;
    this.used = false;
    return true;
  }
}

/** Canonical path: the real path when it exists, else the real parent + name, else the resolved path. */
export function canonicalKey(absPath: string): string {
  const resolved = path.resolve(absPath);
  try {
    return fs.realpathSync.native(resolved);
  } catch {
    try {
      return path.join(fs.realpathSync.native(path.dirname(resolved)), path.basename(resolved));
    } catch {
      return resolved;
    }
  }
}
