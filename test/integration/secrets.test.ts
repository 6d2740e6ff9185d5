/// <reference types="mocha" />
/**
 * Secrets in the editor (issue 11): a key set through "Set API Key" is used by runs but never
 * shows in the run database, the AIPack Runs output, task detail documents, error messages or
 * settings — also when the provider echoes it back in a 401 body.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, waitFor } from './support/ext';
import { type Llm, modelCalls, startLlm } from './support/llm';
import { activeDocText, children, runItem, runToEnd, runsTreeProvider, runtime } from './support/runs';

const SENTINEL = 'sk-sentinel-7f3a9c1e5b2d4f60';

function dbText(rt: Awaited<ReturnType<typeof runtime>>): string {
  const db = rt.mm.db;
  const parts: string[] = [];
  const tables = db.all(`SELECT name FROM sqlite_master WHERE type = 'table'`) as { name: string }[];
  for (const { name } of tables) {
    for (const row of db.all(`SELECT * FROM "${name}"`) as Record<string, unknown>[]) {
      for (const v of Object.values(row)) {
        if (typeof v === 'string') parts.push(v);
        else if (v instanceof Uint8Array) parts.push(Buffer.from(v).toString('utf8'));
      }
    }
  }
  return parts.join('\n');
}

describe('secrets never leak', () => {
  let llm: Llm;
  before(async () => {
    llm = await startLlm({ apiKey: null });
    assert.equal(await vscode.commands.executeCommand('aipack.setApiKey', 'OPENAI_API_KEY', SENTINEL), true);
  });
  after(async () => {
    await vscode.commands.executeCommand('aipack.clearApiKey', 'OPENAI_API_KEY');
    await llm?.close();
  });

  it('an ok run and a 401 echoing the key: the key is in no DB row, output line, detail document, error or setting', async () => {
    const ok = await runToEnd('hello.aip', ['secret-ok']);
    assert.equal(ok.result.endState, 'Ok', ok.result.error?.message);
    assert.equal(modelCalls(llm.mock).at(-1)?.headers.authorization, `Bearer ${SENTINEL}`, 'the stored key was used');

    for (let i = 0; i < 3; i++) llm.mock.reply({ status: 401, error: { message: `Incorrect API key provided: ${SENTINEL}. You can find your API key at …` } });
    const bad = await runToEnd('hello.aip', ['secret-401']);
    assert.equal(bad.result.endState, 'Err');
    const errText = `${bad.result.error?.message}\n${bad.result.error?.stack}`;
    assert.ok(!errText.includes(SENTINEL), 'the run error does not carry the key');
    assert.match(bad.result.error?.message ?? '', /HTTP 401/);

    const rt = await runtime();
    assert.ok(!dbText(rt).includes(SENTINEL), 'no DB cell holds the key');

    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const views = ((await api()) as any).getRunsViews?.() as { output: { recentLines(): unknown } } | undefined;
    const lines = (views?.output.recentLines() as string[] | undefined) ?? [];
    assert.ok(lines.length > 0, 'the output channel has lines');
    assert.ok(!lines.join('\n').includes(SENTINEL), 'no AIPack Runs line holds the key');

    const tree = runsTreeProvider(await api())!;
    for (const runId of [ok.handle.runId!, bad.handle.runId!]) {
      const item = await waitFor('the run item', () => runItem(tree, runId));
      await vscode.commands.executeCommand('aipack.runs.openDetail', item.element);
      const runDoc = await activeDocText('the run detail', 'aipack-run', '## Tasks');
      assert.ok(!runDoc.includes(SENTINEL), 'run detail');
      const [task] = await children(tree, item.element);
      await vscode.commands.executeCommand('aipack.runs.openDetail', task.element);
      const taskDoc = await activeDocText('the task detail', 'aipack-run', 'secret-');
      assert.ok(!taskDoc.includes(SENTINEL), 'task detail');
    }

    const settings = JSON.stringify(vscode.workspace.getConfiguration('aipack'));
    assert.ok(!settings.includes(SENTINEL), 'settings');
  });
});
