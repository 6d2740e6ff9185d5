// The udiffx crate's own patch scenarios (tests_patches.rs), run against our port.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyPatchIncremental, type PatchResult } from '../../../src/runtime/script/aip/udiffx-patch';
import { extractFileChanges } from '../../../src/runtime/script/aip/udiffx-extract';
import { splitRawHunks } from '../../../src/runtime/script/aip/udiffx-hunks';

const DIR = join(__dirname, '../../fixtures/aip-io/udiffx-patches');

function normalizeTags(s: string): string {
  return s
    .replace(/TEST_FILE_CHANGES/g, 'UDIFFX_FILE_CHANGES')
    .replace(/TEST_FILE_PATCH/g, 'FILE_PATCH')
    .replace(/TEST_FILE_NEW/g, 'FILE_NEW')
    .replace(/TEST_FILE_APPEND/g, 'FILE_APPEND')
    .replace(/TEST_FILE_RENAME/g, 'FILE_RENAME')
    .replace(/TEST_FILE_DELETE/g, 'FILE_DELETE');
}

function scenario(folder: string): { original: string; results: PatchResult[]; patches: string[] } {
  const original = readFileSync(join(DIR, folder, 'original.txt'), 'utf8');
  const changes = normalizeTags(readFileSync(join(DIR, folder, 'changes.txt'), 'utf8'));
  const { directives } = extractFileChanges(changes, false);
  let content = original;
  const results: PatchResult[] = [];
  const patches: string[] = [];
  for (const d of directives) {
    assert.equal(d.kind, 'Patch', `${folder}: only FILE_PATCH expected`);
    if (d.kind !== 'Patch') continue;
    patches.push(d.content);
    const r = applyPatchIncremental(content, d.content);
    content = r.newContent;
    results.push(r);
  }
  assert.ok(results.length > 0, `${folder}: no patch directive`);
  return { original, results, patches };
}

const output = (folder: string) => scenario(folder).results[0].newContent;
const errorHunks = (folder: string) => scenario(folder).results.flatMap((r) => r.hunkErrors);

test('01 crlf', () => {
  const c = output('test-01-crlf');
  assert.ok(c.includes('edition = "2024"'));
  assert.ok(c.includes('resolver = "3"'));
});

test('02 append', () => assert.ok(output('test-02-append').includes('\n\nline 3')));
test('03 no matching empty line', () => assert.ok(output('test-03-no-matching-empty-line').includes('init_profiles_if_missing')));
test('04 no end line', () => assert.ok(output('test-04-no-end-line').includes(' Improve Patch Completer')));
test('05 misplaced', () => assert.ok(output('test-05-missplaced').includes('## Request: Ensure Alacritty')));
test('06 no match reports hunk errors', () => assert.ok(errorHunks('test-06-no-match').length > 0));
test('07 new line', () => assert.ok(output('test-07-new-line').includes('## Request: Unified Tool')));

test('08 mismatch (resilient/fuzzy tiers)', () => {
  const c = output('test-08-missmatch');
  for (const s of [
    'WorkConfirm(Id), WorkCancel(Id), Run(RunArgs),',
    'WorkConfirm(Id), WorkCancel(Id), WorkRun(Id), WorkClose(Id),',
    '### Formatting & UI Getters (impl_fmt.rs & impl_model_state.rs)',
    '### Model State Helpers',
    '### Lifecycle & State Processing',
  ]) assert.ok(c.includes(s), s);
  assert.ok(!c.includes('- **Auto-dismiss (4s)**'));
  assert.ok(!c.includes('### formatting & UI Getters'));
});

test('09 fuzzy ticks', () => {
  const c = output('test-09-fuzzy-ticks');
  assert.ok(c.includes('**Stage Management**'));
  assert.ok(c.includes('remains active until the user confirms or closes the dialog'));
  assert.ok(!c.includes('Auto-dismiss (4s)'));
});

test('10', () => assert.ok(output('test-10').includes('local function sort_files_by_mtime')));

test('11 append with empty surround', () => {
  const c = output('test-11-append-with-empty-surround');
  assert.ok(c.includes('line 3'));
  assert.ok(!c.includes('\n\n\n\nline 3'));
  assert.ok(!c.includes('line 3\n\n\n\n'));
});

test('12 append with white end surround', () => {
  const c = output('test-12-append-with-white-end-surround');
  assert.ok(c.includes('line 3') && c.includes('line 4'));
});

test('13 append to empty with trailing blank context', () => assert.equal(output('test-13-append-trailing-blank-context'), 'line 3\nline 4\n'));

test('14 removal suffix', () => {
  const c = output('test-14-removal-suffix');
  assert.ok(c.includes('create_async_connection_pool') && c.includes('get_async_connection'));
  assert.ok(!c.includes('create_connection_pool'));
  assert.ok(!c.includes('pool.get_connection'));
  assert.ok(c.includes('shutdown_database_connection'));
});

test('15', () => {
  const c = output('test-15');
  assert.ok(c.includes('outputMeshes'));
  assert.ok(!c.includes('predictLabels'));
  assert.ok(!c.includes('outputLabelmap'));
});

test('16 partial hunk: good hunks apply, the bad one is reported', () => {
  const { results, patches } = scenario('test-16-partial-hunk');
  assert.equal(splitRawHunks(patches[0]).length, 3);
  const c = results[0].newContent;
  assert.ok(c.includes('alpha_key = "alpha_updated"') && !c.includes('alpha_key = "alpha_value"'));
  assert.ok(c.includes('beta_key = "beta_value"'));
  assert.ok(c.includes('gamma_key = "gamma_updated"') && !c.includes('gamma_key = "gamma_value"'));
  assert.equal(results[0].hunkErrors.length, 1);
  assert.ok(results[0].hunkErrors[0].cause !== '');
  assert.equal(results[0].totalHunks, 3);
});

test('17 all hunks fail: content unchanged', () => {
  const { original, results, patches } = scenario('test-17-all-hunks-fail');
  assert.equal(splitRawHunks(patches[0]).length, 2);
  assert.equal(results[0].hunkErrors.length, 2);
  const norm = original.endsWith('\n') ? original : `${original}\n`;
  assert.equal(results[0].newContent, norm);
});

test('18 out of order hunks', () => {
  const c = output('test-18-out-of-order');
  for (const s of ['m_dragStartedCallback', 'setDragStartedCallback', 'setDragEndedCallback', 'setHitThreshold', 'setBothPlanesChangedCallback']) {
    assert.ok(c.includes(s), s);
  }
});

test('19 tilde range', () => {
  const c = output('test-19-tilde-range');
  for (const d of 'abcdefgh') assert.ok(!c.includes(`dep_${d}`), `dep_${d}`);
  assert.ok(c.includes('new_dep = "2.0"') && c.includes('[dependencies]') && c.includes('[settings]') && c.includes('debug = true'));
});

test('20 wrapper lines', () => {
  const c = output('test-20-wrapper-lines');
  assert.ok(c.includes('- When `dev.spec` is enabled with the default path, the default spec file is `$coder_prompt_dir/dev/spec/spec.md`.'));
  assert.ok(c.includes('- Ensures the spec context file exists at the resolved spec file path.'));
  assert.ok(c.includes('- Appends the resolved chat path and `plan-*.md` glob to `context_globs_post` when missing (deduped).'));
});

test('21 silent no-op hunk is an error', () => {
  const errs = errorHunks('test-21-silent-noop-hunk');
  assert.ok(errs.length > 0);
  assert.ok(errs[0].cause.includes('Could not find patch context in original file'), errs[0].cause);
});

test('22 not matching', () => assert.ok(errorHunks('test-22-not-matching').length > 0));
