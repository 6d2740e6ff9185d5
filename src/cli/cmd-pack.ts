/** `aip pack`, `aip install`, `aip unpack`, `aip create-gitignore` (§11.1): parse, call the pack module, print. */
import * as path from 'node:path';
import { DirContext } from '../runtime/dir-context/dir-context';
import {
  type InstallResult,
  createGitignore,
  installPack,
  packDir,
  packRepoUrl,
  unpackPack,
} from '../runtime/pack';
import { moveToTrash } from './host';
import { ensureBase, type CliIo } from './io';

/** Replaced installs and unpacked copies go to the freedesktop trash, recoverable (§11). */
function trashWith(io: CliIo): (p: string) => Promise<void> {
  return async (p) => {
    await moveToTrash(p, io.env);
  };
}

function say(io: CliIo, text: string): void {
  io.stdout.write(`${text}\n`);
}

const row = (label: string, value: string) => `${label.padStart(14)} ${value}`;

export async function cmdPack(dir: string, outDir: string | undefined, io: CliIo): Promise<number> {
  const res = await packDir(path.resolve(io.cwd, dir), path.resolve(io.cwd, outDir ?? '.'));
  say(io, `Packed ${res.toml.namespace}@${res.toml.name} ${res.toml.version} (${res.files.length} file${res.files.length === 1 ? '' : 's'}) into '${res.file}'`);
  return 0;
}

/** The install as the CLI runs it; `aip run` reuses it for a missing pack. */
export async function installFromCli(source: string, force: boolean, io: CliIo): Promise<InstallResult> {
  const { baseDir } = await ensureBase(io);
  return installPack(
    source,
    {
      baseDir,
      cwd: io.cwd,
      repoUrl: packRepoUrl(io.env),
      trash: trashWith(io),
      log: (m) => say(io, m),
    },
    { force },
  );
}

export function printInstall(io: CliIo, source: string, res: InstallResult): void {
  const ref = `${res.namespace}@${res.name}`;
  if (res.status === 'up-to-date') {
    say(io, `\n==== ${ref} ${res.version} is already installed (up to date)\n`);
    say(io, row('Installed at:', res.dir));
    say(io, '\nNothing changed. Use --force to install it again.');
    return;
  }
  say(io, `\n==== Installed ${ref}\n`);
  say(io, row('From:', source));
  if (res.archiveBytes !== undefined) say(io, row('.aipack size:', formatBytes(res.archiveBytes)));
  say(io, row('Version:', res.previousVersion && res.previousVersion !== res.version ? `${res.version} (was ${res.previousVersion})` : res.version));
  if (res.commit) say(io, row('Commit:', res.commit));
  say(io, row('Installed at:', res.dir));
  say(io, `\nRun it with: aip run ${ref}`);
}

export async function cmdInstall(source: string, force: boolean, io: CliIo): Promise<number> {
  const res = await installFromCli(source, force, io);
  printInstall(io, source, res);
  return 0;
}

export async function cmdUnpack(ref: string, force: boolean, io: CliIo): Promise<number> {
  const { homeDir, baseDir } = await ensureBase(io);
  const ctx = DirContext.fromOptions({ cwd: io.cwd, homeDir, baseDir, workspaceDiscovery: 'nearest' });
  const res = await unpackPack(
    ref,
    {
      baseDir,
      aipackWksDir: ctx.aipackWksDir,
      repoUrl: packRepoUrl(io.env),
      trash: trashWith(io),
    },
    { force },
  );
  say(io, `\n==== Unpacked ${res.namespace}@${res.name}${res.version ? ` ${res.version}` : ''}\n`);
  say(io, row('From:', res.from === 'installed' ? 'the installed copy' : 'the pack repository'));
  say(io, row('Unpacked to:', res.dest));
  say(io, '\nThis workspace now runs this copy: workspace custom packs come before installed ones.');
  return 0;
}

export async function cmdCreateGitignore(force: boolean, io: CliIo): Promise<number> {
  const { outcome, file } = await createGitignore(io.cwd, { force });
  if (outcome === 'kept') say(io, `'${file}' already exists; left as is (use --force to overwrite it).`);
  else say(io, outcome === 'created' ? `Created '${file}'.` : `Overwrote '${file}' (--force).`);
  return 0;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
