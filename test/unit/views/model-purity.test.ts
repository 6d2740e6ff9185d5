import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const MODEL_DIR = path.join(__dirname, '../../../src/views/model');

test('the Runs view model (src/views/model) imports no vscode, so it is unit-tested without an editor', () => {
  const files = fs.readdirSync(MODEL_DIR).filter((f) => f.endsWith('.ts'));
  assert.ok(files.length >= 10, `model files: ${files.join(', ')}`);
  const offenders = files.filter((f) => /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]vscode['"]/.test(fs.readFileSync(path.join(MODEL_DIR, f), 'utf8')));
  assert.deepEqual(offenders, []);
});
