/**
 * Cleaning what a killed process (kill -9, a crash, a power cut) leaves behind, without
 * ever touching a live process's files:
 * - session dirs `<wks>/.aipack/.session/<uid>/`: each records its owner (pid, host) in
 *   `owner.json` when its runtime first runs an agent; a dir whose owner is gone is removed.
 * - `*.aip-tmp` files of atomic writes: each is noted, before it is created, in a journal
 *   of the writing process (`<os tmp>/aipack-tmp-journal/<pid>.log`); the journal of a
 *   process that is gone names exactly the temp files to remove, so no workspace walk.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import path from 'node:path';
import { SESSION_DIR_NAME } from './session';

export const SESSION_OWNER_FILE = 'owner.json';
export const TEMP_SUFFIX = '.aip-tmp';

/** A session dir without an owner file (older versions) is only removed once untouched this long. */
export const UNOWNED_SESSION_MAX_AGE_MS = 7 * 24 * 3600_000;

interface SessionOwner {
  pid: number;
  host: string;
  started: string;
}

/** True unless the process certainly does not exist (EPERM: it exists, owned by someone else). */
export function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** Write `owner.json` into this runtime's session dir (created if needed). */
export function claimSession(aipackWksDir: string, sessionUid: string, pid = process.pid): void {
  const dir = path.join(aipackWksDir, SESSION_DIR_NAME, sessionUid);
  fs.mkdirSync(dir, { recursive: true });
  const owner: SessionOwner = { pid, host: os.hostname(), started: new Date().toISOString() };
  fs.writeFileSync(path.join(dir, SESSION_OWNER_FILE), JSON.stringify(owner) + '\n');
}

/**
 * Remove the session dirs of processes that are gone. Kept: our own, any whose owner
 * runs (or runs on another host, which cannot be checked), any unreadable owner file,
 * and unowned dirs touched within UNOWNED_SESSION_MAX_AGE_MS. Returns the removed uids.
 */
export function cleanStaleSessions(aipackWksDir: string, ownUid: string, now = Date.now()): string[] {
  const root = path.join(aipackWksDir, SESSION_DIR_NAME);
  let names: string[];
  try {
    names = fs.readdirSync(root);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const uid of names) {
    if (uid === ownUid) continue;
    const dir = path.join(root, uid);
    try {
      const st = fs.lstatSync(dir);
      if (!st.isDirectory()) continue;
      let stale: boolean;
      const ownerPath = path.join(dir, SESSION_OWNER_FILE);
      if (fs.existsSync(ownerPath)) {
        const owner = JSON.parse(fs.readFileSync(ownerPath, 'utf8')) as Partial<SessionOwner>;
        stale = owner.host === os.hostname() && typeof owner.pid === 'number' && !processAlive(owner.pid);
      } else {
        stale = now - st.mtimeMs > UNOWNED_SESSION_MAX_AGE_MS;
      }
      if (!stale) continue;
      fs.rmSync(dir, { recursive: true, force: true });
      removed.push(uid);
    } catch {
      // A dir we cannot judge is left alone.
    }
  }
  return removed;
}

// -- Temp-file journal

let journalDir = path.join(os.tmpdir(), 'aipack-tmp-journal');
let inFlight = 0;

/** Tests point the journal elsewhere. */
export function setTempJournalDir(dir: string): void {
  journalDir = dir;
}

function journalOf(pid: number): string {
  return path.join(journalDir, `${pid}.log`);
}

/**
 * Note `tmpPath` before creating it. Synchronous on purpose: the line must be on disk
 * before the temp file can exist, or a kill in between would leave an unlisted temp.
 * A journal that cannot be written does not stop the write.
 */
export function noteTempFile(tmpPath: string): void {
  inFlight++;
  // Another process may remove the (empty) journal dir between our mkdir and append: try again.
  for (let i = 0; i < 3; i++) {
    try {
      fs.mkdirSync(journalDir, { recursive: true });
      fs.appendFileSync(journalOf(process.pid), tmpPath + '\n');
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') return; // best effort: at worst one leftover after a crash
    }
  }
}

/** The temp file was renamed or removed; with none in flight the journal is removed (it never grows, nothing is left). */
export function tempFileDone(): void {
  inFlight = Math.max(0, inFlight - 1);
  if (inFlight > 0) return;
  try {
    fs.unlinkSync(journalOf(process.pid));
  } catch {
    // Nothing journaled yet, or not writable: nothing to forget.
  }
  removeJournalDirIfEmpty();
}

/** Leave nothing in the temp folder when no process has a write in flight. */
function removeJournalDirIfEmpty(): void {
  try {
    fs.rmdirSync(journalDir);
  } catch {
    // Not empty (another process is writing) or already gone.
  }
}

/** Remove the temp files listed by journals of processes that are gone, then those journals. */
export function cleanStaleTemps(): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(journalDir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = /^(\d+)\.log$/.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || processAlive(pid)) continue;
    const journal = path.join(journalDir, name);
    try {
      for (const line of fs.readFileSync(journal, 'utf8').split('\n')) {
        // Only our own temp names, and only regular files: a journal line is never trusted further.
        if (!path.isAbsolute(line) || !line.endsWith(TEMP_SUFFIX)) continue;
        try {
          if (!fs.lstatSync(line).isFile()) continue;
          fs.unlinkSync(line);
          removed.push(line);
        } catch {
          // Already renamed into place or removed.
        }
      }
      fs.unlinkSync(journal);
    } catch {
      // Left for the next start.
    }
  }
  if (inFlight === 0) removeJournalDirIfEmpty();
  return removed;
}
