// Runs every test file under test/ with Node's own test runner (TypeScript through
// tsx). Node 20's `--test` takes no globs, so the files are listed here.
// Without a path filter, the editor tests in a real VS Code (test/e2e/run.mjs) follow
// when the unit tests pass; they skip with a reason when VS Code cannot be set up
// (and fail instead when CI is set).
// Usage: node test/run.mjs [path-filter...]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'fixtures' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.test.ts')) out.push(relative(root, p));
  }
  return out;
}

// test/e2e and test/integration hold the real-editor suites (they need VS Code's extension
// host, not plain Node); test/e2e/run.mjs runs them.
const files = walk(join(root, 'test'), [])
  .filter((f) => !f.startsWith('test/e2e/') && !f.startsWith('test/integration/'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}

const BUSY = `const parent = process.ppid;
(function spin() {
  const t = Date.now();
  while (Date.now() - t < 200) {}
  if (process.ppid === parent) setImmediate(spin);
})();`;

// Pressure mode (AIP_TEST_PRESSURE=1, or a number of busy workers): every core is kept busy beside the tests, as on
// a loaded CI box, so a test that depends on timing or on another test's leftovers shows up here first.
const pressure = startPressure(process.env.AIP_TEST_PRESSURE);
process.on('exit', () => pressure.forEach((c) => c.kill('SIGKILL')));

function startPressure(value) {
  if (!value || value === '0') return [];
  const n = /^\d+$/.test(value) && value !== '1' ? Number(value) : availableParallelism();
  console.log(`pressure: ${n} busy worker(s) beside the tests`);
  return Array.from({ length: n }, () =>
    // Busy in 200 ms slices, ending itself when this runner is gone (a killed runner runs no exit handler).
    spawn(process.execPath, ['-e', BUSY], { stdio: 'ignore' }).on('error', () => {}),
  );
}

// The unit tests get a temp folder of their own for this run: what a test leaves there is listed and fails the
// run (tests clean up after themselves), and nothing is left in the machine's temp folder either way.
const outerTmp = tmpdir();
const runTmp = mkdtempSync(join(outerTmp, 'aip-test-run-'));
// tsx keeps its compile cache in the temp folder; share the outer one so each run does not recompile.
const tsxCache = readdirSync(outerTmp).filter((n) => /^tsx-\d+$/.test(n));
for (const n of tsxCache) symlinkSync(join(outerTmp, n), join(runTmp, n));
const res = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', ...files],
  { cwd: root, stdio: 'inherit', env: { ...process.env, AIP_TEST: '1', TMPDIR: runTmp } },
);
const leftovers = readdirSync(runTmp).filter((n) => !/^tsx-\d+$/.test(n));
rmSync(runTmp, { recursive: true, force: true });
if (leftovers.length > 0) {
  console.error(`\n${leftovers.length} temp entr${leftovers.length === 1 ? 'y was' : 'ies were'} left by the tests: ${leftovers.slice(0, 20).join(', ')}`);
  if (res.status === 0) process.exit(1);
}
if (res.status !== 0 || filters.length > 0) process.exit(res.status ?? 1);

// Under `npm test` the script has just built dist/ (npm run build); the editor tests need not rebuild it.
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const built = process.env.npm_lifecycle_event === 'test' && /npm run build\b.*test\/run\.mjs/.test(pkg.scripts?.test ?? '');
const e2e = spawnSync(process.execPath, [join(root, 'test/e2e/run.mjs'), ...(built ? ['--no-build'] : [])], { cwd: root, stdio: 'inherit' });
process.exit(e2e.status ?? 1);
