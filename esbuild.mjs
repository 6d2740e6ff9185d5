// Bundles the entry points: the extension (vscode external), the language server, the
// CLI and the Lua script worker (started by the runtime from beside the bundle). sql.js's
// and wasmoon's wasm files are copied next to them because both load them from disk.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const watch = process.argv.includes('--watch');
const outdir = 'dist';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  // Minified bundles load faster in the extension host and keep the .vsix small;
  // names are kept so error classes and stack traces stay readable.
  // AIP_NO_MINIFY=1: readable bundles (profiling).
  minify: !watch && !process.env.AIP_NO_MINIFY,
  keepNames: true,
  logLevel: 'info',
};

const builds = [
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: `${outdir}/extension.js`, external: ['vscode'] },
  { ...common, entryPoints: ['src/server/main.ts'], outfile: `${outdir}/server.js` },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: `${outdir}/cli.js`, banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['src/runtime/script/lua-worker.ts'], outfile: `${outdir}/lua-worker.js` },
];

function copyWasm() {
  mkdirSync(outdir, { recursive: true });
  const wasm = join(dirname(require.resolve('sql.js')), 'sql-wasm.wasm');
  copyFileSync(wasm, join(outdir, 'sql-wasm.wasm'));
  copyFileSync(join(dirname(require.resolve('wasmoon')), 'glue.wasm'), join(outdir, 'glue.wasm'));
}

copyWasm();
if (watch) {
  for (const b of builds) {
    const ctx = await esbuild.context(b);
    await ctx.watch();
  }
  console.log('esbuild: watching…');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
