// aip.editor.open_file in the CLI host starts $VISUAL/$EDITOR without a shell: a hostile file name is one
// argument and runs nothing (it used to reach `sh -c` unquoted: `notes; touch INJECTED; echo .md` ran `touch`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliHost, editorCommand } from '../../../src/cli/host';

async function waitForFile(p: string): Promise<string> {
  // The editor is detached; its record appears when it has run (bounded, not a timing assertion).
  for (let i = 0; i < 400; i++) {
    if (existsSync(p)) {
      const text = readFileSync(p, 'utf8');
      if (text.endsWith('\0END\0')) return text;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`the editor never ran (${p} missing)`);
}

test('open_file: a file name with shell syntax is passed as one argument, nothing injected', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'aip-editor-'));
  try {
    const record = join(dir, 'args.txt');
    const fake = join(dir, 'fake editor.sh');
    writeFileSync(fake, `#!/usr/bin/env bash\nfor a in "$@"; do printf '%s\\0' "$a"; done > "${record}"; printf 'END\\0' >> "${record}"\n`);
    chmodSync(fake, 0o755);
    const hostile = join(dir, 'notes; touch INJECTED; echo $(touch INJECTED2) `touch INJECTED3`.md');
    writeFileSync(hostile, 'x');
    const host = new CliHost({ EDITOR: `"${fake}" --flag 'two words'`, PATH: process.env.PATH });
    assert.equal(await host.openFile(hostile), `"${fake}" --flag 'two words'`);
    const args = (await waitForFile(record)).split('\0').slice(0, -2);
    assert.deepEqual(args, ['--flag', 'two words', hostile]);
    for (const f of ['INJECTED', 'INJECTED2', 'INJECTED3']) {
      assert.equal(existsSync(join(dir, f)) || existsSync(join(process.cwd(), f)), false, `${f} was created`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('editorCommand: shell word splitting without a shell; operators refused', () => {
  assert.deepEqual(editorCommand('code --wait'), ['code', '--wait']);
  assert.deepEqual(editorCommand('"/opt/My Editor/ed" -n'), ['/opt/My Editor/ed', '-n']);
  assert.deepEqual(editorCommand('$EDBIN/vi', { EDBIN: '/usr/bin' }), ['/usr/bin/vi']);
  assert.throws(() => editorCommand('vi; rm -rf x'), /contains ';'/);
  assert.throws(() => editorCommand('vi | tee'), /contains '\|'/);
  assert.throws(() => editorCommand('vi > out'), /contains '>'/);
  assert.throws(() => editorCommand('   '), /is empty/);
});

test('open_file: no VISUAL/EDITOR gives undefined; a missing editor program does not throw', async () => {
  assert.equal(await new CliHost({}).openFile('/nonexistent'), undefined);
  assert.equal(await new CliHost({ EDITOR: 'aip-no-such-editor-xyz' }).openFile('/nonexistent'), 'aip-no-such-editor-xyz');
  await assert.rejects(new CliHost({ EDITOR: 'vi && touch X' }).openFile('/nonexistent'), /contains '&&'/);
});
