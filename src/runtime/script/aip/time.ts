/**
 * `aip.time` (§8.16): the current time as RFC 3339 text (UTC or local, seconds or µs),
 * epoch µs, today's date and weekday, and the local IANA zone. The clock is the Host's
 * (`nowMicros`), so runs and tests share one notion of "now".
 */
import type { CallContext, CatalogEntry, ModuleCatalog } from '../catalog';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** IANA id of the local zone (`UTC` when the platform does not say). */
export function localTzId(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Offset from UTC in minutes of `timeZone` (default: local) at the instant `ms`. */
export function zoneOffsetMinutes(ms: number, timeZone?: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timeZone ?? localTzId(),
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(ms));
  const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const wholeSecondMs = Math.floor(ms / 1000) * 1000;
  return Math.round((asUtc - wholeSecondMs) / 60000);
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

interface Wall {
  date: Date;
  offsetMin: number;
  micros: number;
}

/** Wall-clock fields at `micros` in UTC (`zone` null) or in a zone (undefined = local). */
function wall(micros: number, zone: string | null | undefined): Wall {
  const ms = Math.floor(micros / 1000);
  const offsetMin = zone === null ? 0 : zoneOffsetMinutes(ms, zone);
  return { date: new Date(ms + offsetMin * 60000), offsetMin, micros };
}

function isoDate(w: Wall): string {
  const d = w.date;
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function weekday(w: Wall): string {
  return WEEKDAYS[w.date.getUTCDay()];
}

/** RFC 3339 text; `Z` for a zero offset (as the original), `±HH:MM` otherwise. */
export function formatRfc3339(micros: number, zone: string | null | undefined, withMicros: boolean): string {
  const w = wall(micros, zone);
  const d = w.date;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const frac = withMicros ? `.${pad(((micros % 1_000_000) + 1_000_000) % 1_000_000, 6)}` : '';
  const off = w.offsetMin;
  const offText = off === 0 ? 'Z' : `${off < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
  return `${isoDate(w)}T${time}${frac}${offText}`;
}

/** `Saturday 2025-08-23`. */
export function formatToday(micros: number, zone: string | null | undefined): string {
  const w = wall(micros, zone);
  return `${weekday(w)} ${isoDate(w)}`;
}

export function formatTodayIso(micros: number, zone: string | null | undefined): string {
  return isoDate(wall(micros, zone));
}

export function formatWeekday(micros: number, zone: string | null | undefined): string {
  return weekday(wall(micros, zone));
}

const now = (call: CallContext): number => call.host.nowMicros();

function entry(name: string, returns: string, what: string, example: string, impl: (call: CallContext) => unknown): CatalogEntry {
  return {
    name,
    signature: `aip.time.${name}() -> ${returns}`,
    doc: [
      what,
      '',
      `No arguments; returns ${returns === 'integer' ? 'an integer' : 'a string'}. Reads the host clock (and the local zone for the \`_local\` variants); never errors.`,
      '',
      `Example: \`${example}\``,
    ].join('\n'),
    impl,
  };
}

// UTC uses `null` as the zone, local `undefined` (the process zone).
const entries: CatalogEntry[] = [
  entry('now_iso_utc', 'string', 'Current time in UTC as RFC 3339 with seconds, e.g. `2025-08-23T14:35:12Z`.', 'local ts = aip.time.now_iso_utc()', (c) =>
    formatRfc3339(now(c), null, false),
  ),
  entry(
    'now_iso_local',
    'string',
    'Current local time as RFC 3339 with seconds and the UTC offset, e.g. `2025-08-23T09:35:12-05:00` (`Z` when the offset is zero).',
    'local ts = aip.time.now_iso_local()',
    (c) => formatRfc3339(now(c), undefined, false),
  ),
  entry(
    'now_iso_utc_micro',
    'string',
    'Current time in UTC as RFC 3339 with microseconds, e.g. `2025-08-23T14:35:12.123456Z`.',
    'local ts = aip.time.now_iso_utc_micro()',
    (c) => formatRfc3339(now(c), null, true),
  ),
  entry(
    'now_iso_local_micro',
    'string',
    'Current local time as RFC 3339 with microseconds and the UTC offset, e.g. `2025-08-23T09:35:12.123456-05:00`.',
    'local ts = aip.time.now_iso_local_micro()',
    (c) => formatRfc3339(now(c), undefined, true),
  ),
  entry('now_utc_micro', 'integer', 'Current time as microseconds since the Unix epoch (UTC), e.g. `1755959712123456`.', 'local t0 = aip.time.now_utc_micro()', (c) =>
    now(c),
  ),
  entry('today_utc', 'string', "Today's weekday and date in UTC, e.g. `Saturday 2025-08-23`.", 'local today = aip.time.today_utc()', (c) =>
    formatToday(now(c), null),
  ),
  entry('today_local', 'string', "Today's weekday and date in the local zone, e.g. `Saturday 2025-08-23`.", 'local today = aip.time.today_local()', (c) =>
    formatToday(now(c), undefined),
  ),
  entry('today_iso_utc', 'string', "Today's date in UTC as `YYYY-MM-DD`.", 'local day = aip.time.today_iso_utc()', (c) => formatTodayIso(now(c), null)),
  entry('today_iso_local', 'string', "Today's date in the local zone as `YYYY-MM-DD`.", 'local day = aip.time.today_iso_local()', (c) =>
    formatTodayIso(now(c), undefined),
  ),
  entry('weekday_utc', 'string', "Today's weekday name in UTC, e.g. `Saturday`.", 'local wd = aip.time.weekday_utc()', (c) => formatWeekday(now(c), null)),
  entry('weekday_local', 'string', "Today's weekday name in the local zone, e.g. `Saturday`.", 'local wd = aip.time.weekday_local()', (c) =>
    formatWeekday(now(c), undefined),
  ),
  entry('local_tz_id', 'string', 'IANA id of the local time zone, e.g. `America/Los_Angeles` (`UTC` if unknown).', 'local tz = aip.time.local_tz_id()', () =>
    localTzId(),
  ),
];

export const timeCatalog: ModuleCatalog = {
  module: 'time',
  doc: 'Current time and date: RFC 3339 timestamps (UTC or local, seconds or microseconds), epoch microseconds, today and weekday, local zone id.',
  entries,
};
