/**
 * udiffx patch text: splitting numberless `@@` hunks, `~` elided-removal ranges, and the
 * tiered line matchers (Strict → Resilient → Fuzzy) used to locate a hunk in a file.
 */

export type MatchTier = 0 | 1 | 2;
export const STRICT: MatchTier = 0;
export const RESILIENT: MatchTier = 1;
export const FUZZY: MatchTier = 2;

/** Shortest fragment allowed to match by suffix. */
const SUFFIX_MATCH_MIN_LEN = 10;
/** `-` lines required on each side of a `~`. */
const TILDE_MIN_ANCHOR_LINES = 2;

export class PatchCompletionError extends Error {
  constructor(cause: string) {
    super(`patch completion error: ${cause}`);
  }
}

/** Rust's `str::lines`: split on `\n`, drop one trailing empty piece, strip a final `\r`. */
export function rustLines(s: string): string[] {
  if (s === '') return [];
  const parts = s.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/** Line content without its one-character diff prefix. */
export function body(line: string): string {
  return line.length > 1 ? line.slice(1) : '';
}

export function isTilde(line: string): boolean {
  return line.trim() === '~';
}

export function isWrapperMetaLine(trimmed: string): boolean {
  return trimmed === '*** Begin Patch' || trimmed === '*** End Patch' || trimmed.startsWith('*** Update File:');
}

function isMalformedWrapperTerminator(line: string): boolean {
  if (/^[ +-]/.test(line)) return false;
  const t = line.trim();
  if (!t.startsWith('***')) return false;
  const expected = 'endpatch';
  let k = 0;
  for (const ch of t.slice(3)) {
    if (/[A-Za-z]/.test(ch)) {
      if (expected[k] !== ch.toLowerCase()) return false;
      k++;
    } else if (!/\s/.test(ch) && !/[!-/:-@[-`{-~]/.test(ch)) {
      return false;
    }
  }
  return k === expected.length;
}

/** Drop a last non-blank line like `*** End Patch ***` that some models add. */
function removeFinalMalformedTerminator(patch: string): string {
  let offset = 0;
  let last: [number, string] | undefined;
  for (const seg of patch.split(/(?<=\n)/)) {
    const line = seg.endsWith('\n') ? seg.slice(0, -1) : seg;
    if (line.trim() !== '') last = [offset, line];
    offset += seg.length;
  }
  if (last && isMalformedWrapperTerminator(last[1])) return patch.slice(0, last[0]);
  return patch;
}

function collect(patch: string, skipMeta: boolean): string[][] {
  const lines = rustLines(removeFinalMalformedTerminator(patch));
  const hunks: string[][] = [];
  let i = 0;
  while (i < lines.length) {
    const t = lines[i].trim();
    i++;
    if (skipMeta && isWrapperMetaLine(t)) continue;
    if (!t.startsWith('@@')) continue;
    const h: string[] = [];
    while (i < lines.length && !lines[i].trim().startsWith('@@')) {
      const l = lines[i++];
      if (skipMeta && isWrapperMetaLine(l.trim())) continue;
      h.push(l);
    }
    while (h.length > 0 && h[h.length - 1].trim() === '') h.pop();
    if (h.some((l) => l.startsWith('+') || l.startsWith('-') || isTilde(l))) hunks.push(h);
  }
  return hunks;
}

/** Hunk bodies (lines after each `@@`), only those with a `+`, `-` or `~` line. */
export function collectRawHunks(patch: string): string[][] {
  return collect(patch, false);
}

/** Same, ignoring `*** Begin Patch` / `*** End Patch` / `*** Update File:` wrapper lines. */
export function collectRawHunksSanitized(patch: string): string[][] {
  return collect(patch, true);
}

export function sanitizeWrapperMetaLines(patch: string): string {
  return rustLines(removeFinalMalformedTerminator(patch))
    .filter((l) => !isWrapperMetaLine(l.trim()))
    .map((l) => `${l}\n`)
    .join('');
}

/** Each actionable hunk as its own `@@\n…` patch (strict parse, else the sanitized one). */
export function splitRawHunks(patchRaw: string): string[] {
  const patch = patchRaw.replace(/\r\n/g, '\n');
  let hunks = collectRawHunks(patch);
  if (hunks.length === 0) hunks = collectRawHunks(sanitizeWrapperMetaLines(patch));
  return hunks.map((h) => `@@\n${h.map((l) => `${l}\n`).join('')}`);
}

export interface TildeRange {
  top: number[];
  tilde: number;
  bottom: number[];
}

/** Every `~` must sit between runs of at least two `-` lines. */
export function parseTildeRanges(hunk: string[]): TildeRange[] {
  const ranges: TildeRange[] = [];
  hunk.forEach((l, idx) => {
    if (!isTilde(l)) return;
    const top: number[] = [];
    for (let j = idx - 1; j >= 0 && hunk[j].startsWith('-'); j--) top.unshift(j);
    const bottom: number[] = [];
    for (let k = idx + 1; k < hunk.length && hunk[k].startsWith('-'); k++) bottom.push(k);
    if (top.length < TILDE_MIN_ANCHOR_LINES) {
      throw new PatchCompletionError(
        `Tilde range-remove \`~\` at hunk line ${idx + 1} requires at least ${TILDE_MIN_ANCHOR_LINES} removal lines above, found ${top.length}`,
      );
    }
    if (bottom.length < TILDE_MIN_ANCHOR_LINES) {
      throw new PatchCompletionError(
        `Tilde range-remove \`~\` at hunk line ${idx + 1} requires at least ${TILDE_MIN_ANCHOR_LINES} removal lines below, found ${bottom.length}`,
      );
    }
    ranges.push({ top, tilde: idx, bottom });
  });
  return ranges;
}

// ---------------------------------------------------------------------------
// Matchers

const normalizeWs = (s: string) => s.split(/\s+/).filter(Boolean).join(' ');
const isHeading = (s: string) => s.startsWith('#');
const stripHeading = (s: string) => s.replace(/^#+/, '').trimStart();
const isAsciiPunct = (c: string) => /^[!-/:-@[-`{-~]$/.test(c);
const trimEndPunct = (s: string) => {
  let e = s.length;
  while (e > 0 && isAsciiPunct(s[e - 1])) e--;
  return s.slice(0, e);
};

function isCommentMarkerPrefix(p: string): boolean {
  return p.startsWith('//') || (p.startsWith('#') && !p.startsWith('#!') && !p.startsWith('##')) || p === '#' || p.startsWith('<!--');
}

function stripCommentMarker(t: string): string | undefined {
  if (t.startsWith('//')) return t.slice(2).trim();
  if (t.startsWith('#') && !t.startsWith('#!') && !t.startsWith('##')) return t.slice(1).trim();
  if (t.startsWith('<!--')) {
    let rest = t.slice(4).trim();
    if (rest.endsWith('-->')) rest = rest.slice(0, -3);
    return rest.trim();
  }
  return undefined;
}

function stripNumericUnderscores(s: string): string {
  const hex = /[0-9a-fA-F]/;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '_' && i > 0 && i + 1 < s.length && hex.test(s[i - 1]) && hex.test(s[i + 1])) continue;
    out += s[i];
  }
  return out;
}

const stripAllWs = (s: string) => s.replace(/\s+/g, '');
const normalizeInlineFuzzy = (s: string) => s.replace(/`/g, '').replace(/"/g, "'");

function suffixMatch(o: string, p: string, ci: boolean): boolean {
  const on = ci ? normalizeWs(o).toLowerCase() : normalizeWs(o);
  const pn = ci ? normalizeWs(p).toLowerCase() : normalizeWs(p);
  if (pn.length >= SUFFIX_MATCH_MIN_LEN && on.endsWith(pn)) {
    const prefix = on.slice(0, on.length - pn.length).trim();
    return !(prefix !== '' && isCommentMarkerPrefix(prefix));
  }
  if (on.length >= SUFFIX_MATCH_MIN_LEN && pn.endsWith(on)) {
    const prefix = pn.slice(0, pn.length - on.length).trim();
    return !(prefix !== '' && isCommentMarkerPrefix(prefix));
  }
  return false;
}

/** Does an original line match a patch line at `tier`? */
export function lineMatches(orig: string, p: string, tier: MatchTier): boolean {
  if (tier === STRICT) return orig === p;
  const ot = orig.trim();
  const pt = p.trim();
  if (ot === '' || pt === '') return ot === pt;
  if (tier === RESILIENT) {
    if (ot === pt || normalizeWs(ot) === normalizeWs(pt)) return true;
    if (isHeading(ot) && isHeading(pt) && normalizeWs(stripHeading(ot)) === normalizeWs(stripHeading(pt))) return true;
    if (suffixMatch(ot, pt, false)) return true;
    const os = ot.replace(/[,;]+$/, '');
    const ps = pt.replace(/[,;]+$/, '');
    if (os !== '' && ps !== '' && (os !== ot || ps !== pt) && (os === ps || normalizeWs(os) === normalizeWs(ps))) return true;
    const ob = stripCommentMarker(ot);
    const pb = stripCommentMarker(pt);
    return ob !== undefined && pb !== undefined && ob !== '' && pb !== '' && normalizeWs(ob) === normalizeWs(pb);
  }
  const ol = ot.toLowerCase();
  const pl = pt.toLowerCase();
  if (ol === pl || normalizeWs(ol) === normalizeWs(pl)) return true;
  if (isHeading(ot) && isHeading(pt) && normalizeWs(stripHeading(ot)).toLowerCase() === normalizeWs(stripHeading(pt)).toLowerCase()) return true;
  if (suffixMatch(ot, pt, true)) return true;
  const ob = ol.replace(/`/g, '');
  const pb = pl.replace(/`/g, '');
  if (ob === pb || normalizeWs(ob) === normalizeWs(pb)) return true;
  const on = normalizeInlineFuzzy(ol);
  const pn = normalizeInlineFuzzy(pl);
  if (on.trim() !== '' && pn.trim() !== '' && (on === pn || normalizeWs(on) === normalizeWs(pn))) return true;
  if (trimEndPunct(ol) === trimEndPunct(pl)) return true;
  const op = trimEndPunct(on);
  const pp = trimEndPunct(pn);
  if (op.trim() !== '' && pp.trim() !== '' && op === pp) return true;
  if (normalizeWs(stripNumericUnderscores(ol)) === normalizeWs(stripNumericUnderscores(pl))) return true;
  return ol !== '' && stripAllWs(ol) === stripAllWs(pl) && stripAllWs(ol).length >= 4;
}

const leadingWs = (l: string) => l.length - l.replace(/^[ \t]+/, '').length;

/** Same leading-whitespace delta on every non-blank matched pair. */
export function uniformIndent(orig: string[], hunk: string[], matched: [number, number][]): boolean {
  let delta: number | undefined;
  for (const [h, o] of matched) {
    const p = body(hunk[h]);
    if (p.trim() === '') continue;
    const d = leadingWs(orig[o]) - leadingWs(p);
    if (delta === undefined) delta = d;
    else if (delta !== d) return false;
  }
  return true;
}
