/**
 * The `[installed]` table `aip install` writes into the installed `pack.toml` (§5.8): when,
 * from where, and for git the commit. The rest of the file is kept byte for byte (comments
 * included); only an earlier `[installed]` table is replaced, keeping its other keys.
 */
import * as fs from 'node:fs/promises';
import { parse as parseToml, stringify as stringifyToml } from 'smol-toml';

export interface Provenance {
  time: string;
  source: string;
  commit?: string;
}

/** Local time with its offset, to the second: `2026-12-08T01:02:03+01:00`. */
export function localRfc3339(d: Date = new Date()): string {
  const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` +
    `${sign}${pad(Math.trunc(off / 60))}:${pad(off % 60)}`
  );
}

export function withProvenance(content: string, p: Provenance): string {
  const doc = parseToml(content) as Record<string, unknown>;
  const old = doc.installed;
  const kept: Record<string, unknown> = old && typeof old === 'object' && !Array.isArray(old) ? { ...(old as Record<string, unknown>) } : {};
  delete kept.time;
  delete kept.source;
  delete kept.commit;
  const table: Record<string, unknown> = { ...kept, time: p.time, source: p.source };
  if (p.commit !== undefined) table.commit = p.commit;
  const body = removeTable(content, 'installed').replace(/\s*$/, '');
  return `${body}\n\n${stringifyToml({ installed: table }).trim()}\n`;
}

/** Drops the `[name]` table (header to the next table header) from TOML text. */
function removeTable(content: string, name: string): string {
  const lines = content.split(/\r?\n/);
  const out: string[] = [];
  let skipping = false;
  for (const line of lines) {
    const header = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$/.exec(line);
    if (header) skipping = header[1] === name || header[1].startsWith(`${name}.`);
    if (!skipping) out.push(line);
  }
  return out.join('\n');
}

export async function writeProvenance(packTomlPath: string, p: Provenance): Promise<void> {
  const content = await fs.readFile(packTomlPath, 'utf8');
  await fs.writeFile(packTomlPath, withProvenance(content, p));
}
