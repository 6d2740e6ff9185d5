import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DirContext, type DirContextOptions } from '../../../src/runtime/dir-context/dir-context';
import { tempDir } from '../../support/temp-dir';

export const FIXTURES = path.resolve(__dirname, '../../fixtures');
export const SANDBOX = path.join(FIXTURES, 'workspaces/sandbox-01');
export const SANDBOX_AIPACK = path.join(SANDBOX, '.aipack');
export const BASE = path.join(FIXTURES, 'packs/base-01');

export function tmpDir(prefix = 'aip-dirctx-'): string {
  return tempDir(prefix);
}

/** Sandbox workspace + fixture base dir, a throw-away home, a fixed session. */
export function sandboxCtx(extra: Partial<DirContextOptions> = {}): DirContext {
  return DirContext.fromOptions({
    cwd: path.join(SANDBOX, 'sub-dir'),
    homeDir: tmpDir('aip-home-'),
    baseDir: BASE,
    workspaceDir: SANDBOX,
    sessionUid: 'sess-1',
    ...extra,
  });
}
