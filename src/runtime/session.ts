/**
 * Session (§7.1): one uid v7 per process/runtime, used for `CTX.SESSION_UID`,
 * the `$tmp` dir and the prompt-cache key.
 */
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';

export const SESSION_DIR_NAME = '.session';

export class Session {
  readonly uid: string;

  constructor(uid: string = uuidv7()) {
    this.uid = uid;
  }

  /** `<aipackDir>/.session/<uid>/tmp` (not created here). */
  tmpDir(aipackWksDir: string): string {
    return path.join(aipackWksDir, SESSION_DIR_NAME, this.uid, 'tmp');
  }

  toString(): string {
    return this.uid;
  }
}
