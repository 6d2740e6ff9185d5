/** Token scopes of syntaxes/aip.tmLanguage.json on fixture agents. */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IGrammar } from 'vscode-textmate';
import { GRAMMAR_FIXTURES, GRAMMAR_PATH, loadAipGrammar, scopesOf, tokenize, type Tok } from './textmate';

let grammar: IGrammar;
let toks: Tok[];

before(async () => {
  grammar = await loadAipGrammar();
  toks = tokenize(grammar, fs.readFileSync(path.join(GRAMMAR_FIXTURES, 'sample.aip'), 'utf8'));
});

const has = (scopes: string[], ...want: string[]) => {
  for (const w of want) assert.ok(scopes.includes(w), `expected ${w} in ${scopes.join(' ')}`);
};

test('the grammar file is source.aip and every include it names resolves or is an embedded language', () => {
  const g = JSON.parse(fs.readFileSync(GRAMMAR_PATH, 'utf8'));
  assert.equal(g.scopeName, 'source.aip');
  const includes = JSON.stringify(g).match(/"include":\s*"[^"]+"/g)!.map((s) => s.replace(/"include":\s*"|"$/g, ''));
  for (const inc of new Set(includes)) {
    if (inc.startsWith('#')) assert.ok(g.repository[inc.slice(1)], `repository rule ${inc}`);
    else assert.ok(['text.html.markdown', 'source.lua', 'source.toml'].includes(inc), inc);
  }
});

test('level-1 headings are scoped by kind', () => {
  has(scopesOf(toks, 0, ' Notes'), 'meta.section.other.aip', 'markup.heading.1.aip', 'entity.name.section.markdown');
  has(scopesOf(toks, 3, 'Options'), 'meta.section.options.aip', 'keyword.control.section.options.aip');
  // `#Before All` (no space) is a heading too (§1.1).
  has(scopesOf(toks, 8, 'Before All'), 'meta.section.stage.aip', 'entity.name.function.section.stage.aip');
  has(scopesOf(toks, 14, 'System'), 'meta.section.prompt.aip', 'entity.name.type.section.prompt.aip');
  has(scopesOf(toks, 14, '`cache = true`'), 'markup.inline.raw.part-options.aip');
  // Case-insensitive like the parser.
  has(scopesOf(toks, 27, 'OUTPUT'), 'meta.section.stage.aip', 'entity.name.function.section.stage.aip');
});

test('```lua fences embed source.lua, ```toml fences source.toml', () => {
  has(scopesOf(toks, 4, 'toml'), 'fenced_code.block.language.markdown');
  has(scopesOf(toks, 5, 'model'), 'meta.embedded.block.toml', 'support.type.property-name.toml');
  has(scopesOf(toks, 9, '```'), 'markup.fenced_code.block.aip', 'punctuation.definition.markdown');
  has(scopesOf(toks, 10, 'local'), 'meta.embedded.block.lua', 'keyword.control.lua');
  has(scopesOf(toks, 29, 'return'), 'meta.section.stage.aip', 'meta.embedded.block.lua', 'keyword.control.lua');
});

test('without a TOML grammar installed, # Options still gets TOML scopes', async () => {
  const bare = await loadAipGrammar(['source.toml']);
  const t = tokenize(bare, '# Options\n```toml\nmodel = "mini" # comment\n[model_aliases]\nfast = \'x\'\ninput_concurrency = 4\n```');
  has(scopesOf(t, 2, 'model'), 'meta.embedded.block.toml', 'support.type.property-name.toml');
  has(scopesOf(t, 2, '"mini"'), 'string.quoted.single.basic.line.toml');
  has(scopesOf(t, 2, '# comment'), 'comment.line.number-sign.toml');
  has(scopesOf(t, 3, 'model_aliases'), 'entity.name.table.toml');
  has(scopesOf(t, 4, "'x'"), 'string.quoted.single.literal.line.toml');
  has(scopesOf(t, 5, '4'), 'constant.numeric.toml');
});

test('a # line inside a fence is code, not a heading', () => {
  const s = scopesOf(toks, 11, '# not a heading inside a fence');
  has(s, 'meta.embedded.block.lua');
  assert.ok(!s.includes('markup.heading.1.aip'));
});

test('Handlebars in prompt parts: expressions, blocks, else, comments, triple-stash, inside fences', () => {
  has(scopesOf(toks, 15, '{{'), 'meta.section.prompt.aip', 'meta.tag.template.handlebars', 'punctuation.definition.tag.begin.handlebars');
  has(scopesOf(toks, 15, 'data.lang'), 'variable.other.handlebars');
  has(scopesOf(toks, 16, '{{!--'), 'comment.block.handlebars');
  has(scopesOf(toks, 17, '#'), 'meta.tag.template.block.handlebars', 'punctuation.definition.block.handlebars');
  has(scopesOf(toks, 17, 'each'), 'keyword.control.handlebars');
  // Inside a four-backtick fence, the three-backtick line's info string is a template.
  has(scopesOf(toks, 19, 'ext'), 'markup.fenced_code.block.aip', 'meta.tag.template.handlebars');
  has(scopesOf(toks, 20, '{{{'), 'meta.tag.template.raw.handlebars');
  has(scopesOf(toks, 23, 'else'), 'keyword.control.handlebars');
  has(scopesOf(toks, 23, '/'), 'meta.tag.template.block.handlebars');
  // `##` sub-headings stay inside the part and keep templates.
  has(scopesOf(toks, 25, 'data.h'), 'meta.section.prompt.aip', 'meta.tag.template.handlebars');
});

test('no Handlebars outside prompt parts', () => {
  const t = toks.find((x) => x.line === 1 && x.text.includes('{{'))!;
  assert.ok(!t.scopes.some((s) => s.includes('handlebars')), t.scopes.join(' '));
});

test('an unterminated fence runs to the end, as the parser reads it', () => {
  const t = tokenize(grammar, '# Data\n```lua\nlocal a = 1\n# Output\nreturn a');
  has(scopesOf(t, 3, '# Output'), 'meta.embedded.block.lua');
  has(scopesOf(t, 4, 'return'), 'meta.embedded.block.lua');
});

test('deeply nested Handlebars and long lines tokenize quickly', () => {
  const depth = 2000;
  const line = Array.from({ length: depth }, (_, i) => `{{#each l${i}}}`).join('') + '{{/each}}'.repeat(depth);
  const t0 = performance.now();
  const t = tokenize(grammar, `# Instruction\n${line}\n# Data\n\`\`\`lua\nreturn 1\n\`\`\``);
  assert.ok(performance.now() - t0 < 5000);
  has(scopesOf(t, 4, 'return'), 'meta.embedded.block.lua');
});
