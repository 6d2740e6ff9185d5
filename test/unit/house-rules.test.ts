// House rule 1: src/runtime never imports the editor or language-server packages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const FORBIDDEN = /(?:from\s+|require\(\s*|import\(\s*)['"](vscode|vscode-languageserver[^'"]*|vscode-languageclient[^'"]*)['"]/;

function tsFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) tsFiles(p, out);
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

test('src/runtime imports neither vscode nor vscode-languageserver*', () => {
  const root = join(__dirname, '..', '..', 'src', 'runtime');
  const files = tsFiles(root);
  assert.ok(files.length > 0, 'src/runtime has TypeScript files');
  const offenders = files.filter((f) => FORBIDDEN.test(readFileSync(f, 'utf8')));
  assert.deepEqual(offenders, []);
});

test('the pattern catches the forms an import can take', () => {
  for (const line of [`import * as vscode from 'vscode';`, `const x = require("vscode-languageserver/node");`, `await import('vscode-languageclient')`]) {
    assert.match(line, FORBIDDEN);
  }
  assert.doesNotMatch(`import { x } from './vscode-like';`, FORBIDDEN);
});
