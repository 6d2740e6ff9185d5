/**
 * UUID v7 for row uids (RFC 9562): 48-bit Unix milliseconds, then a 32-bit
 * counter (seeded at random each new millisecond, so uids created in one
 * millisecond still sort in creation order), then random bits. A dozen rows
 * get a uid per task: random bytes come from a 4 KB pool refilled in one call
 * instead of a crypto call per uid, and the uid is built straight into the
 * 16 bytes the `uid` columns store.
 */
import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
let pool = new Uint8Array(POOL_BYTES);
let poolAt = POOL_BYTES;

let lastMs = -1;
let seq = 0;

function random(n: number): number {
  if (poolAt + n > POOL_BYTES) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const at = poolAt;
  poolAt += n;
  return at;
}

/** A fresh UUID v7 as 16 bytes. */
export function uidV7Bytes(): Uint8Array {
  let ms = Date.now();
  const r = random(10);
  if (ms > lastMs) {
    // 31 random bits: the top bit stays clear so increments within the millisecond have room.
    seq = ((pool[r] << 23) | (pool[r + 1] << 15) | (pool[r + 2] << 7) | (pool[r + 3] >>> 1)) >>> 0;
    lastMs = ms;
  } else {
    // Same millisecond (or the clock went back): keep counting from the last uid.
    seq = (seq + 1) >>> 0;
    if (seq === 0) lastMs++;
    ms = lastMs;
  }
  const b = new Uint8Array(16);
  // 48-bit big-endian milliseconds (above 2^32, so split the division).
  const hi = Math.floor(ms / 0x10000);
  b[0] = (hi >>> 24) & 0xff;
  b[1] = (hi >>> 16) & 0xff;
  b[2] = (hi >>> 8) & 0xff;
  b[3] = hi & 0xff;
  b[4] = (ms >>> 8) & 0xff;
  b[5] = ms & 0xff;
  b[6] = 0x70 | ((seq >>> 28) & 0x0f);
  b[7] = (seq >>> 20) & 0xff;
  b[8] = 0x80 | ((seq >>> 14) & 0x3f);
  b[9] = (seq >>> 6) & 0xff;
  b[10] = ((seq << 2) & 0xff) | (pool[r + 4] & 0x03);
  b[11] = pool[r + 5];
  b[12] = pool[r + 6];
  b[13] = pool[r + 7];
  b[14] = pool[r + 8];
  b[15] = pool[r + 9];
  return b;
}

/** Reset the pool (tests: prove a refill keeps uids valid). */
export function resetUidPoolForTest(): void {
  pool = new Uint8Array(POOL_BYTES);
  poolAt = POOL_BYTES;
}
