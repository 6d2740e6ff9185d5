// Compiles the in-host suites (test/integration/**/*.ts) for the extension host: one CommonJS
// file per suite plus index.js (VS Code's extensionTestsPath), into the gitignored .e2e-build/.
// `vscode` is provided by the host; mocha is required from node_modules so its globals are shared.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
export const OUT = join(ROOT, '.e2e-build/integration');

export async function buildIntegrationTests() {
  const src = join(ROOT, 'test/integration');
  const entries = readdirSync(src)
    .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
    .map((f) => join(src, f));
  rmSync(OUT, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: entries,
    outdir: OUT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return { testsPath: join(OUT, 'index.js'), suites: entries.filter((e) => e.endsWith('.test.ts')).length };
}

/** test/support/mock-openai.ts as CommonJS, so the plain-Node harness can serve route (b) from it. */
export async function buildMock() {
  const outfile = join(ROOT, '.e2e-build/mock-openai.js');
  await esbuild.build({
    entryPoints: [join(ROOT, 'test/support/mock-openai.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
  return outfile;
}
