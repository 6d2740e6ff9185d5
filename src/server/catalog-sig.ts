/**
 * The typed signatures of the aip catalog (`aip.file.load(path: string,
 * opts?: {...}) -> FileRecord`) read as data: parameters with their accepted
 * Lua types and whether they may be left out, and the first return type.
 * Used for argument checks, return-type completion and LuaCATS output.
 */
import type { CatalogEntry } from '../runtime/script/catalog';
import type { LiteralKind } from './lua-model';

export interface SigParam {
  name: string;
  /** Written with `?`, or its type admits nil / any: a call may leave it out. */
  optional: boolean;
  /** The type as written (`string|nil`, `{base_dir?}`), '' when untyped. */
  type: string;
  /** Lua types a literal argument may have; undefined = anything. */
  accepts?: Set<LiteralKind>;
  variadic: boolean;
}

export interface Signature {
  params: SigParam[];
  /** First return type as written (`FileRecord`, `string|nil`), undefined when none. */
  returns?: string;
}

/** Split at top-level occurrences of `sep` (outside (), {}, []). */
export function splitTop(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') depth--;
    if (depth === 0 && text.startsWith(sep, i)) {
      out.push(cur);
      cur = '';
      i += sep.length - 1;
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out;
}

/** Lua types of one written type; undefined when it admits anything (or is not understood). */
export function acceptedKinds(type: string): Set<LiteralKind> | undefined {
  const t = type.trim();
  if (!t) return undefined;
  const out = new Set<LiteralKind>();
  for (const alt0 of splitTop(t, '|')) {
    const alt = alt0.trim();
    if (alt === 'any' || alt === '') return undefined;
    if (alt === 'string' || /^base\d+ string$/.test(alt)) out.add('string');
    else if (alt === 'number' || alt === 'integer') out.add('number');
    else if (alt === 'boolean' || alt === 'bool') out.add('boolean');
    else if (alt === 'nil' || alt === 'null') out.add('nil');
    else if (alt === 'function') out.add('function');
    else if (alt === 'table' || alt.startsWith('{') || alt.endsWith('[]') || /^[A-Z]\w*$/.test(alt)) out.add('table');
    else return undefined;
  }
  return out;
}

const sigCache = new WeakMap<CatalogEntry, Signature>();

export function parseSignature(entry: CatalogEntry): Signature {
  const hit = sigCache.get(entry);
  if (hit) return hit;
  const sig = parseSignatureText(entry.signature);
  sigCache.set(entry, sig);
  return sig;
}

export function parseSignatureText(signature: string): Signature {
  const open = signature.indexOf('(');
  let depth = 0;
  let close = -1;
  for (let i = open; i >= 0 && i < signature.length; i++) {
    if (signature[i] === '(') depth++;
    else if (signature[i] === ')' && --depth === 0) {
      close = i;
      break;
    }
  }
  if (open < 0 || close < 0) return { params: [] };
  const inner = signature.slice(open + 1, close).trim();
  const params: SigParam[] = [];
  if (inner) {
    for (const raw of splitTop(inner, ',')) {
      const p = raw.trim();
      if (!p) continue;
      const variadic = p.startsWith('...');
      const m = /^(\.\.\.)?([A-Za-z_]\w*)?(\?)?\s*(?::\s*([\s\S]*))?$/.exec(p);
      const name = m?.[2] ?? (variadic ? '...' : p);
      const type = (m?.[4] ?? '').trim();
      const accepts = acceptedKinds(type);
      const optional = variadic || !!m?.[3] || !accepts || accepts.has('nil') || !m;
      params.push({ name, optional, type, accepts: m ? accepts : undefined, variadic });
    }
  }
  const arrow = signature.indexOf('->', close);
  const returns = arrow >= 0 ? splitTop(signature.slice(arrow + 2).trim(), ',')[0].trim() || undefined : undefined;
  return { params, returns };
}

/** The single type name a function returns (`FileRecord`, `FileInfo[]` → undefined), for field completion. */
export function returnTypeName(sig: Signature): string | undefined {
  const r = sig.returns?.replace(/\s*\|\s*nil$/, '').trim();
  return r && /^[A-Z]\w*$/.test(r) ? r : undefined;
}
