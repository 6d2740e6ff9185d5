/**
 * TypedContent (§6.5): how a task input or output value is stored. Short
 * values live entirely in `task.*_short`; longer ones also get an `inout` row
 * holding the full content and display, linked by a pre-generated uid.
 */
import { LuaFloat } from '../script/catalog';
import { newUid } from './base';
import type { ContentTyp } from './types';

/** `*_short` keeps this many Unicode characters (§6.5). */
export const SHORT_MAX_CHARS = 64;

export interface TypedContent {
  /** Pre-generated; becomes the `inout.uid` and `task.*_uid` when the value is truncated. */
  uid: string;
  typ: ContentTyp;
  content?: string;
  display?: string;
}

/** Floats that Lua must keep as floats travel as LuaFloat; stored as their number. */
function jsonReplacer(_key: string, v: unknown): unknown {
  return v instanceof LuaFloat ? v.value : v;
}

function pretty(value: unknown): string {
  try {
    return JSON.stringify(value, jsonReplacer, 2) ?? 'null';
  } catch (err) {
    return `Error stringify input: ${err instanceof Error ? err.message : String(err)}`;
  }
}

export function typedContentFromValue(value: unknown): TypedContent {
  const uid = newUid();
  if (value === null || value === undefined) return { uid, typ: 'Text' };
  if (typeof value === 'string') return { uid, typ: 'Text', content: value };
  let display: string | undefined;
  if (typeof value === 'object' && !Array.isArray(value) && '_display' in value) {
    const d = (value as Record<string, unknown>)._display;
    if (typeof d === 'string') display = d;
    else if (d !== null && d !== undefined) display = pretty(d);
  }
  return { uid, typ: 'Json', content: pretty(value), display };
}

/** First `max` Unicode characters and whether anything was cut. */
export function truncateChars(s: string, max: number): [string, boolean] {
  // UTF-16 length bounds the code-point count, so short strings skip the split.
  if (s.length <= max) return [s, false];
  const chars = Array.from(s);
  if (chars.length <= max) return [s, false];
  return [chars.slice(0, max).join(''), true];
}

/** The `*_short` text (display first, else content) and whether the full value needs an `inout` row. */
export function extractShort(tc: TypedContent): { short?: string; truncated: boolean } {
  const src = tc.display ?? tc.content;
  if (src === undefined) return { truncated: false };
  const [short, truncated] = truncateChars(src, SHORT_MAX_CHARS);
  return { short, truncated };
}

/** Task columns and the optional inout row for one TypedContent (shared by input and output). */
export function contentColumns(
  tc: TypedContent,
  side: 'input' | 'output',
): { fields: Record<string, unknown>; inout?: { uid: string; typ: ContentTyp; content?: string; display?: string } } | undefined {
  const { short, truncated } = extractShort(tc);
  if (short === undefined) return undefined;
  if (!truncated) return { fields: { [`${side}_short`]: short } };
  return {
    fields: { [`${side}_short`]: short, [`${side}_uid`]: tc.uid, [`${side}_has_display`]: tc.display !== undefined },
    inout: { uid: tc.uid, typ: tc.typ, content: tc.content, display: tc.display },
  };
}
