/**
 * udiffx patch completion: each numberless hunk is located in the file
 * (tiered matching, nearest and best-scored candidate), rebuilt with the file's exact lines
 * and line numbers (udiffx-patch applies them).
 */
import {
  FUZZY, PatchCompletionError, RESILIENT, STRICT, body, collectRawHunks, collectRawHunksSanitized, isTilde,
  isWrapperMetaLine, lineMatches, parseTildeRanges, rustLines, sanitizeWrapperMetaLines, uniformIndent,
  type MatchTier, type TildeRange,
} from './udiffx-hunks';

const MAX_PROXIMITY_FOR_LENIENT = 1000;

interface Hints {
  prev?: string;
  next?: string;
}

interface Candidate {
  idx: number;
  tier: MatchTier;
  overhang: Set<number>;
  convertedToAdd: Set<number>;
  matched: [number, number][];
  skippedBlanks: number[];
  exactWs: number;
  uniform: boolean;
  hintMatches: number;
}

export interface HunkBounds {
  oldStart: number;
  oldCount: number;
  newCount: number;
  lines: string[];
  tier?: MatchTier;
}

function hintsFor(hunks: string[][], i: number): Hints {
  const ctx = (l: string) => l.startsWith(' ') || l.startsWith('-');
  const prevLine = i > 0 ? [...hunks[i - 1]].reverse().find(ctx) : undefined;
  const nextLine = i + 1 < hunks.length ? hunks[i + 1].find(ctx) : undefined;
  return { prev: prevLine !== undefined ? body(prevLine) : undefined, next: nextLine !== undefined ? body(nextLine) : undefined };
}

function hintMatchCount(orig: string[], start: number, oldCount: number, hints: Hints): number {
  let n = 0;
  const m = (idx: number, hint: string) => idx >= 0 && idx < orig.length && lineMatches(orig[idx], hint, RESILIENT);
  if (hints.prev !== undefined && hints.prev.trim() !== '' && start > 0 && m(start - 1, hints.prev)) n++;
  if (hints.next !== undefined && hints.next.trim() !== '' && m(start + oldCount, hints.next)) n++;
  return n;
}

function searchTier(orig: string[], hunk: string[], searchFrom: number, tier: MatchTier, hints: Hints): Candidate[] {
  const out: Candidate[] = [];
  let tildes: TildeRange[] = [];
  if (hunk.some(isTilde)) {
    try {
      tildes = parseTildeRanges(hunk);
    } catch {
      tildes = [];
    }
  }
  const firstBottom = new Map<number, TildeRange>();
  const bottoms = new Set<number>();
  for (const r of tildes) {
    firstBottom.set(r.bottom[0], r);
    r.bottom.forEach((b) => bottoms.add(b));
  }

  for (let i = 0; i <= orig.length; i++) {
    const maxProx = searchFrom === 0 ? 5000 : MAX_PROXIMITY_FOR_LENIENT;
    if (tier > STRICT && Math.abs(i - searchFrom) > maxProx) continue;

    let ok = true;
    const overhang = new Set<number>();
    const converted = new Set<number>();
    const matched: [number, number][] = [];
    const skippedBlanks: number[] = [];
    let exactWs = 0;
    let off = 0;

    for (let h = 0; h < hunk.length; h++) {
      const hl = hunk[h];
      if (hl.startsWith('+') || isTilde(hl)) continue;
      const p = body(hl);
      let target = i + off;
      if (tier >= RESILIENT && p.trim() !== '') {
        while (target < orig.length && orig[target].trim() === '') {
          skippedBlanks.push(target);
          target++;
          off++;
        }
      }
      if (p.trim() === '') {
        if (target < orig.length && orig[target].trim() === '') {
          matched.push([h, target]);
          off++;
        } else {
          // A cosmetic blank line of the model (or one past EOF) becomes an addition.
          converted.add(h);
        }
      } else if (target < orig.length) {
        const range = firstBottom.get(h);
        if (range) {
          let found = false;
          for (let s = target; s < orig.length; s++) {
            if (!lineMatches(orig[s], p, tier)) continue;
            const all = range.bottom.every((b, k) => s + k < orig.length && lineMatches(orig[s + k], body(hunk[b]), tier));
            if (all) {
              off += s - target;
              if (orig[s] === p) exactWs++;
              matched.push([h, s]);
              off++;
              found = true;
              break;
            }
          }
          if (!found) {
            ok = false;
            break;
          }
        } else if (bottoms.has(h)) {
          const t = i + off;
          if (t < orig.length && lineMatches(orig[t], p, tier)) {
            if (orig[t] === p) exactWs++;
            matched.push([h, t]);
            off++;
          } else {
            ok = false;
            break;
          }
        } else if (lineMatches(orig[target], p, tier)) {
          if (orig[target] === p) exactWs++;
          matched.push([h, target]);
          off++;
        } else {
          ok = false;
          break;
        }
      } else {
        // Past EOF: trailing context may overhang, a removal may not.
        if (hl.startsWith('-')) {
          ok = false;
          break;
        }
        overhang.add(h);
      }
    }

    if (!ok || matched.length === 0) continue;
    const significant = matched.filter(([h]) => hunk[h].trim() !== '').length;
    if (significant === 0) continue;
    if (overhang.size > 0 && (significant < 2 || overhang.size >= significant)) continue;

    const matchedSet = new Set(matched.map(([h]) => h));
    let oldCount = 0;
    hunk.forEach((hl, h) => {
      if (isTilde(hl) || overhang.has(h) || converted.has(h) || hl.startsWith('+')) return;
      if (matchedSet.has(h)) oldCount++;
    });
    oldCount += skippedBlanks.length;
    const origOf = (h: number | undefined) => matched.find(([x]) => x === h)?.[1];
    for (const r of tildes) {
      const lastTop = origOf(r.top[r.top.length - 1]);
      const firstBot = origOf(r.bottom[0]);
      if (lastTop !== undefined && firstBot !== undefined && firstBot > lastTop + 1) oldCount += firstBot - lastTop - 1;
    }

    out.push({
      idx: i,
      tier,
      overhang,
      convertedToAdd: converted,
      matched,
      skippedBlanks,
      exactWs,
      uniform: uniformIndent(orig, hunk, matched),
      hintMatches: hintMatchCount(orig, i, oldCount, hints),
    });
  }
  return out;
}

function score(c: Candidate, searchFrom: number): [number, number] {
  return [c.exactWs, c.hintMatches * 10_000 + (c.uniform ? 1000 : 0) - Math.abs(c.idx - searchFrom)];
}

/** Pure additions: append at EOF, reusing existing trailing blank lines as context. */
function appendBounds(orig: string[], hunk: string[]): HunkBounds {
  const isBlankAdd = (l: string) => l.startsWith('+') && body(l).trim() === '';
  let trailingBlank = 0;
  for (let k = orig.length - 1; k >= 0 && orig[k].trim() === ''; k--) trailingBlank++;
  let leadAdd = 0;
  while (leadAdd < hunk.length && isBlankAdd(hunk[leadAdd])) leadAdd++;
  let trailAdd = 0;
  while (trailAdd < hunk.length && isBlankAdd(hunk[hunk.length - 1 - trailAdd])) trailAdd++;
  const overlap = Math.min(trailingBlank, leadAdd);
  const trailingOverlap = Math.min(Math.max(trailingBlank - overlap, 0), trailAdd);
  const lines: string[] = [];
  let oldCount = 0;
  let newCount = 0;
  hunk.forEach((hl, k) => {
    if (k < overlap || (trailingOverlap > 0 && k >= hunk.length - trailingOverlap)) {
      lines.push(' ');
      oldCount++;
      newCount++;
    } else {
      lines.push(hl);
      newCount++;
    }
  });
  let oldStart: number;
  if (overlap > 0) oldStart = orig.length - Math.min(Math.max(overlap + trailingOverlap, trailingBlank), trailingBlank) + 1;
  else if (trailingOverlap > 0) oldStart = orig.length - trailingOverlap + 1;
  else oldStart = orig.length + 1;
  return { oldStart, oldCount, newCount, lines };
}

export function computeHunkBounds(orig: string[], hunk: string[], searchFrom: number, hints: Hints): HunkBounds {
  const tildes = parseTildeRanges(hunk);

  // An empty file: every context/removal line becomes an addition.
  if (orig.every((l) => l.trim() === '') && hunk.some((l) => !l.startsWith('+'))) {
    const lines = hunk.map((l) => (l.startsWith('+') ? l : `+${body(l)}`));
    return { oldStart: 1, oldCount: 0, newCount: lines.length, lines };
  }
  if (!hunk.some((l) => !l.startsWith('+'))) return appendBounds(orig, hunk);

  let candidates: Candidate[] = [];
  for (const tier of [STRICT, RESILIENT, FUZZY] as MatchTier[]) {
    candidates = searchTier(orig, hunk, searchFrom, tier, hints);
    if (candidates.length > 0) break;
  }
  let best: Candidate | undefined;
  let bestScore: [number, number] | undefined;
  for (const c of candidates) {
    const s = score(c, searchFrom);
    // Later candidates win ties, as Rust's `max_by` does.
    if (!bestScore || s[0] > bestScore[0] || (s[0] === bestScore[0] && s[1] >= bestScore[1])) {
      best = c;
      bestScore = s;
    }
  }
  if (!best) throw new PatchCompletionError(`Could not find patch context in original file (starting search from line ${searchFrom + 1})`);
  const { idx } = best;

  if (tildes.length > 0) {
    // Replace each `~` by the original lines between its anchors, then rebuild from `idx`.
    const expanded: string[] = [];
    hunk.forEach((hl, h) => {
      const r = tildes.find((t) => t.tilde === h);
      if (!r) {
        expanded.push(hl);
        return;
      }
      const lastTop = best!.matched.find(([x]) => x === r.top[r.top.length - 1])?.[1];
      const firstBot = best!.matched.find(([x]) => x === r.bottom[0])?.[1];
      if (lastTop === undefined) throw new PatchCompletionError('Tilde range-remove: could not find original index for last top anchor line');
      if (firstBot === undefined) throw new PatchCompletionError('Tilde range-remove: could not find original index for first bottom anchor line');
      for (let o = lastTop + 1; o < firstBot; o++) expanded.push(`-${orig[o]}`);
    });
    const lines: string[] = [];
    let oldCount = 0;
    let newCount = 0;
    let off = 0;
    for (const l of expanded) {
      if (l.startsWith('+')) {
        lines.push(l);
        newCount++;
      } else if (idx + off < orig.length) {
        const removal = l.startsWith('-');
        lines.push(`${removal ? '-' : ' '}${orig[idx + off]}`);
        oldCount++;
        if (!removal) newCount++;
        off++;
      }
    }
    return { oldStart: idx + 1, oldCount, newCount, lines, tier: best.tier };
  }

  const lines: string[] = [];
  let oldCount = 0;
  let newCount = 0;
  let lastOrig: number | undefined;
  hunk.forEach((hl, h) => {
    if (best!.overhang.has(h)) return;
    if (best!.convertedToAdd.has(h)) {
      lines.push('+');
      newCount++;
      return;
    }
    const m = best!.matched.find(([x]) => x === h);
    if (m) {
      for (const s of best!.skippedBlanks) {
        if (s < m[1] && (lastOrig === undefined || s > lastOrig)) {
          lines.push(` ${orig[s]}`);
          oldCount++;
          newCount++;
        }
      }
      const removal = hl.startsWith('-');
      lines.push(`${removal ? '-' : ' '}${orig[m[1]]}`);
      oldCount++;
      if (!removal) newCount++;
      lastOrig = m[1];
    } else if (hl.startsWith('+')) {
      lines.push(hl);
      newCount++;
    }
  });
  return { oldStart: idx + 1, oldCount, newCount, lines, tier: best.tier };
}

/** Stable re-order of hunks by the unique exact position of their first anchor line, when out of order. */
function presort(orig: string[], hunks: string[][]): string[][] {
  if (hunks.length <= 1) return hunks;
  const pos = hunks.map((h) => {
    const first = h.find((l) => !l.startsWith('+') && body(l).trim() !== '');
    if (first === undefined) return undefined;
    const content = body(first);
    let found: number | undefined;
    for (let k = 0; k < orig.length; k++) {
      if (orig[k] === content) {
        if (found !== undefined) return undefined;
        found = k;
      }
    }
    return found;
  });
  let last = -1;
  let ordered = true;
  for (const p of pos) {
    if (p === undefined) continue;
    if (p < last) ordered = false;
    last = p;
  }
  if (ordered) return hunks;
  return hunks
    .map((h, k) => ({ h, k, key: pos[k] ?? Number.MAX_SAFE_INTEGER }))
    .sort((a, b) => a.key - b.key || a.k - b.k)
    .map((x) => x.h);
}

/** Locate the hunks of `patchRaw` in `original` and rebuild them as numbered hunks. */
export function completePatch(original: string, patchRaw: string): { hunks: HunkBounds[]; tier?: MatchTier } {
  const orig = rustLines(original.replace(/\r\n/g, '\n'));
  const patch = patchRaw.replace(/\r\n/g, '\n');
  let raw = collectRawHunks(patch);
  if (raw.length === 0) raw = collectRawHunks(sanitizeWrapperMetaLines(patch));
  const sanitized = rustLines(patch).some((l) => isWrapperMetaLine(l.trim())) ? collectRawHunksSanitized(patch) : undefined;
  raw = presort(orig, raw);

  let tier: MatchTier | undefined;
  let searchFrom = 0;
  const hunks: HunkBounds[] = [];
  raw.forEach((hunk, k) => {
    let b: HunkBounds;
    try {
      b = computeHunkBounds(orig, hunk, searchFrom, hintsFor(raw, k));
    } catch (err) {
      if (!sanitized || sanitized.length !== raw.length) throw err;
      try {
        b = computeHunkBounds(orig, sanitized[k], searchFrom, hintsFor(sanitized, k));
      } catch {
        throw err;
      }
    }
    if (b.tier !== undefined) tier = tier === undefined ? b.tier : (Math.max(tier, b.tier) as MatchTier);
    // Rust computes this with usize arithmetic; an underflow there would panic, here it clamps.
    searchFrom = Math.max(0, b.oldStart + Math.max(b.oldCount - 1, 0) - 1);
    hunks.push(b);
  });
  return { hunks, tier };
}
