/**
 * Guard battery (issue 11 item 5), table-driven through Lua in a real run: every
 * writing `aip.*` function against every way out of the workspace (`..`, an
 * absolute path, `~`, a symlink pointing out, a pack-ref prefix climbing out)
 * must be refused, leaving nothing outside; deletes (and move sources) inside the
 * base dir or outside the workspace must be refused too.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { sandbox, type Sandbox } from '../../support/run-harness';
import { guard } from './support';

let sb: Sandbox;
let outside: string;

before(async () => {
  sb = await sandbox();
  outside = path.join(path.dirname(sb.wks), 'outside');
  fs.mkdirSync(outside, { recursive: true });
  fs.symlinkSync(outside, path.join(sb.wks, 'link-out'), 'dir');
  sb.write('src.txt', 'source');
  sb.write('zsrc/a.txt', 'zipped');
});
after(async () => {
  await sb.close();
});

type Arg = string | number | boolean | Arg[] | { [k: string]: Arg };
/** [module, function, args builder(target path)] for every writing function (§12.1 list). */
const WRITERS: [string, string, (p: string, i: number) => Arg[]][] = [
  ['file', 'save', (p) => [p, 'x']],
  ['file', 'append', (p) => [p, 'x']],
  ['file', 'copy', (p) => ['src.txt', p]],
  ['file', 'move', (p, i) => [`mv-src-${i}.txt`, p]],
  ['file', 'ensure_exists', (p) => [p, 'x']],
  ['file', 'ensure_dir', (p) => [p + '.d']],
  ['file', 'save_changes', (p) => [p, '']],
  ['file', 'append_json_line', (p) => [p, { a: 1 }]],
  ['file', 'append_json_lines', (p) => [p, [{ a: 1 }]]],
  ['file', 'save_as_csv', (p) => [p, [['a', 'b']]]],
  ['file', 'save_records_as_csv', (p) => [p, [{ a: 1 }], ['a']]],
  ['file', 'append_csv_row', (p) => [p, ['a']]],
  ['file', 'append_csv_rows', (p) => [p, [['a']]]],
  ['zip', 'create', (p) => ['zsrc', p + '.zip']],
  ['zip', 'extract', (p) => ['z.zip', p + '.d']],
];

function targets(): [string, (fn: string) => string][] {
  return [
    ['dot-dot', (fn) => `../outside/${fn}.txt`],
    ['dot-dot inside a path', (fn) => `sub/../../outside/${fn}.txt`],
    ['absolute', (fn) => `${outside}/${fn}-abs.txt`],
    ['home', (fn) => `~/${fn}-home.txt`],
    ['pack ref climbing out', (fn) => `demo@proof/../../../../../../outside/${fn}-pack.txt`],
  ];
}

const DRIVER = [
  '# After All',
  '```lua',
  'local out = {}',
  'for i, c in ipairs(inputs) do',
  '  local f = aip[c.mod][c.fn]',
  '  local ok, err = pcall(f, table.unpack(c.args))',
  '  out[i] = { ok = ok, err = ok and "" or tostring(err) }',
  'end',
  'return out',
  '```',
  '',
].join('\n');

interface Case {
  mod: string;
  fn: string;
  args: Arg[];
  what: string;
}

async function runCases(cases: Case[]): Promise<{ ok: boolean; err: string }[]> {
  sb.write('agents/guard.aip', DRIVER);
  const res = await guard(sb.run('agents/guard.aip', cases), 30_000, 'guard run');
  assert.equal(res.endState, 'Ok', res.error?.message);
  return res.afterAll as { ok: boolean; err: string }[];
}

function listOutside(): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of fs.readdirSync(d)) {
      const p = path.join(d, n);
      out.push(path.relative(outside, p));
      if (fs.lstatSync(p).isDirectory()) walk(p);
    }
  };
  walk(outside);
  return out;
}

function writeCases(list: [string, (fn: string) => string][]): { cases: Case[]; moves: number } {
  // A zip to extract, made through the runtime itself (inside the workspace: allowed).
  const cases: Case[] = [{ mod: 'zip', fn: 'create', args: ['zsrc', 'z.zip'], what: 'setup zip' }];
  let i = 0;
  for (const [tname, target] of list) {
    for (const [mod, fn, args] of WRITERS) {
      i++;
      if (fn === 'move') sb.write(`mv-src-${i}.txt`, 'm');
      cases.push({ mod, fn, args: args(target(`${mod}-${fn}`), i), what: `${mod}.${fn} via ${tname}` });
    }
  }
  return { cases, moves: i };
}

function notRefused(cases: Case[], results: { ok: boolean; err: string }[], refusal: RegExp): string[] {
  return cases
    .map((c, k) => ({ c, r: results[k] }))
    .filter(({ c, r }) => c.what !== 'setup zip' && (r.ok || !refusal.test(r.err)))
    .map(({ c, r }) => `${c.what}: ${r.ok ? 'ACCEPTED' : r.err.slice(0, 160)}`);
}

const SAVE_REFUSED = /Save file protection|Invalid pack|Cannot resolve/;

test('every writing aip.* function refuses every way out of the workspace', async () => {
  const { cases } = writeCases(targets());
  const results = await runCases(cases);
  assert.equal(results.length, cases.length);
  assert.equal(results[0].ok, true, `setup: ${results[0].err}`);
  assert.deepEqual(notRefused(cases, results, SAVE_REFUSED), [], 'writes that were not refused by the guard');
  assert.deepEqual(listOutside(), [], 'nothing may land outside the workspace');
});

// The original's guard is lexical: a symlink inside the workspace that points out would let every
// write through. Ours also checks the real path (file-guard.ts); these are its regression tests.

test('writes through a symlink pointing out of the workspace are refused', async () => {
  const { cases } = writeCases([['symlink pointing out', (fn) => `link-out/${fn}-link.txt`]]);
  const results = await runCases(cases);
  assert.deepEqual(notRefused(cases, results, SAVE_REFUSED), []);
  assert.deepEqual(listOutside(), []);
});

test('a delete through a symlink pointing out is refused', async () => {
  fs.writeFileSync(path.join(outside, 'victim2.txt'), 'keep');
  const cases: Case[] = [{ mod: 'file', fn: 'delete', args: ['link-out/victim2.txt'], what: 'delete through a symlink pointing out' }];
  const results = await runCases(cases);
  assert.deepEqual(notRefused(cases, results, /Delete file protection/), []);
  assert.equal(fs.readFileSync(path.join(outside, 'victim2.txt'), 'utf8'), 'keep');
});

test('deletes and move sources in the base dir or outside the workspace are refused; the files stay', async () => {
  fs.writeFileSync(path.join(outside, 'victim.txt'), 'keep');
  const trashedBefore = sb.host.trashed.length;
  const baseFile = path.join(sb.home, '.aipack-base', 'keep-me.txt');
  fs.writeFileSync(baseFile, 'keep');
  const cases: Case[] = [
    { mod: 'file', fn: 'delete', args: ['~/.aipack-base/keep-me.txt'], what: 'delete in base (~)' },
    { mod: 'file', fn: 'delete', args: [baseFile], what: 'delete in base (absolute)' },
    { mod: 'file', fn: 'delete', args: ['demo@proof/main.aip'], what: 'delete in an installed pack' },
    { mod: 'file', fn: 'delete', args: ['../outside/victim.txt'], what: 'delete via ..' },
    { mod: 'file', fn: 'delete', args: [path.join(outside, 'victim.txt')], what: 'delete absolute outside' },
    { mod: 'file', fn: 'move', args: ['~/.aipack-base/keep-me.txt', 'moved.txt'], what: 'move from base' },
    { mod: 'file', fn: 'move', args: ['../outside/victim.txt', 'moved2.txt'], what: 'move from outside' },
  ];
  const results = await runCases(cases);
  assert.deepEqual(notRefused(cases, results, /Delete file protection/), []);
  assert.equal(fs.readFileSync(baseFile, 'utf8'), 'keep');
  assert.equal(fs.readFileSync(path.join(outside, 'victim.txt'), 'utf8'), 'keep');
  assert.ok(fs.existsSync(path.join(sb.home, '.aipack-base', 'pack', 'installed', 'demo', 'proof', 'main.aip')));
  assert.deepEqual(sb.host.trashed.slice(trashedBefore), []);
});

// §12.1 lists the HTML/DOCX converters as unguarded in the original; the port guards them too
// (issue 11: every writing function refuses a destination outside the workspace).
test('the converters (save_html_to_md/slim) refuse a dest outside the workspace', async () => {
  sb.write('page.html', '<html><body><p>hi</p></body></html>');
  const cases: Case[] = [
    { mod: 'file', fn: 'save_html_to_md', args: ['page.html', '../outside/conv.md'], what: 'save_html_to_md via ..' },
    { mod: 'file', fn: 'save_html_to_slim', args: ['page.html', `${outside}/conv.html`], what: 'save_html_to_slim absolute' },
  ];
  const results = await runCases(cases);
  assert.deepEqual(notRefused(cases, results, SAVE_REFUSED), []);
});
