/**
 * Entry point loaded by VS Code as `extensionTestsPath` (route (a) of test/e2e, or
 * `@vscode/test-electron`'s `runTests` where a desktop VS Code exists): runs the mocha
 * suites compiled next to this file inside the extension host. Mocha is required from
 * the project's node_modules, not bundled, so `describe`/`it` are the globals it sets.
 *
 * `AIPACK_E2E_SUITES` / `AIPACK_E2E_EXCLUDE` (comma-separated file-name substrings) pick
 * suites; the harness uses them to run the Restricted Mode suite in its own, untrusted window.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export function run(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Mocha = require('mocha') as typeof import('mocha');
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  // The output goes through the workbench's console, which shows escape codes raw (CI=1 would turn them on).
  Mocha.reporters.Base.useColors = false;
  const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const only = list(process.env.AIPACK_E2E_SUITES);
  const exclude = list(process.env.AIPACK_E2E_EXCLUDE);
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .filter((f) => only.length === 0 || only.some((s) => f.includes(s)))
    .filter((f) => !exclude.some((s) => f.includes(s)))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    if (files.length === 0) return reject(new Error(`no in-host test file matched AIPACK_E2E_SUITES=${only.join(',')}`));
    mocha.run((failures) => (failures ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
}
