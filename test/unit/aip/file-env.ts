/**
 * Test workspace for `aip.file` / `aip.path`: temp dirs laid out like a real setup
 * (home, `~/.aipack-base`, a workspace under home), a fake ScriptEnv with a minimal
 * §5.7 resolver (tests only), a per-path lock table, and a Host whose trash moves files
 * into a temp trash dir.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import type { CallContext, CatalogEntry, ModuleCatalog, ScriptEnv } from '../../../src/runtime/script/catalog';
import type { Host } from '../../../src/runtime/host';

export interface TestWorkspace {
  root: string;
  home: string;
  /** Workspace dir (under home, so paths display as `~/…`); undefined with `noWorkspace`. */
  wks: string;
  baseDir: string;
  trashDir: string;
  env: ScriptEnv;
  host: Host;
  logs: string[];
  trashed: string[];
  /** Max number of lock holders seen at once per path (to check serialization). */
  lockPeak: Map<string, number>;
  call(fnName: string): CallContext;
  /** Write a file under the workspace (or an absolute path); returns its absolute path. */
  write(rel: string, content: string | Uint8Array): string;
  cleanup(): void;
}

function resolveTest(ws: { home: string; wks?: string; baseDir: string; tmpDir?: string }, path: string, base?: string): string {
  const p = path.replace(/\\/g, '/');
  if (p === '~') return ws.home;
  if (p.startsWith('~/')) return posix.normalize(join(ws.home, p.slice(2)));
  if (p === '$tmp' || p.startsWith('$tmp/')) {
    if (!ws.tmpDir) throw new Error(`Cannot resolve '${p}': no workspace`);
    return posix.normalize(join(ws.tmpDir, p.slice(4)));
  }
  if (p.startsWith('/')) return posix.normalize(p);
  if (p.includes('@') && !p.startsWith('.')) {
    const m = /^([A-Za-z_][\w-]*)@([A-Za-z_][\w-]*)(\$base|\$workspace)?(?:\/(.*))?$/.exec(p);
    if (!m) throw new Error(`Invalid pack reference '${p}'`);
    const [, ns, name, scope, sub] = m;
    let dir: string;
    if (scope === '$base') dir = join(ws.baseDir, 'support/pack', ns, name);
    else if (scope === '$workspace') {
      if (!ws.wks) throw new Error('no workspace');
      dir = join(ws.wks, '.aipack/support/pack', ns, name);
    } else dir = join(ws.baseDir, 'pack/installed', ns, name);
    return posix.normalize(sub ? join(dir, sub) : dir);
  }
  const root = base ?? ws.wks;
  if (!root) throw new Error(`Cannot resolve relative path '${p}' without a workspace`);
  return posix.normalize(join(root, p));
}

export function makeWorkspace(opts: { noWorkspace?: boolean } = {}): TestWorkspace {
  const root = mkdtempSync(join(tmpdir(), 'aip-file-'));
  const home = join(root, 'home');
  const wksDir = join(home, 'proj');
  const baseDir = join(home, '.aipack-base');
  const trashDir = join(root, 'trash');
  const tmpDir = opts.noWorkspace ? undefined : join(wksDir, '.aipack/.session/s1/tmp');
  for (const d of [home, baseDir, trashDir, wksDir]) mkdirSync(d, { recursive: true });
  if (!opts.noWorkspace) mkdirSync(join(wksDir, '.aipack'), { recursive: true });

  const logs: string[] = [];
  const trashed: string[] = [];
  const lockPeak = new Map<string, number>();
  const lockTails = new Map<string, Promise<unknown>>();
  const holders = new Map<string, number>();
  const wks = opts.noWorkspace ? undefined : wksDir;

  const env: ScriptEnv = {
    workspaceDir: wks,
    baseDir,
    homeDir: home,
    tmpDir,
    resolvePath: (path, base) => resolveTest({ home, wks, baseDir, tmpDir }, path, base),
    withWriteLock<T>(absPath: string, fn: () => Promise<T>): Promise<T> {
      const prev = lockTails.get(absPath) ?? Promise.resolve();
      const run = prev.then(async () => {
        const n = (holders.get(absPath) ?? 0) + 1;
        holders.set(absPath, n);
        lockPeak.set(absPath, Math.max(lockPeak.get(absPath) ?? 0, n));
        try {
          return await fn();
        } finally {
          holders.set(absPath, (holders.get(absPath) ?? 1) - 1);
        }
      });
      lockTails.set(absPath, run.catch(() => undefined));
      return run;
    },
    log: (m) => logs.push(m),
  };

  let trashCount = 0;
  const host: Host = {
    getSecret: async () => undefined,
    openFile: async () => undefined,
    trash: async (absPath) => {
      trashed.push(absPath);
      renameSync(absPath, join(trashDir, `${++trashCount}-${posix.basename(absPath)}`));
    },
    nowMicros: () => Date.now() * 1000,
  };

  return {
    root,
    home,
    wks: wksDir,
    baseDir,
    trashDir,
    env,
    host,
    logs,
    trashed,
    lockPeak,
    call: (fnName) => ({ fnName, host, signal: new AbortController().signal, env }),
    write(rel, content) {
      const abs = rel.startsWith('/') ? rel : join(wksDir, rel);
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, content);
      return abs;
    },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** A callable for `aip.<module>.<name>` bound to the workspace's CallContext. */
export function fnOf(catalog: ModuleCatalog, name: string, ws: TestWorkspace): (...args: unknown[]) => Promise<unknown> {
  const entry: CatalogEntry | undefined = catalog.entries.find((e) => e.name === name);
  if (!entry) throw new Error(`no ${catalog.module}.${name}`);
  const call = ws.call(`aip.${catalog.module}.${name}`);
  return async (...args: unknown[]) => entry.impl(call, ...args);
}

/** Run Lua `code` with `aip.file` and `aip.path` registered against the workspace. */
export async function luaIn(ws: TestWorkspace, code: string): Promise<unknown> {
  const { evalLua } = await import('../../../src/runtime/script/lua-engine');
  const { fileCatalog } = await import('../../../src/runtime/script/aip/file');
  const { pathCatalog } = await import('../../../src/runtime/script/aip/path');
  return evalLua(code, { catalogs: [fileCatalog, pathCatalog], call: { host: ws.host, env: ws.env } });
}
