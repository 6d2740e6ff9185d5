// Route (b): the packaged .vsix installed in code-server, driven like a user through headless Chromium:
// run an agent from the command palette against the mock LLM, open the Runs view, wait for the finished
// run, save a screenshot. The CSS selectors are VS Code 1.139.1 internals.
const fs = require('node:fs');
const path = require('node:path');
const { sandbox, copyWorkspace, startServer, launchBrowser, installVsix } = require('./vscode');

const found = (locator, timeout) => locator.waitFor({ timeout }).then(() => true, () => false);

/** F1, type the command title, Enter; retried because an early F1 can be swallowed while the workbench settles. */
async function runCommand(page, title) {
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    if (!(await found(input, 5_000))) continue;
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    if (!(await found(row, 5_000))) continue;
    await page.keyboard.press('Enter');
    return;
  }
  throw new Error(`palette: "${title}" not found`);
}

/** Picks the Quick Pick row containing `text` (filtering by typing it first). */
async function pick(page, text, timeout = 10_000) {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout });
  await input.fill(text);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
  await row.waitFor({ timeout });
  await row.click();
}

/** Answers an input box (the Quick Input widget without a list) with `value`. */
async function answer(page, value, timeout = 10_000) {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout });
  await input.fill(value);
  await page.keyboard.press('Enter');
}

async function uiRunAgent({ vsix, workspace, mockPath, env = {}, screenshot, timeoutMs = 120_000 }) {
  const { startMockOpenAI } = require(mockPath);
  const mock = await startMockOpenAI({ models: ['gpt-5.4-mini'] });
  mock.setDefaultReply({ text: 'Hello from the mock.', usage: { prompt_tokens: 1200, completion_tokens: 300 }, chunkDelayMs: 5 });
  const sb = sandbox({
    'workbench.startupEditor': 'none', 'chat.disableAIFeatures': true, 'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'extensions.autoUpdate': false, 'workbench.tips.enabled': false,
  }, {
    ...env, AIPACK_OPENAI_BASE_URL: mock.baseUrl, AIPACK_OPENAI_RESP_BASE_URL: mock.baseUrl, OPENAI_API_KEY: 'e2e-ui-key',
  });
  let srv, browser;
  try {
    installVsix(sb, vsix);
    const folder = copyWorkspace(sb, workspace);
    srv = await startServer(sb, 'ui', folder);
    browser = await launchBrowser(sb.env);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(timeoutMs);
    await page.goto(`${srv.base}/?folder=${encodeURIComponent(folder)}`);
    const tab = page.locator('.activitybar [aria-label^="AIPack"]').first();
    await tab.waitFor({ timeout: 60_000 }); // workbench up and the view container contributed

    // "AIPack: Run Agent" → the agent Quick Pick → its inputs (three names, one per line).
    await runCommand(page, 'AIPack: Run Agent');
    await pick(page, 'hello');
    await answer(page, 'Ada, Grace, Linus');

    await tab.click();
    const runRow = page.locator('.monaco-list-row', { hasText: 'hello' }).first();
    await runRow.waitFor({ timeout: 30_000 });
    // Finished: the run row's description shows a cost and no spinner remains in the view.
    await page.locator('.monaco-list-row .codicon-loading').first().waitFor({ state: 'detached', timeout: 30_000 }).catch(() => {});
    await page.locator('.monaco-list-row', { hasText: '$' }).first().waitFor({ timeout: 30_000 });
    fs.mkdirSync(path.dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot });
    if (mock.chatRequests.length === 0) throw new Error('the run made no request to the mock LLM');
  } catch (err) {
    if (browser && screenshot) {
      const pages = browser.contexts().flatMap((c) => c.pages());
      if (pages[0]) await pages[0].screenshot({ path: screenshot.replace(/\.png$/, '.failure.png') }).catch(() => {});
    }
    throw err;
  } finally {
    if (browser) await browser.close();
    if (srv) srv.stop(); else fs.rmSync(sb.tmp, { recursive: true, force: true });
    await mock.close();
  }
}

module.exports = { uiRunAgent, runCommand };
