import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatRfc3339, formatToday, formatTodayIso, formatWeekday, localTzId, timeCatalog, zoneOffsetMinutes } from '../../../src/runtime/script/aip/time';
import { evalLua } from '../../../src/runtime/script/lua-engine';
import { memHost } from '../../support/mem-host';
import { catalogFns } from './helpers';

// 2025-08-23T14:35:12.123456Z, a Saturday.
const NOW = Date.UTC(2025, 7, 23, 14, 35, 12, 123) * 1000 + 456;

const time = catalogFns(timeCatalog, { host: () => memHost({}, { nowMicros: () => NOW }) });

test('catalog: the 12 functions of §8.19 with docs', () => {
  assert.deepEqual(timeCatalog.entries.map((e) => e.signature), [
    'aip.time.now_iso_utc() -> string',
    'aip.time.now_iso_local() -> string',
    'aip.time.now_iso_utc_micro() -> string',
    'aip.time.now_iso_local_micro() -> string',
    'aip.time.now_utc_micro() -> integer',
    'aip.time.today_utc() -> string',
    'aip.time.today_local() -> string',
    'aip.time.today_iso_utc() -> string',
    'aip.time.today_iso_local() -> string',
    'aip.time.weekday_utc() -> string',
    'aip.time.weekday_local() -> string',
    'aip.time.local_tz_id() -> string',
  ]);
  for (const e of timeCatalog.entries) assert.match(e.doc, /Example: `/);
});

test('UTC functions use the Host clock', () => {
  assert.equal(time.now_iso_utc(), '2025-08-23T14:35:12Z');
  assert.equal(time.now_iso_utc_micro(), '2025-08-23T14:35:12.123456Z');
  assert.equal(time.now_utc_micro(), NOW);
  assert.equal(time.today_utc(), 'Saturday 2025-08-23');
  assert.equal(time.today_iso_utc(), '2025-08-23');
  assert.equal(time.weekday_utc(), 'Saturday');
});

test('local functions follow the process zone', () => {
  const tz = localTzId();
  assert.equal(typeof tz, 'string');
  assert.equal(time.local_tz_id(), tz);
  assert.equal(time.now_iso_local(), formatRfc3339(NOW, tz, false));
  assert.equal(time.now_iso_local_micro(), formatRfc3339(NOW, tz, true));
  assert.equal(time.today_local(), formatToday(NOW, tz));
  assert.equal(time.today_iso_local(), formatTodayIso(NOW, tz));
  assert.equal(time.weekday_local(), formatWeekday(NOW, tz));
  assert.match(time.now_iso_local() as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/);
});

test('zones: negative, half-hour and zero offsets; date and weekday change across midnight', () => {
  assert.equal(formatRfc3339(NOW, 'America/New_York', false), '2025-08-23T10:35:12-04:00');
  assert.equal(formatRfc3339(NOW, 'Asia/Kolkata', true), '2025-08-23T20:05:12.123456+05:30');
  assert.equal(formatRfc3339(NOW, 'UTC', false), '2025-08-23T14:35:12Z', 'zero offset is written Z');
  assert.equal(zoneOffsetMinutes(NOW / 1000, 'America/New_York'), -240);
  assert.equal(zoneOffsetMinutes(Date.UTC(2025, 0, 15) , 'America/New_York'), -300, 'standard time in winter');
  const lateUtc = Date.UTC(2025, 7, 23, 23, 30) * 1000;
  assert.equal(formatToday(lateUtc, 'Asia/Tokyo'), 'Sunday 2025-08-24');
  assert.equal(formatTodayIso(lateUtc, null), '2025-08-23');
  assert.equal(formatWeekday(lateUtc, 'Pacific/Honolulu'), 'Saturday');
});

test('µs formatting pads and never rounds up the second', () => {
  const t = Date.UTC(2000, 0, 1, 0, 0, 59, 999) * 1000 + 999;
  assert.equal(formatRfc3339(t, null, true), '2000-01-01T00:00:59.999999Z');
  assert.equal(formatRfc3339(t, null, false), '2000-01-01T00:00:59Z');
  assert.equal(formatRfc3339(Date.UTC(2000, 0, 1) * 1000 + 7, null, true), '2000-01-01T00:00:00.000007Z');
});

test('through Lua', async () => {
  const r = await evalLua('return { aip.time.now_iso_utc(), aip.time.weekday_utc(), aip.time.today_iso_utc() }', {
    catalogs: [timeCatalog],
    call: { host: memHost({}, { nowMicros: () => NOW }) },
  });
  assert.deepEqual(r, ['2025-08-23T14:35:12Z', 'Saturday', '2025-08-23']);
});
