// Route (a): mocha runs inside the real VS Code extension host (the server's Node host) and its
// result comes back through the smoke-test driver's codeAutomationExit hook.
const util = require('node:util');
const { sandbox, copyWorkspace, startServer, launchBrowser } = require('./vscode');

// Workbench chatter that says nothing about our extension (connection set-up, gallery, accounts).
const NOISE = new RegExp([
  '^\\[(AgentHost|ChatModelSelection|AccountPolicyGate|reconnection-grace-time)', '^Creating a socket', '^Resolv(ing|ed) connection token',
  '^Updating additional builtin extensions cache', "authentication provider 'github'", 'open-vsx\\.org', 'Service ?Worker',
  'Failed to load resource', 'ENOTFOUND',
].join('|'));
// Stack frames inside the workbench's own bundles.
const WORKBENCH_FRAME = /^\s*at .*\/static\/(out|node_modules)\//;

/**
 * Opens a copy of `workspace` in VS Code with the extension at `extensionPath` loaded for development
 * and runs the tests module `testsPath` (compiled JS exporting `run()`); resolves with its exit code.
 * `settings` go to the user settings, `env` to the server (and so to the extension host).
 */
async function runExtensionTests({ extensionPath, testsPath, workspace, settings = {}, env = {}, timeoutMs = 180_000, log = console.log }) {
  const sb = sandbox(settings, env);
  const folder = copyWorkspace(sb, workspace);
  const srv = await startServer(sb, 'exthost');
  let browser;
  try {
    browser = await launchBrowser(sb.env);
    const page = await browser.newPage();
    let exited;
    const exit = new Promise((r) => { exited = r; });
    await page.exposeFunction('codeAutomationExit', (code) => exited(code)); // expose BEFORE goto
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const lines = util.format(...args).split('\n').filter((l) => !WORKBENCH_FRAME.test(l));
      if (lines.length > 0 && !NOISE.test(lines[0])) log(lines.join('\n'));
    });
    const remote = (p) => `vscode-remote://127.0.0.1:${srv.port}${p}`;
    const payload = JSON.stringify([['extensionDevelopmentPath', remote(extensionPath)], ['extensionTestsPath', remote(testsPath)]]);
    await page.goto(`${srv.base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(payload)}`);
    let timer;
    const timeout = new Promise((_, rej) => {
      timer = setTimeout(() => rej(new Error(`no exit from the extension host after ${timeoutMs} ms; server log: ${srv.logFile}`)), timeoutMs);
    });
    try {
      return await Promise.race([exit, timeout]);
    } finally {
      clearTimeout(timer);
    }
  } catch (err) {
    srv.stop(true); // keep the sandbox for the post-mortem
    throw err;
  } finally {
    if (browser) await browser.close();
    srv.stop();
  }
}

module.exports = { runExtensionTests };
