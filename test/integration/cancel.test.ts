/// <reference types="mocha" />
/**
 * Cancelling (the status bar's command, `aipack.cancelRun`) ends the run and its
 * sub-agent run as Cancel within 1 s, even while an AI call is in flight.
 */
import * as assert from 'node:assert/strict';
import { api, waitFor } from './support/ext';
import { type Llm, modelCalls, startLlm } from './support/llm';
import { childRuns, runItem, runRow, runsTreeProvider, startRun, waitForRunItem } from './support/runs';
import * as vscode from 'vscode';

describe('cancel', () => {
  let llm: Llm;
  let parentRunId: number | undefined;
  before(async () => {
    llm = await startLlm();
  });
  after(async () => {
    await llm?.close();
  });

  it('aipack.cancelRun ends the run and its sub-run as Cancel within 1 s', async () => {
    llm.mock.reply({ delayMs: 30_000 }); // the child's AI call hangs until cancelled
    const handle = await startRun('parent-slow.aip', []);
    parentRunId = handle.runId;
    await waitFor('the sub-agent AI call to reach the mock', () => modelCalls(llm.mock).length === 1);
    const child = await waitFor('the sub-agent run row', async () => (await childRuns(handle.runId!))[0]);
    const a = await api();
    assert.match(a.statusBarText?.() ?? '', /AIPack: parent-slow/);

    const t0 = performance.now();
    const cancelled = await vscode.commands.executeCommand<number>('aipack.cancelRun');
    assert.equal(cancelled, 1);
    const result = await Promise.race([
      handle.done,
      new Promise<never>((_, rej) => setTimeout(() => rej(new Error('run still going 1 s after cancel')), 1000)),
    ]);
    const ms = performance.now() - t0;
    console.log(`    cancel → run ended in ${ms.toFixed(0)} ms`);
    assert.equal(result.endState, 'Cancel');
    assert.equal((await runRow(handle.runId!)).end_state, 'Cancel');
    const childEnd = await waitFor('the sub-run end state', async () => (await runRow(child.id)).end_state ?? undefined, 1000);
    assert.equal(childEnd, 'Cancel');
    assert.equal(a.activeRunCount?.(), 0);
  });

  it('the Runs tree shows the cancelled run', async function () {
    const tree = runsTreeProvider(await api());
    if (!tree) return this.skip();
    assert.ok(parentRunId !== undefined);
    const { run, tasks } = await waitForRunItem(tree, parentRunId, (r) => r.icon === 'circle-slash');
    assert.equal(run.contextValue, 'run.done');
    // The sub-agent run is nested under it, cancelled too.
    const sub = tasks.find((t) => (t.element as { kind?: string }).kind === 'run');
    assert.ok(sub, `children: ${tasks.map((t) => t.label).join(', ')}`);
    assert.equal(sub.icon, 'circle-slash');
  });

  it("the tree's inline Cancel on a running run (contextValue run.running) cancels it within 1 s", async function () {
    const tree = runsTreeProvider(await api());
    if (!tree) return this.skip();
    llm.mock.reply({ delayMs: 30_000 });
    const handle = await startRun('hello.aip', ['wait']);
    const item = await waitFor('the running run item', async () => {
      const it = await runItem(tree, handle.runId!);
      return it?.contextValue === 'run.running' ? it : undefined;
    });
    await waitFor('the AI call to reach the mock', () => modelCalls(llm.mock).length === 2);
    const t0 = performance.now();
    await vscode.commands.executeCommand('aipack.runs.cancel', item.element);
    const result = await Promise.race([
      handle.done,
      new Promise<never>((_, rej) => setTimeout(() => rej(new Error('run still going 1 s after cancel')), 1000)),
    ]);
    console.log(`    tree Cancel → run ended in ${(performance.now() - t0).toFixed(0)} ms`);
    assert.equal(result.endState, 'Cancel');
    const done = await waitForRunItem(tree, handle.runId!, (r) => r.icon === 'circle-slash');
    assert.equal(done.run.contextValue, 'run.done');
  });

  it('with nothing running, aipack.cancelRun cancels nothing', async () => {
    assert.equal(await vscode.commands.executeCommand<number>('aipack.cancelRun'), 0);
  });
});
