/// <reference types="mocha" />
/**
 * Keys: with no key in the environment a run fails with the missing-key error;
 * "Set API Key" (driven with arguments, no prompt) stores it in SecretStorage and
 * the next run sends it; "Clear API Key" removes it again.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ErrBmc } from '../../src/runtime/model/err';
import { type Llm, MODEL, modelCalls, startLlm } from './support/llm';
import { captureMessages } from './support/messages';
import { runToEnd, runtime, taskRows } from './support/runs';

interface KeyRow {
  envName: string;
  source: string;
}

async function keySource(name: string): Promise<string | undefined> {
  const rows = await vscode.commands.executeCommand<KeyRow[]>('aipack.checkKeys', { silent: true });
  return rows?.find((r) => r.envName === name)?.source;
}

async function errorsOfRun(runId: number): Promise<string[]> {
  const rt = await runtime();
  const tasks = await taskRows(runId);
  return [
    ...ErrBmc.list(rt.mm, { run_id: runId }).map((e) => e.content ?? ''),
    ...tasks.flatMap((t) => (t.end_err_id === null ? [] : [ErrBmc.get(rt.mm, t.end_err_id).content ?? ''])),
  ];
}

describe('API keys in SecretStorage', () => {
  let llm: Llm;
  before(async () => {
    llm = await startLlm({ apiKey: null });
  });
  after(async () => {
    await vscode.commands.executeCommand('aipack.clearApiKey', 'OPENAI_API_KEY');
    await llm?.close();
  });

  it('without a key the run fails with the missing-key message and calls nothing', async () => {
    assert.equal(process.env.OPENAI_API_KEY, undefined);
    assert.equal(await keySource('OPENAI_API_KEY'), 'missing');
    const { handle } = await runToEnd('hello.aip', ['nokey']);
    assert.equal(modelCalls(llm.mock).length, 0);
    const errors = await errorsOfRun(handle.runId!);
    assert.ok(
      errors.some((e) => e.includes(`Missing API key for OpenAIResp (model '${MODEL}'): environment variable 'OPENAI_API_KEY' is not set.`)),
      `errors: ${JSON.stringify(errors)}`,
    );
  });

  it('Set API Key stores into SecretStorage and a run uses it with no env var', async () => {
    assert.equal(await vscode.commands.executeCommand('aipack.setApiKey', 'OPENAI_API_KEY', 'sk-from-secret-storage'), true);
    assert.equal(await keySource('OPENAI_API_KEY'), 'SecretStorage');
    const { result } = await runToEnd('hello.aip', ['with key']);
    assert.equal(result.endState, 'Ok', result.error?.message);
    assert.equal(process.env.OPENAI_API_KEY, undefined);
    assert.equal(modelCalls(llm.mock).length, 1);
    assert.equal(modelCalls(llm.mock)[0].headers.authorization, 'Bearer sk-from-secret-storage');
  });

  it('Clear API Key removes it: the next run is missing the key again', async () => {
    assert.equal(await vscode.commands.executeCommand('aipack.clearApiKey', 'OPENAI_API_KEY'), true);
    assert.equal(await keySource('OPENAI_API_KEY'), 'missing');
    const before = modelCalls(llm.mock).length;
    const { handle } = await runToEnd('hello.aip', ['cleared']);
    assert.equal(modelCalls(llm.mock).length, before);
    assert.ok((await errorsOfRun(handle.runId!)).some((e) => e.includes("'OPENAI_API_KEY' is not set")));
  });

  it('a malformed key name is refused (the command reports it, stores nothing)', async () => {
    const ui = captureMessages();
    try {
      assert.equal(await vscode.commands.executeCommand('aipack.setApiKey', 'not a key', 'x'), undefined);
    } finally {
      ui.restore();
    }
    assert.deepEqual(ui.shown, [{ level: 'error', text: "AIPack: 'not a key' is not a key name (expected e.g. OPENAI_API_KEY)", buttons: [] }]);
    assert.equal(await keySource('not a key'), undefined);
  });
});
