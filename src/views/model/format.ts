/**
 * Short human figures for the Runs tree and the detail documents: durations,
 * token counts and USD costs, compact enough for a TreeItem description.
 */

/** `345ms`, `4.2s`, `41s`, `2m 05s`, `1h 02m`. Negative or NaN reads as 0. */
export function formatDuration(ms: number): string {
  const v = Number.isFinite(ms) && ms > 0 ? ms : 0;
  if (v < 1000) return `${Math.round(v)}ms`;
  if (v < 10_000) return `${(Math.floor(v / 100) / 10).toFixed(1)}s`;
  const s = Math.floor(v / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** Microsecond interval → ms; `end` defaults to `now` (live while running). */
export function durationMs(start: number | null, end: number | null, now: number): number | undefined {
  if (start === null || start === undefined) return undefined;
  const stop = end ?? now;
  return Math.max(0, (stop - start) / 1000);
}

/** `850 tok`, `1.2k tok`, `12k tok`, `1.3M tok`. */
export function formatTokens(n: number): string {
  if (n < 1000) return `${n} tok`;
  if (n < 10_000) return `${(Math.floor(n / 100) / 10).toFixed(1)}k tok`;
  if (n < 1_000_000) return `${Math.floor(n / 1000)}k tok`;
  return `${(Math.floor(n / 100_000) / 10).toFixed(1)}M tok`;
}

/** `$1.23`, `$0.042`, `$0.0012`, `<$0.0001` (USD). */
export function formatCost(usd: number): string {
  if (usd === 0) return '$0.00';
  if (usd < 0) return `-${formatCost(-usd)}`;
  if (usd >= 1) return `$${usd.toFixed(2)}`;
  if (usd >= 0.01) return `$${usd.toFixed(3)}`;
  if (usd < 0.0001) return '<$0.0001';
  return `$${usd.toFixed(4)}`;
}

/** Thousands separators for exact counts in tooltips and documents: `12,345`. */
export function formatInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** First line of a text, cut to `max` characters with an ellipsis. */
export function firstLine(text: string, max = 80): string {
  const line = text.split(/\r?\n/, 1)[0].trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Join the present parts with ` · `. */
export function joinParts(parts: (string | undefined | false | null)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p.length > 0).join(' · ');
}
