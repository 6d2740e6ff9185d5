/**
 * `AiResponse.info` (§9.7):
 * `Duration: 1s 234ms | ~$0.0012 | Prompt Tokens: 1,200 | Completion Tokens: 80 | Model: m (pm) | Adapter: OpenAI | Temperature: 0.2`
 */
import type { AdapterKind } from './providers';
import { formatUsage, type NormalizedUsage } from './usage';

const UNITS: [string, number][] = [
  ['day', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
  ['ms', 1],
];

/**
 * Human duration like Rust's humantime: `345ms`, `1s 234ms`, `1m 5s`; ms
 * precision up to 10 s, whole seconds above (as the original).
 */
export function formatDuration(ms: number): string {
  let rest = Math.max(0, Math.round(ms));
  if (rest > 10_000) rest = Math.floor(rest / 1000) * 1000;
  if (rest === 0) return '0s';
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    const n = Math.floor(rest / size);
    if (n === 0) continue;
    rest -= n * size;
    parts.push(unit === 'day' ? `${n}${n === 1 ? 'day' : 'days'}` : `${n}${unit}`);
  }
  return parts.join(' ');
}

export interface InfoParts {
  durationMs: number;
  priceUsd?: number;
  usage: NormalizedUsage;
  /** Requested model name. */
  modelName: string;
  /** Model the provider says answered. */
  providerModel: string;
  adapterKind: AdapterKind;
  temperature?: number;
  top_p?: number;
}

export function buildInfo(p: InfoParts): string {
  let info = `Duration: ${formatDuration(p.durationMs)}`;
  if (p.priceUsd !== undefined) info += ` | ~$${p.priceUsd}`;
  info += ` | ${formatUsage(p.usage)}`;
  info += p.providerModel !== p.modelName ? ` | Model: ${p.modelName} (${p.providerModel})` : ` | Model: ${p.modelName}`;
  info += ` | Adapter: ${p.adapterKind}`;
  if (p.temperature !== undefined && p.temperature !== null) info += ` | Temperature: ${p.temperature}`;
  if (p.top_p !== undefined && p.top_p !== null) info += ` | top_p: ${p.top_p}`;
  return info;
}
