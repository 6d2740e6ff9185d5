/** Pin content as stored: the Marker JSON `{label, content}` of aip.run.pin / aip.task.pin (§10.3). */

export interface PinLike {
  iden: string;
  priority?: number | null;
  content: string | null;
}

/** `label content` of a Marker; the raw text when it is not one. */
export function pinText(content: string | null): string {
  if (content === null) return '';
  try {
    const v = JSON.parse(content) as unknown;
    if (typeof v === 'string') return v;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      if (typeof o.content === 'string') return typeof o.label === 'string' && o.label ? `${o.label} ${o.content}` : o.content;
    }
  } catch {
    // Plain text pin.
  }
  return content;
}
