/// <reference types="mocha" />
/**
 * AIPack: Install Pack… driven with a source argument (no prompt): a .aipack made with the
 * runtime's packer is installed into the base dir; a bad archive is refused (false) and
 * leaves the installed copy as it was.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DirContext } from '../../src/runtime/dir-context/dir-context';
import { packDir } from '../../src/runtime/pack/packer';

describe('Install Pack command', () => {
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aip-e2e-install-'));
  });
  after(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('installs a picked .aipack file and refuses a bad one', async () => {
    const src = path.join(tmp, 'src');
    fs.mkdirSync(src, { recursive: true });
    fs.writeFileSync(path.join(src, 'pack.toml'), '[pack]\nnamespace = "e2e"\nname = "installed"\nversion = "0.0.1"\n');
    fs.writeFileSync(path.join(src, 'main.aip'), '# After All\n```lua\nreturn "hi"\n```\n');
    const { file } = await packDir(src, tmp);
    const ok = await vscode.commands.executeCommand<boolean>('aipack.installPack', file);
    assert.equal(ok, true);
    const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir();
    const installed = path.join(DirContext.fromOptions({ cwd, workspaceDiscovery: 'nearest-or-cwd' }).baseDir, 'pack/installed/e2e/installed');
    assert.match(fs.readFileSync(path.join(installed, 'pack.toml'), 'utf8'), /\[installed\]\ntime = "[^"]+"\nsource = "/);

    const bad = path.join(tmp, 'bad.aipack');
    fs.writeFileSync(bad, 'not a zip');
    assert.equal(await vscode.commands.executeCommand<boolean>('aipack.installPack', bad), false);
    assert.equal(fs.existsSync(path.join(installed, 'main.aip')), true);
    fs.rmSync(installed, { recursive: true, force: true });
  });
});
