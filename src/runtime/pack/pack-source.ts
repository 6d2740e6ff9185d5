/**
 * What `aip install <src>` was given (§11.1): a repository pack `ns@name`, a local
 * `.aipack` path, an `http(s)://` archive link, or a git source with an optional
 * `#sub/dir` selector.
 *
 * Git sources: `git://…`, `git+ssh://…`, scp-style `user@host:path`, and (beyond aipack,
 * which would download those as an archive and then refuse them) any `http(s)://` or
 * `file://` URL whose path ends in `.git`. A path after `.git` is never guessed: a sub
 * directory is named with `#` only.
 */

export type PackSource =
  | { kind: 'repo'; namespace: string; name: string }
  | { kind: 'local'; path: string }
  | { kind: 'http'; url: string }
  | { kind: 'git'; repository: string; subPath?: string };

const IDENTITY_RGX = /^([a-zA-Z_][a-zA-Z0-9_-]*)@([a-zA-Z_][a-zA-Z0-9_-]*)$/;
const SCP_RGX = /^[^@/\s:]+@[^:/\s]+:[^#\s]+(?:#.*)?$/;

export function parsePackSource(src: string): PackSource {
  const s = src.trim();
  if (s === '') throw new Error('Nothing to install: give a pack (ns@name), a .aipack file, a URL or a git source.');
  const id = IDENTITY_RGX.exec(s);
  if (id) return { kind: 'repo', namespace: id[1], name: id[2] };
  if (SCP_RGX.test(s)) {
    // `user@host:path` is ssh; git understands the scp form as is.
    return gitSource(s);
  }
  if (/^(git|git\+ssh|ssh):\/\//.test(s)) return gitSource(s);
  if (/^(https?|file):\/\//i.test(s)) {
    const [repo] = splitSelector(s);
    let url: URL;
    try {
      url = new URL(repo);
    } catch {
      throw new Error(`'${s}' is not a valid URL.`);
    }
    if (/\.git\/?$/i.test(url.pathname)) return gitSource(s);
    if (/^file:/i.test(s)) return { kind: 'local', path: decodeURIComponent(url.pathname) };
    if (s.includes('#')) throw new Error(`'${s}': a '#sub/dir' selector only applies to git sources (a URL ending in .git).`);
    return { kind: 'http', url: s };
  }
  if (s.startsWith('-')) throw new Error(`'${s}' is not a pack source (looks like an option).`);
  return { kind: 'local', path: s };
}

function splitSelector(s: string): [string, string | undefined] {
  const i = s.indexOf('#');
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

function gitSource(s: string): PackSource {
  const [repository, selector] = splitSelector(s);
  if (repository === '') throw new Error(`Invalid git source '${s}': the repository URL is empty.`);
  // `git clone -- <repo>` keeps a repo from being read as an option; refuse the odd one anyway.
  if (repository.startsWith('-')) throw new Error(`Invalid git source '${s}'.`);
  return selector === undefined ? { kind: 'git', repository } : { kind: 'git', repository, subPath: normalizeSelector(selector) };
}

/** `#sub/dir`: relative, no `..`, `\` read as `/`, empty segments dropped. */
export function normalizeSelector(selector: string): string {
  if (selector.trim() === '') throw new Error(`Invalid git pack selector '${selector}': it cannot be empty.`);
  if (selector.startsWith('/') || selector.startsWith('\\') || /^[a-zA-Z]:[\\/]/.test(selector)) {
    throw new Error(`Invalid git pack selector '${selector}': it must be a path relative to the repository root.`);
  }
  const parts = selector.replace(/\\/g, '/').split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw new Error(`Invalid git pack selector '${selector}': '..' is not allowed.`);
  if (parts.length === 0) throw new Error(`Invalid git pack selector '${selector}': it cannot be empty.`);
  return parts.join('/');
}

/** How a source is named in messages. */
export function describePackSource(src: PackSource): string {
  switch (src.kind) {
    case 'repo':
      return `${src.namespace}@${src.name}`;
    case 'local':
      return `local file '${src.path}'`;
    case 'http':
      return `URL '${src.url}'`;
    case 'git':
      return `git source '${src.repository}${src.subPath ? `#${src.subPath}` : ''}'`;
  }
}
