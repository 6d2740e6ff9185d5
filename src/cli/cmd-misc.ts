/** `aip init [dir]`, `aip init-base`, `aip list [ref]`, `aip check-keys` (§11.1). */
import * as path from 'node:path';
import { checkKeys } from '../runtime/ai/credentials';
import { DirContext } from '../runtime/dir-context/dir-context';
import { listAgents } from '../runtime/dir-context/find-agent';
import { initBase } from '../runtime/init/init-base';
import { initWorkspace } from '../runtime/init/init-workspace';
import { CliHost } from './host';
import { ensureBase, homeAndBase, type CliIo } from './io';

function say(io: CliIo, text: string): void {
  io.stdout.write(`${text}\n`);
}

export async function cmdInit(dir: string | undefined, io: CliIo): Promise<number> {
  const target = path.resolve(io.cwd, dir ?? '.');
  const created = await initWorkspace(target, { log: (m) => say(io, m) });
  const base = await ensureBase(io);
  say(io, created.length > 0 ? `Workspace initialised: ${path.join(target, '.aipack')}` : `Workspace already set up: ${path.join(target, '.aipack')}`);
  say(io, `Base dir: ${base.baseDir}`);
  return 0;
}

export async function cmdInitBase(io: CliIo): Promise<number> {
  const { baseDir } = homeAndBase(io);
  const written = await initBase(baseDir, { force: true });
  say(io, `Base dir refreshed: ${baseDir} (${written.length} file${written.length === 1 ? '' : 's'} written)`);
  return 0;
}

export async function cmdList(ref: string | undefined, io: CliIo): Promise<number> {
  const { homeDir, baseDir } = await ensureBase(io);
  const ctx = DirContext.fromOptions({ cwd: io.cwd, homeDir, baseDir, workspaceDiscovery: 'nearest-or-cwd' });
  const agents = await listAgents(ctx, ref);
  if (agents.length === 0) {
    say(io, ref ? `No packs match '${ref}'.` : 'No packs found.');
    return 0;
  }
  const width = Math.max(...agents.map((a) => a.ref.length));
  for (const a of agents) say(io, `${a.ref.padEnd(width)}  ${ctx.toDisplayPath(a.filePath)}  (${a.repoKind})`);
  return 0;
}

export async function cmdCheckKeys(io: CliIo): Promise<number> {
  const keys = await checkKeys(new CliHost(io.env));
  const width = Math.max(...keys.map((k) => k.envName.length));
  for (const k of keys) say(io, `${k.present ? '✓' : '✗'} ${k.envName.padEnd(width)}  ${k.present ? 'set' : 'not set'}  (${k.provider})`);
  const n = keys.filter((k) => k.present).length;
  say(io, `${n} of ${keys.length} provider keys set.`);
  return 0;
}
