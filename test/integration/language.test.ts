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
import { extension } from './support/ext';
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
