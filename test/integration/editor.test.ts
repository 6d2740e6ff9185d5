/// <reference types="mocha" />
/**
 * Entry points from the editor: the CodeLens on every `.aip`, "Rerun Last Run",
 * and the onboarding commands (New Agent → run it; Init Workspace).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunHandle } from '../../src/runtime/runtime';
import { folder, waitFor, wsPath } from './support/ext';
import { type Llm, modelCalls, startLlm } from './support/llm';
import { taskRows } from './support/runs';

describe('editor entry points', () => {
  let llm: Llm;
  before(async () => {
    llm = await startLlm();
  });
  after(async () => {
    await llm?.close();
  });

  it('every .aip has the Run · Run with Input… · Run on Files… CodeLens, and "Run" runs it', async () => {
    const uri = vscode.Uri.file(wsPath('agents', 'hello.aip'));
    await vscode.window.showTextDocument(uri);
    const lenses = await waitFor('the CodeLens', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      return l && l.length >= 3 ? l : undefined;
    });
    assert.deepEqual(
      lenses.map((l) => [l.command?.title, l.command?.command, l.range.start.line]),
      [
        ['$(play) Run', 'aipack.runAgent', 0],
        ['Run with Input…', 'aipack.runAgentWithInput', 0],
        ['Run on Files…', 'aipack.runAgentOnFiles', 0],
      ],
    );
    const run = lenses[0].command!;
    const before = modelCalls(llm.mock).length;
    const handle = await vscode.commands.executeCommand<RunHandle>(run.command, ...(run.arguments ?? []));
    assert.ok(handle?.runId !== undefined, 'the Run lens started a run');
    assert.equal((await handle.done).endState, 'Ok');
    assert.equal((await taskRows(handle.runId!)).length, 1, 'no input: one task');
    assert.equal(modelCalls(llm.mock).length, before + 1);
  });

  it('Rerun Last Run repeats the last agent with its inputs', async () => {
    const first = await vscode.commands.executeCommand<RunHandle>('aipack.runAgent', { agent: wsPath('agents', 'hello.aip'), inputs: ['r1', 'r2'] });
    await first!.done;
    const before = modelCalls(llm.mock).length;
    const again = await vscode.commands.executeCommand<RunHandle>('aipack.rerunLastRun');
    assert.ok(again?.runId !== undefined && again.runId > first!.runId!);
    assert.equal((await again.done).endState, 'Ok');
    const sent = modelCalls(llm.mock).slice(before).map((r) => r.rawBody).join('\n');
    assert.match(sent, /Say hello to r1\./);
    assert.match(sent, /Say hello to r2\./);
  });

  it('New Agent writes a runnable sample; it runs against the mock', async () => {
    const file = await vscode.commands.executeCommand<string>('aipack.newAgent', { dir: wsPath('agents'), name: 'sample.aip', open: false });
    assert.equal(file, wsPath('agents', 'sample.aip'));
    assert.match(fs.readFileSync(file, 'utf8'), /^# Data/);
    llm.mock.reply({ text: 'A sentence about it.' });
    const handle = await vscode.commands.executeCommand<RunHandle>('aipack.runAgent', { agent: file, inputs: ['the editor'] });
    const result = await handle!.done;
    assert.equal(result.endState, 'Ok', result.error?.message);
    const [task] = await taskRows(handle!.runId!);
    assert.equal(task.output_short, 'A sentence about it.');
  });

  it('New Agent refuses to overwrite an existing file', async () => {
    const r = await vscode.commands.executeCommand('aipack.newAgent', { dir: wsPath('agents'), name: 'hello.aip', open: false });
    assert.equal(r, undefined);
    assert.equal(fs.readFileSync(wsPath('agents', 'hello.aip'), 'utf8'), '# Instruction\n\nSay hello to {{input}}.\n');
  });

  it('Init Workspace creates .aipack/config.toml once', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aip-init-'));
    try {
      const created = await vscode.commands.executeCommand<string[]>('aipack.initWorkspace', { dir });
      assert.deepEqual(created, [path.join(dir, '.aipack', 'config.toml')]);
      assert.deepEqual(await vscode.commands.executeCommand<string[]>('aipack.initWorkspace', { dir }), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    assert.ok(fs.existsSync(path.join(folder().uri.fsPath, '.aipack', 'config.toml')));
  });
});
