// The extension's pure modules are unit-tested under plain Node, so they must
// not import 'vscode' (not even for types: keep them free of the editor API).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const PURE = ['config', 'status-format', 'agent-pick', 'inputs', 'input-files', 'keys-model', 'sample-agent', 'install-pack-model'];
const dir = path.join(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '../../../src/extension');

for (const name of PURE) {
  test(`src/extension/${name}.ts does not import vscode`, () => {
    const text = fs.readFileSync(path.join(dir, `${name}.ts`), 'utf8');
    assert.doesNotMatch(text, /from ['"]vscode['"]|require\(['"]vscode['"]\)/);
  });
}

test('extension.ts only wires: no function bodies beyond activate/deactivate', () => {
  const text = fs.readFileSync(path.join(dir, 'extension.ts'), 'utf8');
  const fns = [...text.matchAll(/^export (?:async )?function (\w+)/gm)].map((m) => m[1]);
  assert.deepEqual(fns, ['activate', 'deactivate']);
  assert.ok(text.split('\n').length < 120);
});
