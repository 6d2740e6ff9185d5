// Route (b): the packaged .vsix installed in code-server, driven like a user through headless Chromium:
// check the grammar's token scopes, run an agent from the command palette against the mock LLM, open the
// Runs view, wait for the finished run, save a screenshot; then rerun and cancel it from the status bar.
// The CSS selectors are VS Code 1.139.1 internals.
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

async function waitUntil(what, probe, timeoutMs) {
  const start = Date.now();
  while (!(await probe())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Model calls at the mock: Chat Completions or Responses API (gpt-5 models use `/responses`). */
const modelCalls = (mock) => mock.requests.filter((r) => r.method === 'POST' && /\/(chat\/completions|responses)$/.test(r.path.split('?')[0]));

/** Drags the side bar's sash so tree descriptions (duration · tokens · cost) are not cut. */
async function widenSidebar(page, width) {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box || box.width >= width) return;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width + 1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 5 });
  await page.mouse.up();
}

/** Ctrl+P, a file name, Enter. */
async function quickOpen(page, name) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 10_000 });
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

    // The grammar: "Developer: Inspect Editor Tokens and Scopes" on the first line of an agent.
    await quickOpen(page, 'broken.aip');
    await page.locator('.monaco-editor .view-lines', { hasText: 'temprature' }).waitFor({ timeout: 30_000 });
    await runCommand(page, 'Developer: Inspect Editor Tokens and Scopes');
    const widget = page.locator('.token-inspect-widget');
    await widget.waitFor({ timeout: 15_000 });
    await waitUntil('the token inspector to list source.aip', async () => /source\.aip/.test(await widget.innerText()), 15_000);
    const scopes = (await widget.innerText()).replace(/\s+/g, ' ').trim();
    // Line 1 is `# Options`: a level-1 heading inside the Options section, in the aip grammar.
    for (const scope of ['markup.heading.1.aip', 'meta.section.options.aip', 'source.aip']) {
      if (!scopes.includes(scope)) throw new Error(`token scopes on "# Options" lack ${scope}: ${scopes}`);
    }
    await page.keyboard.press('Escape');

    // "AIPack: Run Agent with Input…" → the agent Quick Pick → one input box per input, empty to start.
    await runCommand(page, 'AIPack: Run Agent with Input');
    await pick(page, 'hello');
    const names = ['Ada', 'Grace', 'Linus'];
    for (let i = 0; i <= names.length; i++) {
      await page.locator('.quick-input-widget .quick-input-title', { hasText: `input ${i + 1}` }).waitFor({ timeout: 10_000 });
      await answer(page, names[i] ?? '');
    }

    await waitUntil('3 model calls at the mock', () => modelCalls(mock).length >= 3, 30_000);

    // The Runs view: the finished run, expanded to its three passed tasks, its overview document open.
    await tab.click();
    const runRow = page.locator('.monaco-list-row', { hasText: 'hello' }).first();
    await runRow.waitFor({ timeout: 30_000 });
    await widenSidebar(page, 560);
    if ((await runRow.getAttribute('aria-expanded')) === 'false') await runRow.locator('.monaco-tl-twistie').click();
    await waitUntil('the run and 3 task rows with the pass icon', async () => (await page.locator('.monaco-list-row .codicon-pass').count()) >= 4, 30_000);
    await page.locator('.monaco-list-row', { hasText: '1.5k tok' }).first().waitFor({ timeout: 10_000 });
    await runRow.locator('.monaco-icon-label').first().click(); // opens the run's detail document
    await page.locator('.monaco-editor .view-lines', { hasText: 'Run 1' }).first().waitFor({ timeout: 15_000 });
    fs.mkdirSync(path.dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot });
    const rows = await page.locator('.part.sidebar .monaco-list-row').allInnerTexts();

    // Cancel from the status bar: rerun (its AI calls now hang at the mock), click the spinning item.
    mock.reply({ delayMs: 60_000 }, { delayMs: 60_000 }, { delayMs: 60_000 });
    await runCommand(page, 'AIPack: Rerun Last Run');
    const busy = page.locator('.statusbar-item', { hasText: 'AIPack: hello' }).first();
    await busy.waitFor({ timeout: 15_000 });
    await waitUntil('the rerun to reach the mock', () => modelCalls(mock).length >= 6, 15_000);
    const t0 = Date.now();
    await busy.click();
    await page.locator('.statusbar-item', { hasText: 'cancelled' }).first().waitFor({ timeout: 5_000 });
    const cancelMs = Date.now() - t0;
    await page.locator('.part.sidebar .monaco-list-row .codicon-circle-slash').first().waitFor({ timeout: 5_000 });

    return { scopes, rows: rows.map((r) => r.replace(/\s+/g, ' ').trim()), modelCalls: modelCalls(mock).length, cancelMs };
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
