import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { assembleInputs, displayPath } from '../../../src/extension/input-files';
import {
  EMPTY_SPEC,
  describeSpec,
  isEmptySpec,
  normalizeLastRun,
  normalizeSpec,
  parseGlobList,
} from '../../../src/extension/inputs';
import { tempDir } from '../../support/temp-dir';

function tree(): string {
  const dir = tempDir('aip-ext-inputs-');
  fs.mkdirSync(path.join(dir, '.aipack'));
  fs.mkdirSync(path.join(dir, 'docs'));
  fs.writeFileSync(path.join(dir, 'docs', 'a.md'), '# a');
  fs.writeFileSync(path.join(dir, 'docs', 'b.md'), '# b');
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'n');
  return dir;
}

type Fi = { _type: string; path: string; name: string };

test('assembleInputs: empty spec → no inputs (the agent runs once with nil)', async () => {
  const dir = tree();
  assert.deepEqual(await assembleInputs(EMPTY_SPEC, dir, dir), { ok: true, inputs: undefined });
});

test('assembleInputs: texts first, then glob matches, then picked files, duplicates dropped', async () => {
  const dir = tree();
  const r = await assembleInputs(
    { texts: ['one', 'two'], globs: ['docs/*.md'], files: [path.join(dir, 'notes.txt'), path.join(dir, 'docs', 'a.md')] },
    dir,
    dir,
  );
  assert.equal(r.ok, true);
  const inputs = (r as { inputs: unknown[] }).inputs;
  assert.deepEqual(inputs.slice(0, 2), ['one', 'two']);
  const files = inputs.slice(2) as Fi[];
  assert.deepEqual(files.map((f) => [f._type, f.path, f.name]), [
    ['FileInfo', 'docs/a.md', 'a.md'],
    ['FileInfo', 'docs/b.md', 'b.md'],
    ['FileInfo', 'notes.txt', 'notes.txt'],
  ]);
});

test('assembleInputs: a glob that matches nothing is an error naming the glob and the folder', async () => {
  const dir = tree();
  const r = await assembleInputs({ texts: ['x'], globs: ['src/**/*.rs', '*.nope'], files: [path.join(dir, 'notes.txt')] }, dir, dir);
  assert.deepEqual(r, { ok: false, message: `No files matched 'src/**/*.rs', '*.nope' (from ${dir}).` });
});

test('assembleInputs: a picked file that is gone is an error', async () => {
  const dir = tree();
  const gone = path.join(dir, 'gone.md');
  assert.deepEqual(await assembleInputs({ texts: [], globs: [], files: [gone] }, dir, dir), { ok: false, message: `File not found: ${gone}` });
});

test('assembleInputs: files without a workspace dir report the runtime message', async () => {
  const dir = tree();
  const r = await assembleInputs({ texts: [], globs: ['*.txt'], files: [] }, dir, undefined);
  assert.deepEqual(r, {
    ok: false,
    message: "Running on files (-f) needs a workspace: no '.aipack/' found. Run 'aip init' in your project directory.",
  });
});

test('displayPath: relative inside the workspace, absolute outside', () => {
  const dir = tree();
  assert.equal(displayPath(path.join(dir, 'docs', 'a.md'), dir), 'docs/a.md');
  assert.equal(displayPath('/elsewhere/x.md', dir), '/elsewhere/x.md');
  assert.equal(displayPath('/elsewhere/x.md', undefined), '/elsewhere/x.md');
});

test('normalizeSpec / normalizeLastRun: malformed workspaceState values are tamed', () => {
  assert.deepEqual(normalizeSpec(undefined), EMPTY_SPEC);
  assert.deepEqual(normalizeSpec({ texts: ['a', 3, null], globs: 'x', files: ['/f'] }), { texts: ['a'], globs: [], files: ['/f'] });
  assert.equal(normalizeLastRun(undefined), undefined);
  assert.equal(normalizeLastRun({ folderUri: 1, agentRef: 'a' }), undefined);
  assert.deepEqual(normalizeLastRun({ folderUri: 'file:///w', agentRef: 'a.aip' }), { folderUri: 'file:///w', agentRef: 'a.aip', spec: EMPTY_SPEC });
});

test('describeSpec and isEmptySpec', () => {
  assert.equal(describeSpec(EMPTY_SPEC), 'no inputs');
  assert.equal(isEmptySpec(EMPTY_SPEC), true);
  assert.equal(describeSpec({ texts: ['hello   world'], globs: [], files: [] }), '"hello world"');
  assert.equal(describeSpec({ texts: ['a', 'b'], globs: ['src/**/*.md', 'x.txt'], files: ['/w/a.md'] }), '2 text inputs · src/**/*.md, x.txt · a.md');
  assert.equal(describeSpec({ texts: ['x'.repeat(60)], globs: [], files: ['/a', '/b'] }), `"${'x'.repeat(39)}…" · 2 files`);
  assert.equal(isEmptySpec({ texts: [], globs: ['a'], files: [] }), false);
});

test('parseGlobList: commas and newlines, blanks dropped', () => {
  assert.deepEqual(parseGlobList(' src/**/*.md, docs/*.txt\nREADME.md ,, '), ['src/**/*.md', 'docs/*.txt', 'README.md']);
  assert.deepEqual(parseGlobList('  '), []);
});
