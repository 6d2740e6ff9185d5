/**
 * `aip.md.extract_meta` (§8.8): fenced `toml` / `json` / `yaml` (`yml`) blocks whose first
 * line starts with `#!meta` (or `//!meta`) are parsed and shallow-merged; the rest of the
 * text comes back without them. Ported line by line from aipack's meta lexer, which treats
 * every line starting with three backticks as a fence toggle.
 */
import { parse as parseToml, TomlDate } from 'smol-toml';
import { LuaFloat } from '../catalog';
import { errorMessage } from '../../errors';
import { parseJsonLenient } from './json-value';
import { rustLines, trim } from './md-support';
import { parseYamlDocs } from './yaml';

interface MetaBlock {
  lang?: string;
  lines: string[];
}

function isMetaLang(lang: string): boolean {
  return lang === 'toml' || lang === 'json' || lang === 'yaml' || lang === 'yml';
}

type Action = 'initial' | 'start' | 'close' | 'content' | 'meta';

function splitMeta(content: string): { metas: MetaBlock[]; rest: string } {
  const out: string[] = [];
  const metas: MetaBlock[] = [];
  let current: MetaBlock | undefined;
  let inBlock = false;
  let candidate = false;
  let firstBlockLine = false;
  let action: Action = 'initial';
  let prev: string | undefined;

  for (const line of rustLines(content)) {
    if (line.startsWith('```')) {
      firstBlockLine = false;
      if (inBlock) {
        inBlock = false;
        candidate = false;
        action = 'close';
      } else {
        inBlock = true;
        firstBlockLine = true;
        candidate = isMetaLang(trim(line.slice(3)));
        action = 'start';
      }
    } else if (inBlock) {
      if (candidate) {
        if (firstBlockLine) {
          const t = trim(line);
          if (t.startsWith('#!meta') || t.startsWith('//!meta')) {
            firstBlockLine = false;
            action = 'meta';
          } else action = 'content';
        }
        // otherwise: same action as the previous line
      } else action = 'content';
    } else action = 'content';

    switch (action) {
      case 'close':
        if (current) {
          metas.push(current);
          current = undefined;
        } else out.push(line);
        break;
      case 'content':
        // The first line of a non-meta block: the opening fence was held back, emit it now.
        if (firstBlockLine && prev !== undefined) {
          out.push(prev);
          firstBlockLine = false;
        }
        out.push(line);
        break;
      case 'meta':
        if (current) current.lines.push(line);
        else current = { lang: prev?.startsWith('```') ? trim(prev.slice(3)) : undefined, lines: [] };
        break;
      default:
        break;
    }
    prev = line;
  }
  return { metas, rest: out.join('\n') };
}

function fromToml(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return !Number.isFinite(v) ? null : Number.isInteger(v) ? new LuaFloat(v) : v;
  if (v instanceof TomlDate) return v.toISOString();
  if (Array.isArray(v)) return v.map(fromToml);
  if (v !== null && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = fromToml(x);
    return o;
  }
  return v;
}

function parseBlock(b: MetaBlock): unknown[] {
  const text = b.lines.join('\n');
  switch (b.lang) {
    case 'toml':
      try {
        return [fromToml(parseToml(text, { integersAsBigInt: true }))];
      } catch (err) {
        throw new Error(`Cannot parse toml meta block.\n    Error: ${errorMessage(err)}`);
      }
    case 'json':
      try {
        return [parseJsonLenient(text, { strict: true })];
      } catch (err) {
        throw new Error(`Cannot parse json content.\n    Error: ${errorMessage(err)}\n    Content: ${text}`);
      }
    case 'yaml':
    case 'yml':
      return parseYamlDocs(text);
    case undefined:
      throw new Error('Meta block must have a compatible lang');
    default:
      throw new Error(`Lang '${b.lang}' not supported for meta block`);
  }
}

/** Merged meta (`{}` when none; non-table documents are ignored) and the remaining text. */
export function extractMdMeta(content: string): { meta: Record<string, unknown>; rest: string } {
  const { metas, rest } = splitMeta(content);
  const meta: Record<string, unknown> = {};
  for (const b of metas) {
    for (const v of parseBlock(b)) {
      if (v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof LuaFloat)) Object.assign(meta, v);
    }
  }
  return { meta, rest };
}
