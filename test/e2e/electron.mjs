// The same in-host suites on a desktop VS Code through @vscode/test-electron, for machines that can
// download it (these cannot: code-server is used instead, see run.mjs). Two windows as in route (a):
// a trusted one with every suite but Restricted Mode, then an untrusted one for that suite.
//   node test/e2e/electron.mjs [--version=stable|1.95.0]
// The VS Code download is cached next to the code-server install (outside the clone).
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, buildIntegrationTests } from './build.mjs';

const require = createRequire(import.meta.url);
const { runTests } = require('@vscode/test-electron');
const { CACHE } = require('./vscode.js');

const version = process.argv.find((a) => a.startsWith('--version='))?.slice(10) ?? 'stable';
const { testsPath } = await buildIntegrationTests();
// Keys and endpoints of the real environment must not reach the editor under test.
const clean = Object.fromEntries(Object.keys(process.env).filter((k) => /_API_KEY$|^AIPACK_|^OPENAI_BASE_URL$|^GENAI_/.test(k)).map((k) => [k, undefined]));

async function window(name, settings, env, extraArgs) {
  const tmp = mkdtempSync(join(tmpdir(), 'aipack-electron-'));
  try {
    const workspace = join(tmp, 'workspace');
    cpSync(join(ROOT, 'test/fixtures/e2e-workspace'), workspace, { recursive: true });
    mkdirSync(join(tmp, 'user/User'), { recursive: true });
    writeFileSync(join(tmp, 'user/User/settings.json'), JSON.stringify(settings));
    mkdirSync(join(tmp, 'home'));
    const code = await runTests({
      version,
      cachePath: join(CACHE, 'electron'),
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: testsPath,
      launchArgs: [workspace, '--user-data-dir', join(tmp, 'user'), '--extensions-dir', join(tmp, 'extensions'), ...extraArgs],
      // HOME: the runtime's base dir (~/.aipack-base) goes to the temp dir.
      extensionTestsEnv: { ...clean, HOME: join(tmp, 'home'), ...env },
    });
    console.log(`electron: ${name}: exit ${code}`);
    return code;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

let failed = false;
try {
  failed ||= (await window('trusted', { 'security.workspace.trust.enabled': false }, { AIPACK_E2E_EXCLUDE: 'restricted' }, [])) !== 0;
  failed ||= (await window('restricted', { 'security.workspace.trust.startupPrompt': 'never' }, { AIPACK_E2E_SUITES: 'restricted' }, [])) !== 0;
} catch (err) {
  console.error(`electron: ${err?.message ?? err}`);
  failed = true;
}
process.exit(failed ? 1 : 0);
