/// <reference types="mocha" />
/**
 * Issue 9 in the real editor: `.aip` files get the `aip` language, the language
 * server (dist/server.js over the client) publishes diagnostics for a broken
 * agent on the right lines, and the grammar is contributed for `source.aip`.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { extension, waitFor } from './support/ext';
import { describeDiag, openAndDiagnose } from './support/diagnostics';

describe('language support for .aip', () => {
  it('a broken .aip gets diagnostics through the client: unknown option key and a Lua syntax error', async () => {
    const { doc, diags } = await openAndDiagnose('broken.aip');
    assert.equal(doc.languageId, 'aip');
    const all = diags.map(describeDiag).join('\n');
    // broken.aip line 5 (0-based 4): `temprature = 0.3`; line 11 (0-based 10): `local x = = 1`.
    const option = diags.find((d) => d.range.start.line === 4);
    assert.ok(option, `no diagnostic on the option line:\n${all}`);
    assert.match(option.message, /temprature/);
    const lua = diags.find((d) => d.range.start.line === 10);
    assert.ok(lua, `no diagnostic on the Lua line:\n${all}`);
    assert.equal(lua.severity, vscode.DiagnosticSeverity.Error);
    console.log(`    diagnostics:\n${all.replace(/^/gm, '      ')}`);
  });

  it('a valid agent has no error diagnostics', async () => {
    const uri = vscode.Uri.file(path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'agents', 'hello.aip'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    // Give the server the time it took for broken.aip; a clean file publishes an empty list.
    await new Promise((r) => setTimeout(r, 1500));
    const errors = vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(errors.map(describeDiag), []);
  });

  it('completion after `aip.file.` and hover on `aip.file.load` come from the server through the client', async () => {
    const uri = vscode.Uri.file(path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'agents', 'complete-me.aip'));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    // Line 5 (0-based 4): `local x = aip.file.` — complete at its end.
    const at = new vscode.Position(4, doc.lineAt(4).text.length);
    const list = await waitFor('completion items after aip.file.', async () => {
      const l = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, at, '.');
      return l && l.items.length > 0 ? l : undefined;
    }, 15_000);
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const fn of ['load', 'save', 'list']) assert.ok(labels.includes(fn), `no ${fn} in ${labels.slice(0, 30).join(', ')}`);
    // Line 4 (0-based 3): hover on `load` of `aip.file.load(...)`.
    const hoverAt = new vscode.Position(3, doc.lineAt(3).text.indexOf('load(') + 1);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, hoverAt);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /aip\.file\.load/);
  });

  it('contributes the TextMate grammar source.aip, and its file is packaged', () => {
    const ext = extension();
    const grammars = (ext.packageJSON.contributes?.grammars ?? []) as { language?: string; scopeName: string; path: string }[];
    const g = grammars.find((x) => x.scopeName === 'source.aip');
    assert.ok(g, 'no grammar with scopeName source.aip');
    assert.equal(g.language, 'aip');
    const grammar = JSON.parse(fs.readFileSync(path.join(ext.extensionPath, g.path), 'utf8'));
    assert.equal(grammar.scopeName, 'source.aip');
  });
});
