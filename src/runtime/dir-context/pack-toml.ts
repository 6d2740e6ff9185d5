/**
 * `pack.toml` (§5.8): the `[pack]` identity and version, and the
 * `[installed]` provenance that `aip install` writes.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { tomlErrorReason } from '../agent/toml-reason';
import { validateNamespace, validatePackName } from './pack-ref';

export interface PackToml {
  namespace: string;
  name: string;
  version: string;
  /** Informational keys (license, homepage, repo, author, email) when present as strings. */
  info: Record<string, string>;
  installed?: { time?: string; source?: string; commit?: string };
}

const VERSION_RGX = /^(\d+)\.(\d+)\.(\d+)(?:-([a-zA-Z][\w-]*)(?:\.(\d+))?)?$/;
const INFO_KEYS = ['license', 'homepage', 'repo', 'author', 'email'];

export function parsePackToml(content: string, tomlPath: string): PackToml {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(content) as Record<string, unknown>;
  } catch (err) {
    const line = (err as { line?: unknown }).line;
    const at = typeof line === 'number' ? `${tomlPath}:${line}` : tomlPath;
    throw new Error(`Invalid TOML in ${at}: ${tomlErrorReason(err)}`);
  }
  const pack = doc.pack;
  if (pack === undefined || pack === null || typeof pack !== 'object' || Array.isArray(pack)) {
    throw new Error(`Missing [pack] section in ${tomlPath}`);
  }
  const p = pack as Record<string, unknown>;
  // Checked in the original's order: version, namespace, name.
  const version = nonEmptyString(p.version);
  if (version === undefined) throw new Error(`version field is missing or empty in '${tomlPath}'`);
  if (!VERSION_RGX.test(version)) {
    throw new Error(
      `Invalid version format in ${tomlPath}. Version must follow semver format (e.g., 1.0.0, 1.0.0-alpha.1)`,
    );
  }
  const namespace = nonEmptyString(p.namespace);
  if (namespace === undefined) throw new Error(`namespace field is missing or empty in '${tomlPath}'`);
  const name = nonEmptyString(p.name);
  if (name === undefined) throw new Error(`name field is missing or empty in '${tomlPath}'`);
  validateNamespace(namespace);
  validatePackName(name);

  const info: Record<string, string> = {};
  for (const k of INFO_KEYS) if (typeof p[k] === 'string') info[k] = p[k] as string;

  const out: PackToml = { namespace, name, version, info };
  const inst = doc.installed;
  if (inst && typeof inst === 'object' && !Array.isArray(inst)) {
    const i = inst as Record<string, unknown>;
    out.installed = {};
    for (const k of ['time', 'source', 'commit'] as const) {
      const v = i[k];
      // TOML may hold `time` as a date value; keep its text form.
      if (v !== undefined && v !== null) out.installed[k] = typeof v === 'string' ? v : String(v);
    }
  }
  return out;
}

/** Reads `<packDir>/pack.toml`. */
export async function readPackToml(packDir: string): Promise<PackToml> {
  const tomlPath = path.join(packDir, 'pack.toml');
  let content: string;
  try {
    content = await fs.readFile(tomlPath, 'utf8');
  } catch {
    throw new Error(`pack.toml file is missing at '${tomlPath}'`);
  }
  return parsePackToml(content, tomlPath);
}

function nonEmptyString(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}
