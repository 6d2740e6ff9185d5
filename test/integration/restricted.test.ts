/// <reference types="mocha" />
/**
 * Restricted Mode (run by the harness in its own window with workspace trust on
 * and the folder not trusted): running agents is refused in code, nothing reaches
 * the LLM and no runtime is created; language features keep working.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, wsPath } from './support/ext';
import { describeDiag, openAndDiagnose } from './support/diagnostics';
import { type Llm, startLlm } from './support/llm';

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

  it('aipack.runAgent refuses: no run, no runtime, no AI call', async () => {
    const a = await api();
    const handle = await vscode.commands.executeCommand('aipack.runAgent', { agent: wsPath('agents', 'hello.aip'), inputs: ['x'] });
    assert.equal(handle, undefined);
    assert.equal(a.lastRun?.(), undefined);
    assert.deepEqual(a.registry?.entries() ?? [], []);
    assert.equal(llm.mock.requests.length, 0);
  });

  it('Rerun Last Run and Run with Input are refused too', async () => {
    assert.equal(await vscode.commands.executeCommand('aipack.rerunLastRun'), undefined);
    assert.equal(await vscode.commands.executeCommand('aipack.runAgentWithInput', { agent: wsPath('agents', 'hello.aip'), inputs: ['x'] }), undefined);
    assert.equal(llm.mock.requests.length, 0);
  });

  it('diagnostics still work', async () => {
    const { diags } = await openAndDiagnose('broken.aip');
    assert.ok(diags.some((d) => d.range.start.line === 10), diags.map(describeDiag).join('\n'));
  });
});
