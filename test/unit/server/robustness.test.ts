/**
 * Bad input never takes the server down: a 5 MB agent, binary garbage, an
 * unterminated fence, deeply nested Handlebars. Each gets an answer, and the
 * server still answers afterwards.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { LspTestClient, SERVER_FIXTURES } from './lsp-client';
import { analyzeAip } from '../../../src/server/aip-doc';
import { complete } from '../../../src/server/completion';
import { documentDiagnostics } from '../../../src/server/diagnostics';
import { hoverAt, signatureAt } from '../../../src/server/hover';
import { documentSymbols, foldingRanges } from '../../../src/server/outline';

const AGENTS = path.join(SERVER_FIXTURES, 'wks', 'agents');
let client: LspTestClient;

before(async () => {
  client = await LspTestClient.start();
});
after(async () => {
  await client.stop();
});

/** Every request kind at a few positions; none may fail. */
async function pokeEverything(file: string, lines: number) {
  for (const line of [0, 1, Math.floor(lines / 2), lines - 1]) {
    const position = { line, character: 3 };
    await client.request('textDocument/completion', file, position);
    await client.request('textDocument/hover', file, position);
    await client.request('textDocument/signatureHelp', file, position);
    await client.request('textDocument/definition', file, position);
  }
  await client.request('textDocument/documentSymbol', file);
  await client.request('textDocument/foldingRange', file);
}

test('a 5 MB agent gets diagnostics and answers', async () => {
  const block = '```lua\nlocal x = aip.file.load("a")\nlocal y = aip.text.trim(x.content)\n```\n';
  const chunks: string[] = ['# Options\n```toml\nmodel = "mini"\n```\n', '# Data\n', block];
  let size = 0;
  let i = 0;
  while (size < 5 * 1024 * 1024) {
    const s = `# Instruction\nLine ${i} {{data.x}} with some filler text to grow the file quickly ${'x'.repeat(80)}\n`;
    chunks.push(s);
    size += s.length;
    i++;
  }
  chunks.push('# Output\n```lua\nreturn aip.file.laod("x")\n```\n');
  const text = chunks.join('');
  const file = path.join(AGENTS, 'huge.aip');
  const pub = await client.open(file, text);
  assert.deepEqual(
    pub.diagnostics.map((d) => d.message),
    ["Unknown function 'aip.file.laod' - did you mean 'aip.file.load'?"],
  );
  await pokeEverything(file, text.split('\n').length);
});

test('binary garbage gets an answer', async () => {
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 256);
  const bytes = Buffer.alloc(200_000);
  for (let i = 0; i < bytes.length; i++) bytes[i] = rnd();
  // Sprinkle headings and fences so the parser's states are all exercised.
  const text = bytes.toString('latin1').replace(/\n/g, '\n# Data\n```lua\n') + '\u0000\uffff\ud800';
  const file = path.join(AGENTS, 'garbage.aip');
  const pub = await client.open(file, text);
  assert.ok(Array.isArray(pub.diagnostics));
  await pokeEverything(file, text.split('\n').length);
});

test('an unterminated fence is reported at its opening line', async () => {
  const file = path.join(AGENTS, 'unterminated.aip');
  const pub = await client.open(file, '# Data\n```lua\nlocal x = 1\n# Output\nreturn x\n');
  // The open fence swallows `# Output`, which Lua then trips on.
  assert.deepEqual(
    pub.diagnostics.map((d) => [d.range.start.line, d.message]),
    [
      [1, 'code fence opened here is never closed'],
      [3, "Lua syntax error: unexpected symbol '#' near 'Output'"],
    ],
  );
  await pokeEverything(file, 6);
});

test('deeply nested Handlebars in a prompt part', async () => {
  const depth = 5000;
  const open = Array.from({ length: depth }, (_, i) => `{{#each data.l${i}}}{{#if this}}`).join('');
  const close = '{{/if}}{{/each}}'.repeat(depth);
  const text = `# Instruction\n${open}\n{{{{raw}}}} {{ {{ }}\n${close}\n`;
  const file = path.join(AGENTS, 'nested.aip');
  const pub = await client.open(file, text);
  assert.deepEqual(pub.diagnostics, []);
  await pokeEverything(file, 4);
});

test('the server is still alive and answering after all of it', async () => {
  const file = path.join(AGENTS, 'alive.aip');
  const pub = await client.open(file, '# Data\n```lua\nreturn aip.path.jion("a")\n```\n');
  assert.equal(pub.diagnostics.length, 1);
  assert.equal(client.exited, false);
});

test('pure features on pathological text do not throw', () => {
  const texts = [
    '',
    '\n\n\n',
    '#',
    '# ',
    '```',
    '````lua\n```\n',
    '# Data\n```lua\n' + '('.repeat(10000) + '\n```\n',
    '# Data\n```lua\n' + 'local s = [[' + '\n```\n',
    '# Data\n```lua\n--[==[ never closed\n```\n',
    '# Options\n```toml\n[[[\n```\n',
    '\ufeff# Data\r\n```lua\r\nreturn aip.\r\n```\r\n',
  ];
  for (const t of texts) {
    const d = analyzeAip(t);
    documentDiagnostics(d);
    documentSymbols(d);
    foldingRanges(d);
    for (let line = 0; line < d.lines.length; line++) {
      for (const character of [0, 1, 5, 10_000]) {
        complete(d, { line, character });
        hoverAt(d, { line, character });
        signatureAt(d, { line, character });
      }
    }
    complete(d, { line: 999, character: 0 });
    hoverAt(d, { line: 999, character: 0 });
    signatureAt(d, { line: 999, character: 0 });
  }
  assert.ok(true);
});
