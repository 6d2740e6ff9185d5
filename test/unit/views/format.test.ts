import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detailQuery, detailTitle, parseDetailQuery } from '../../../src/views/detail-uri';
import { errorLocation } from '../../../src/views/model/error-location';
import { durationMs, firstLine, formatCost, formatDuration, formatTokens, joinParts } from '../../../src/views/model/format';
import { cell, code, commandUri, fence, table } from '../../../src/views/model/markdown';
import { nodeState, STATE_ICONS } from '../../../src/views/model/node-view';
import { pinText } from '../../../src/views/model/pins';

test('durations: ms, tenths under 10 s, seconds, minutes, hours; negative reads as 0', () => {
  assert.deepEqual(
    [0, 345.4, 999, 1000, 4_290, 9_999, 10_000, 41_900, 125_000, 3_725_000, -5, NaN].map(formatDuration),
    ['0ms', '345ms', '999ms', '1.0s', '4.2s', '9.9s', '10s', '41s', '2m 05s', '1h 02m', '0ms', '0ms'],
  );
  assert.equal(durationMs(null, null, 5_000_000), undefined);
  assert.equal(durationMs(1_000_000, null, 3_500_000), 2500, 'running: measured to now');
  assert.equal(durationMs(1_000_000, 2_000_000, 9_000_000), 1000);
});

test('tokens and costs stay short', () => {
  assert.deepEqual([0, 850, 1_234, 9_999, 12_345, 999_999, 1_340_000].map(formatTokens), ['0 tok', '850 tok', '1.2k tok', '9.9k tok', '12k tok', '999k tok', '1.3M tok']);
  assert.deepEqual([0, 1.234, 0.0423, 0.00123, 0.00004, -0.5].map(formatCost), ['$0.00', '$1.23', '$0.042', '$0.0012', '<$0.0001', '-$0.500']);
  assert.equal(firstLine('  first line\nsecond'), 'first line');
  assert.equal(firstLine('abcdefghij', 5), 'abcd…');
  assert.equal(joinParts(['a', undefined, '', false, 'b']), 'a · b');
});

test('markdown helpers: fences outgrow backtick runs, table cells lose pipes and newlines', () => {
  assert.equal(fence('a ``` b', 'lua'), '````lua\na ``` b\n````');
  assert.equal(fence('x\n'), '```text\nx\n```');
  assert.equal(cell('a|b\nc'), 'a\\|b c');
  assert.equal(table(['#', 'x'], [[1, 'y']]), '| # | x |\n| --- | --- |\n| 1 | y |');
  assert.equal(code('a`b'), '``a`b``');
  assert.equal(commandUri('aipack.runs.openAgent', [{ runId: 3, line: 9 }]), `command:aipack.runs.openAgent?${encodeURIComponent('[{"runId":3,"line":9}]')}`);
});

test('error locations come from the `<file>.aip:<line>:` prefix of stage errors', () => {
  assert.deepEqual(errorLocation('hello.aip:9: boom'), { file: 'hello.aip', line: 9 });
  assert.deepEqual(errorLocation('Lua error: [string] agents/x.aip:12: attempt to index a nil value'), { file: 'agents/x.aip', line: 12 });
  assert.equal(errorLocation('Mock error 500'), undefined);
});

test('states map to the Testing view codicons and colours', () => {
  const row = (start: number | null, end: number | null, end_state: 'Ok' | 'Err' | 'Cancel' | 'Skip' | null) => nodeState({ start, end, end_state });
  assert.equal(row(null, null, null), 'queued');
  assert.equal(row(1, null, null), 'running');
  assert.equal(row(1, 2, 'Ok'), 'ok');
  assert.equal(row(1, null, 'Err'), 'failed', 'the Err end state shows before the end time');
  assert.equal(row(1, 2, 'Skip'), 'skipped');
  assert.equal(row(1, 2, 'Cancel'), 'cancelled');
  assert.deepEqual(STATE_ICONS.running, { id: 'loading~spin' });
  assert.deepEqual(STATE_ICONS.queued, { id: 'circle-large-outline', color: 'testing.iconQueued' });
  assert.deepEqual(STATE_ICONS.ok, { id: 'pass', color: 'testing.iconPassed' });
  assert.deepEqual(STATE_ICONS.failed, { id: 'error', color: 'testing.iconFailed' });
  assert.deepEqual(STATE_ICONS.skipped, { id: 'circle-slash', color: 'testing.iconSkipped' });
  assert.deepEqual(STATE_ICONS.cancelled, { id: 'circle-slash', color: 'testing.iconSkipped' });
});

test('pin text reads the Marker JSON, plain text stays as is', () => {
  assert.equal(pinText('{"label":"Files:","content":"12"}'), 'Files: 12');
  assert.equal(pinText('{"content":"x"}'), 'x');
  assert.equal(pinText('plain'), 'plain');
  assert.equal(pinText(null), '');
});

test('detail URIs round-trip folder, kind, id and part; titles have no separators', () => {
  const q = detailQuery({ folderKey: 'file:///w/a b', kind: 'task', id: 12, part: 'prompt' });
  assert.deepEqual(parseDetailQuery(q), { folderKey: 'file:///w/a b', kind: 'task', id: 12, part: 'prompt' });
  assert.deepEqual(parseDetailQuery(detailQuery({ folderKey: 'k', kind: 'run', id: 3, part: 'detail' })), { folderKey: 'k', kind: 'run', id: 3, part: 'detail' });
  assert.equal(parseDetailQuery('run=3'), undefined, 'no folder');
  assert.equal(parseDetailQuery('f=k&run=x'), undefined, 'no id');
  assert.equal(detailTitle('Task 1 — src/a:b.md'), 'Task 1 — src a b.md.md');
});
