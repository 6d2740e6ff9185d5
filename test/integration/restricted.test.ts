/// <reference types="mocha" />
/**
 * Restricted Mode (run by the harness in its own window with workspace trust on
 * and the folder not trusted): running agents is refused in code, nothing reaches
 * the LLM and no runtime is created; language features keep working.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, extension, wsPath } from './support/ext';
import { describeDiag, openAndDiagnose } from './support/diagnostics';
import { type Llm, startLlm } from './support/llm';
import { captureMessages } from './support/messages';

const RESTRICTED =
  'AIPack: agents cannot run in Restricted Mode. An agent runs Lua code, shell commands and file writes with your permissions, so AIPack only runs agents in a trusted workspace.';

describe('Restricted Mode (untrusted workspace)', () => {
  let llm: Llm;
  before(async () => {
    llm = await startLlm();
  });
  after(async () => {
    await llm?.close();
  });

  it('the window is untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('aipack.runAgent refuses with a message that says why: no run, no runtime, no AI call', async () => {
    const a = await api();
    const ui = captureMessages();
    let handle: unknown;
    try {
      handle = await vscode.commands.executeCommand('aipack.runAgent', { agent: wsPath('agents', 'hello.aip'), inputs: ['x'] });
    } finally {
      ui.restore();
    }
    assert.deepEqual(ui.shown, [{ level: 'warning', text: RESTRICTED, buttons: ['Manage Workspace Trust'] }]);
    assert.equal(handle, undefined);
    assert.equal(a.lastRun?.(), undefined);
    assert.deepEqual(a.registry?.entries() ?? [], []);
    assert.equal(llm.mock.requests.length, 0);
  });

  it('Rerun Last Run, Run with Input and Run on Files are refused too', async () => {
    const ui = captureMessages();
    try {
      assert.equal(await vscode.commands.executeCommand('aipack.rerunLastRun'), undefined);
      const req = { agent: wsPath('agents', 'hello.aip'), inputs: ['x'] };
      assert.equal(await vscode.commands.executeCommand('aipack.runAgentWithInput', req), undefined);
      assert.equal(await vscode.commands.executeCommand('aipack.runAgentOnFiles', req), undefined);
    } finally {
      ui.restore();
    }
    assert.deepEqual(ui.shown.map((m) => m.text), [RESTRICTED, RESTRICTED, RESTRICTED]);
    assert.equal(llm.mock.requests.length, 0);
  });

  it('the run commands are hidden from the palette (when: isWorkspaceTrusted)', () => {
    const menus = (extension().packageJSON.contributes?.menus?.commandPalette ?? []) as { command: string; when?: string }[];
    for (const id of ['aipack.runAgent', 'aipack.runAgentWithInput', 'aipack.runAgentOnFiles', 'aipack.rerunLastRun']) {
      const entry = menus.find((m) => m.command === id);
      assert.match(entry?.when ?? '', /isWorkspaceTrusted/, `${id} palette entry: ${JSON.stringify(entry)}`);
    }
  });

  it('diagnostics still work', async () => {
    const { diags } = await openAndDiagnose('broken.aip');
    assert.ok(diags.some((d) => d.range.start.line === 10), diags.map(describeDiag).join('\n'));
  });
});
