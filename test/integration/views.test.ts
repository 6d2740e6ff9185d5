/// <reference types="mocha" />
/**
 * The Runs views as a user reaches them, driven through their commands: detail
 * documents (run overview, task with prompt and response, live while streaming),
 * the "AIPack Runs" output, sub-agent runs nested under their parent, Rerun and
 * Clear Finished from the tree.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { type AipTestApi, api, waitFor } from './support/ext';
import { type Llm, USAGE, modelCalls, startLlm } from './support/llm';
import { activeDocText, children, runItem, runToEnd, runsTreeProvider, startRun } from './support/runs';

type Tree = vscode.TreeDataProvider<unknown>;

describe('Runs views', () => {
  let llm: Llm;
  let a: AipTestApi;
  let tree: Tree;
  before(async function () {
    a = await api();
    const t = runsTreeProvider(a);
    if (!t) return this.skip(); // the extension API exposes no runs tree provider
    tree = t;
    llm = await startLlm();
  });
  after(async () => {
    await llm?.close();
  });

  it('run detail document: state, model, tokens, cost, per-task table', async () => {
    const { handle } = await runToEnd('hello.aip', ['Ada', 'Grace', 'Linus']);
    const item = await waitFor('the run item', () => runItem(tree, handle.runId!));
    await vscode.commands.executeCommand('aipack.runs.openDetail', item.element);
    const text = await activeDocText('the run detail', 'aipack-run', '| Cost |');
    assert.match(text, /\| State \| Ok \|/);
    assert.match(text, /gpt-5\.4-mini/);
    assert.match(text, /\| Tokens \| 3,600 prompt, 900 completion \|/);
    assert.match(text, /\| Cost \| \$0\.006[78] \|/);
    assert.match(text, /## Tasks \(3\)/);
    for (const n of ['Ada', 'Grace', 'Linus']) assert.match(text, new RegExp(`\\[${n}\\]`));
  });

  it('task detail document: the prompt as sent and the AI response', async () => {
    const { handle } = await runToEnd('hello.aip', ['Ada']);
    const item = await waitFor('the run item', () => runItem(tree, handle.runId!));
    const [task] = await children(tree, item.element);
    await vscode.commands.executeCommand('aipack.runs.openDetail', task.element);
    const text = await activeDocText('the task detail', 'aipack-run', 'Hello from the mock.');
    assert.match(text, /Say hello to Ada\./);
  });

  it('failed task detail: the error with its stage and .aip line, and a link that opens the agent there', async () => {
    const { handle } = await runToEnd('fail-on-boom.aip', ['boom']);
    const item = await waitFor('the run item', () => runItem(tree, handle.runId!));
    const [task] = await children(tree, item.element);
    await vscode.commands.executeCommand('aipack.runs.openDetail', task.element);
    const text = await activeDocText('the failed task detail', 'aipack-run', '## Error');
    assert.match(text, /the input was boom/);
    // fail-on-boom.aip line 5: `  error("the input was boom")`.
    assert.match(text, /Stage: \*\*Data\*\* · line 5/);
    const docUri = vscode.window.activeTextEditor!.document.uri;
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', docUri);
    const open = links.find((l) => l.target?.scheme === 'command' && l.target.path === 'aipack.runs.openAgent');
    assert.ok(open?.target, `links: ${links.map((l) => l.target?.toString()).join(', ')}`);
    const args = JSON.parse(decodeURIComponent(open.target.query));
    await vscode.commands.executeCommand('aipack.runs.openAgent', ...(Array.isArray(args) ? args : [args]));
    const editor = await waitFor('the agent opened at the error line', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.path.endsWith('/agents/fail-on-boom.aip') ? e : undefined;
    });
    assert.equal(editor.selection.active.line, 4);
  });

  it('task detail shows the streamed AI text while the task runs', async () => {
    llm.mock.reply({ chunks: ['First half, ', 'second half.'], text: 'First half, second half.', chunkDelayMs: 2500, usage: USAGE });
    const handle = await startRun('hello.aip', ['stream']);
    const item = await waitFor('the run item', () => runItem(tree, handle.runId!));
    const task = await waitFor('the task item', async () => (await children(tree, item.element))[0]);
    await waitFor('the AI call', () => modelCalls(llm.mock).length > 0 && true);
    await vscode.commands.executeCommand('aipack.runs.openDetail', task.element);
    const partial = await activeDocText('the live task detail', 'aipack-run', 'First half,', 5000);
    assert.doesNotMatch(partial, /second half\./, 'the first chunk is shown before the second arrives');
    assert.equal(a.activeRunCount?.(), 1, 'the run is still going');
    await activeDocText('the completed task detail', 'aipack-run', 'second half.', 10_000);
    await handle.done;
  });

  it('the "AIPack Runs" output has the run\'s log lines', async () => {
    const { handle } = await runToEnd('hello.aip', ['logged']);
    const views = (a as any).getRunsViews?.();
    assert.ok(views?.output, 'getRunsViews().output is exposed');
    const folderKey = vscode.workspace.workspaceFolders![0].uri.toString();
    const lines = await waitFor('retained output lines', () => {
      const l = views.output.retained(folderKey, handle.runId!) as readonly { text?: string }[];
      return l.length > 0 ? l : undefined;
    });
    const all = JSON.stringify(lines);
    assert.match(all, /gpt-5\.4-mini/);
    assert.ok((views.output.recentLines() as string[]).length > 0);
  });

  it('a sub-agent run is nested under the run that called it', async () => {
    const { handle } = await runToEnd('parent-fast.aip', []);
    const item = await waitFor('the parent run item', () => runItem(tree, handle.runId!));
    assert.equal(item.icon, 'pass');
    const kids = await children(tree, item.element);
    const sub = kids.find((k) => (k.element as { kind?: string }).kind === 'run');
    assert.ok(sub, `children: ${kids.map((k) => k.label).join(', ')}`);
    assert.match(sub.label, /child\.aip/);
    assert.equal(sub.icon, 'pass');
    const subTasks = await children(tree, sub.element);
    assert.equal(subTasks.length, 2);
    assert.ok((await children(tree)).every((r) => !/child\.aip/.test(r.label)), 'the sub-run is not listed at the top level');
  });

  it('Rerun from the tree repeats the run with the same inputs', async () => {
    const { handle } = await runToEnd('hello.aip', ['again-1', 'again-2']);
    const item = await waitFor('the run item', () => runItem(tree, handle.runId!));
    const before = modelCalls(llm.mock).length;
    await vscode.commands.executeCommand('aipack.runs.rerun', item.element);
    const rerun = await waitFor('a newer run at the top', async () => {
      const top = (await children(tree))[0];
      const id = (top?.element as { runId?: number }).runId;
      return id !== undefined && id > handle.runId! && top.icon === 'pass' ? top : undefined;
    });
    assert.equal((await children(tree, rerun.element)).length, 2);
    const sent = modelCalls(llm.mock).slice(before).map((r) => r.rawBody).join('\n');
    assert.match(sent, /again-1/);
    assert.match(sent, /again-2/);
  });

  it('Clear Finished empties the tree of ended runs', async () => {
    assert.ok((await children(tree)).length > 0);
    await vscode.commands.executeCommand('aipack.runs.clearFinished');
    await waitFor('an empty Runs tree', async () => (await children(tree)).length === 0);
  });
});
