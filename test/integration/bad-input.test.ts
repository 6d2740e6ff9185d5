/// <reference types="mocha" />
/**
 * Bad input from issue 8's acceptance: an agent that does not parse, an empty
 * glob, a missing key — each reported to the user (the notifications are
 * captured, see support/messages.ts), never a crash.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, waitFor, wsPath } from './support/ext';
import { type Llm, modelCalls, startLlm } from './support/llm';
import { captureMessages } from './support/messages';
import { children, runsTreeProvider, startRun } from './support/runs';

describe('bad input', () => {
  let llm: Llm;
  let ui: ReturnType<typeof captureMessages>;
  before(async () => {
    llm = await startLlm();
  });
  beforeEach(() => {
    ui = captureMessages();
  });
  afterEach(() => ui.restore());
  after(async () => {
    await llm?.close();
  });

  it('an .aip whose # Options do not parse: no run starts; the error names file and line, with "Open at Line 5"', async () => {
    const file = wsPath('agents', 'bad-options.aip');
    const handle = await startRun('bad-options.aip', ['x']);
    assert.equal(handle.runId, undefined, 'no run row for an agent that does not parse');
    const result = await handle.done;
    assert.equal(result.endState, 'Err');
    const message = `Invalid TOML in # Options (${file}:5): invalid value (column 15)`;
    assert.equal(result.error?.message, message);
    assert.deepEqual((result.error as { location?: unknown }).location, { file, line: 5 });
    assert.equal(modelCalls(llm.mock).length, 0);
    const shown = await waitFor('the error notification', () => ui.shown.find((m) => m.level === 'error'));
    assert.deepEqual(shown, { level: 'error', text: `AIPack: bad-options did not start: ${message}`, buttons: ['Open at Line 5'] });
    // ...and in the Runs tree: a failed row carrying the message and the line.
    const tree = runsTreeProvider(await api());
    assert.ok(tree, 'the Runs tree provider is exposed');
    const row = await waitFor('the failed-start row in the Runs tree', async () =>
      (await children(tree)).find((c) => c.contextValue === 'failure' && c.label === 'bad-options.aip'),
    );
    assert.equal(row.icon, 'error');
    assert.match(row.description, /failed to start · Invalid TOML in # Options/);
    assert.match(row.tooltip, /bad-options\.aip:5/);
  });

  it('the same agent gets an error diagnostic on that line from the language server', async () => {
    const uri = vscode.Uri.file(wsPath('agents', 'bad-options.aip'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diags = await waitFor('diagnostics for bad-options.aip', () => {
      const d = vscode.languages.getDiagnostics(uri);
      return d.length > 0 ? d : undefined;
    }, 20_000);
    const onLine = diags.find((d) => d.range.start.line === 4);
    assert.ok(onLine, diags.map((d) => `${d.range.start.line}: ${d.message}`).join('\n'));
    assert.equal(onLine.severity, vscode.DiagnosticSeverity.Error);
  });

  it('a run on a glob that matches nothing does not start and says no files matched', async () => {
    const a = await api();
    const last = a.lastRun?.();
    const r = await vscode.commands.executeCommand('aipack.runAgent', { agent: wsPath('agents', 'hello.aip'), globs: ['nothing/**/*.zzz'] });
    assert.equal(r, undefined);
    assert.equal(a.lastRun?.(), last, 'no run started');
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    assert.deepEqual(ui.shown, [{ level: 'warning', text: `AIPack: No files matched 'nothing/**/*.zzz' (from ${folder}).`, buttons: [] }]);
  });

  it('a glob and text inputs mix in one run (one task each)', async () => {
    const handle = await vscode.commands.executeCommand<{ runId?: number; done: Promise<{ endState: string }> }>('aipack.runAgent', {
      agent: wsPath('agents', 'describe-input.aip'),
      inputs: ['text input'],
      globs: ['agents/child.aip'],
    });
    assert.ok(handle?.runId !== undefined);
    assert.equal((await handle.done).endState, 'Ok');
    const bodies = modelCalls(llm.mock).slice(-2).map((r) => r.rawBody).join('\n');
    assert.match(bodies, /Describe the text text input\./);
    assert.match(bodies, /Describe the file agents\/child\.aip\./);
  });

  it('a missing key: the run ends Err and the user is offered "Set API Key"', async () => {
    delete process.env.OPENAI_API_KEY;
    try {
      const handle = await startRun('hello.aip', ['no key']);
      assert.equal((await handle.done).endState, 'Err');
      const shown = await waitFor('the missing-key notification', () => ui.shown.find((m) => m.level === 'error'));
      assert.deepEqual(shown, {
        level: 'error',
        text: "AIPack: hello needs the API key OPENAI_API_KEY, which is neither in VS Code's SecretStorage nor in the environment.",
        buttons: ['Set API Key'],
      });
    } finally {
      process.env.OPENAI_API_KEY = 'env-key-from-test';
    }
  });
});
