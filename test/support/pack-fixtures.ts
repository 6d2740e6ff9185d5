/**
 * Helpers for pack lifecycle tests: a temp root, pack folders written from a file map,
 * zips built by hand (for the bad-archive cases), a local pack repository over HTTP on
 * 127.0.0.1 and local git repositories reached through file:// URLs.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { zipSync, type Zippable } from 'fflate';

export function tempRoot(prefix: string): { dir: string; cleanup(): void } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function writeTree(root: string, files: Record<string, string>): string {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
  return root;
}

export function packToml(namespace: string, name: string, version: string, extra = ''): string {
  return `# a test pack\n[pack]\nnamespace = "${namespace}"\nname = "${name}"\nversion = "${version}"\n${extra}`;
}

/** Files of a small pack with one agent that returns a marker string. */
export function packFiles(namespace: string, name: string, version: string): Record<string, string> {
  return {
    'pack.toml': packToml(namespace, name, version),
    'main.aip': `# After All\n\`\`\`lua\nreturn "${namespace}@${name} ${version} ran"\n\`\`\`\n`,
    'lua/util.lua': 'return { v = 1 }\n',
  };
}

/** A zip written from raw entries (names are not checked: that is the point). */
export function writeZip(file: string, entries: Zippable): string {
  fs.writeFileSync(file, zipSync(entries));
  return file;
}

const enc = (s: string) => new TextEncoder().encode(s);
export { enc };

/** Serves `files` (url path → body) on 127.0.0.1, port chosen by the OS; 404 otherwise. */
export async function staticServer(files: Map<string, Buffer | string>): Promise<{ url: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    const p = (req.url ?? '/').split('?')[0];
    hits.push(p);
    const body = files.get(p);
    if (body === undefined) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A pack repository layout (§11.1) for one pack: latest.toml + the archive under stable/. */
export function repoFiles(namespace: string, name: string, version: string, archive: Buffer): Map<string, Buffer | string> {
  const dir = `/pack/${namespace}/${name}/stable`;
  const rel = `${namespace}@${name}-v${version}.aipack`;
  return new Map<string, Buffer | string>([
    [`${dir}/latest.toml`, `[latest_stable]\nversion = "${version}"\nrel_path = "${rel}"\n`],
    [`${dir}/${rel}`, archive],
  ]);
}

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' },
  });
}

/** A bare repository `<root>/<name>.git` holding `files` in one commit; returns its file:// URL and the commit. */
export function gitRepo(root: string, name: string, files: Record<string, string>): { url: string; commit: string } {
  const work = path.join(root, `${name}-work`);
  fs.mkdirSync(work, { recursive: true });
  writeTree(work, files);
  git(work, ['init', '-q', '-b', 'main']);
  git(work, ['add', '-A']);
  git(work, ['commit', '-q', '-m', 'packs']);
  const commit = git(work, ['rev-parse', 'HEAD']).trim();
  const bare = path.join(root, `${name}.git`);
  git(root, ['clone', '-q', '--bare', work, bare]);
  return { url: `file://${bare}`, commit };
}

/** A trash that moves into `<root>/trash/<n>` and records what it got. */
export function testTrash(root: string): { trash(p: string): Promise<void>; got: string[] } {
  const got: string[] = [];
  return {
    got,
    async trash(p: string) {
      const dest = path.join(root, 'trash', String(got.length));
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.renameSync(p, dest);
      got.push(p);
    },
  };
}
