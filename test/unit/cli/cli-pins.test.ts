/** `aip run` prints run and task pins (and those of sub-agents) when the run is over (§10.3). */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { CliIo } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';
import { pinMarker } from '../../../src/cli/pins-print';
import { tempRoot, writeTree } from '../../support/pack-fixtures';

let root: ReturnType<typeof tempRoot>;
before(() => {
  root = tempRoot('aip-cli-pins-');
});
after(() => root.cleanup());

async function aip(argv: string[], wks: string): Promise<{ code: number; out: string; err: string }> {
  const r = { code: -1, out: '', err: '' };
  const io: CliIo = {
    cwd: wks,
    env: { HOME: path.join(root.dir, 'home') },
    stdout: { write: (t: string) => ((r.out += t), true) },
    stderr: { write: (t: string) => ((r.err += t), true) },
    tty: false,
    onSigint: () => {},
    offSigint: () => {},
  };
  r.code = await main(argv, io);
  return r;
}

const lua = (code: string) => `\`\`\`lua\n${code}\n\`\`\`\n`;

test('run pins by priority, task pins named by label or input, multi-line content aligned, sub-agent pins', async () => {
  const wks = path.join(root.dir, 'wks');
  fs.mkdirSync(wks, { recursive: true });
  writeTree(wks, {
    'child.aip': '# After All\n' + lua('aip.run.pin("c", { label = "Child:", content = "done" })'),
    'main.aip':
      '# Before All\n' +
      lua(
        'aip.run.pin("later", 5, { label = "Files:", content = "a.txt\\nb.txt" })\n' +
          'aip.run.pin("first", 1, { label = "Action Needed:", content = "edit config.jsonc" })\n' +
          'aip.run.pin("plain", "just text")\n' +
          'aip.agent.run("child.aip")',
      ) +
      '# Data\n' +
      lua('if input == "two" then aip.task.set_label("Second one") end\naip.task.pin("s", { label = "Status:", content = "ok " .. input })\nreturn input'),
  });
  const r = await aip(['run', 'main.aip', '-i', 'one', '-i', 'two'], wks);
  assert.equal(r.code, 0, r.err);
  const start = r.out.indexOf('Pins:');
  assert.ok(start >= 0, r.out);
  const block = r.out.slice(start, r.out.indexOf('✓ Ok')).trimEnd();
  assert.equal(
    block,
    [
      'Pins:',
      '  Action Needed: edit config.jsonc',
      '  Files: a.txt',
      '         b.txt',
      '  Pin: just text',
      'Pins of task 1 (one):',
      '  Status: ok one',
      'Pins of task 2 (Second one):',
      '  Status: ok two',
      'Pins of sub-agent child.aip:',
      '  Child: done',
    ].join('\n'),
  );
});

test('a table input without _display is named by a field that names it, else by one line of it', async () => {
  const wks = path.join(root.dir, 'wks3');
  writeTree(wks, {
    't.aip':
      '# Before All\n' +
      lua('return aip.flow.before_all_response({ inputs = { { name = "wb", issue = "12" }, { issue = "7" } } })') +
      '# Data\n' +
      lua('aip.task.pin("w", { label = "Workbench", content = input.issue })'),
  });
  const r = await aip(['run', 't.aip'], wks);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /Pins of task 1 \(wb\):\n  Workbench 12\n/);
  assert.match(r.out, /Pins of task 2 \(\{ "issue": "7" \}\):\n  Workbench 7\n/);
});

test('no pins, no pins section', async () => {
  const wks = path.join(root.dir, 'wks2');
  writeTree(wks, { 'quiet.aip': '# After All\n' + lua('return 1') });
  const r = await aip(['run', 'quiet.aip'], wks);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out.includes('Pins'), false);
});

test('stored pin content that is not a Marker still shows', () => {
  assert.deepEqual(pinMarker('{"label":"L:","content":"c"}'), { label: 'L:', content: 'c' });
  assert.deepEqual(pinMarker('raw'), { label: 'Pin:', content: 'raw' });
  assert.deepEqual(pinMarker(null), { label: 'Pin:', content: 'No Content' });
});

test('--help says what --dry req really does (Output runs with ai_response = nil) and lists the pack commands', async () => {
  const r = await aip(['--help'], root.dir);
  assert.match(r.out, /--dry req\|res\s+req: no AI call, Output still runs with ai_response = nil;\s+res: AI called, Output skipped \(After All runs in both\)/);
  for (const c of ['aip pack <dir>', 'aip install <src>', 'aip unpack <ns@name>', 'aip create-gitignore']) assert.ok(r.out.includes(c), c);
});
