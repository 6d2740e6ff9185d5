/**
 * What the server understands of the Lua itself: completion of locals,
 * keywords, standard library, module and typed fields; hover, definition,
 * references and rename; functions in the outline; folding inside Lua;
 * multi-line signature help; template field completion; quick fixes;
 * semantic tokens; module documents.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeAip, type AipDocument } from '../../../src/server/aip-doc';
import { attachFixes } from '../../../src/server/code-actions';
import { complete } from '../../../src/server/completion';
import { documentDiagnostics } from '../../../src/server/diagnostics';
import { optionKeyHover, signatureAt } from '../../../src/server/hover';
import { luaDefinition, luaHoverMarkdown, luaReferences, luaReferencesAcross, luaTargetAt } from '../../../src/server/lua-nav';
import { luaModuleDiagnostics } from '../../../src/server/lua-rules';
import { moduleSource, stageSourceAt } from '../../../src/server/lua-source';
import { documentSymbols, foldingRanges, luaFunctionSymbols } from '../../../src/server/outline';
import { semanticTokens, TOKEN_TYPES } from '../../../src/server/semantic';
import type { Position } from '../../../src/server/types';
import { SERVER_FIXTURES } from './lsp-client';

const ROOTS = [path.join(SERVER_FIXTURES, 'no-fp')];
const aip = (...lines: string[]) => lines.join('\n') + '\n';
const labels = (d: AipDocument, line: number, character: number) => complete(d, { line, character }, { requireRoots: ROOTS }).map((i) => i.label);

const AGENT = aip(
  '# Data', //                                        0
  '```lua', //                                        1
  'local helpers = require("helpers")', //            2
  '-- The file being worked on.', //                  3
  'local file = aip.file.load(input.path)', //        4
  'local function shout(text, times)', //             5
  '  local loud = string.upper(text)', //             6
  '  return loud', //                                 7
  'end', //                                           8
  'local label = helpers.join({ file.name,', //       9
  '  shout(file.content) })', //                      10
  'return { label = label, size = file.size }', //    11
  '```', //                                           12
  '# Instruction', //                                 13
  'Label: {{data.', //                                14
  '{{#', //                                           15
);
const doc = analyzeAip(AGENT);
const target = (pos: Position) => luaTargetAt(stageSourceAt(doc, pos)!, pos, { requireRoots: ROOTS });

test('completion: locals in scope with their guessed types, keywords and the std library', () => {
  const items = complete(doc, { line: 7, character: 2 }, { requireRoots: ROOTS });
  const byLabel = new Map(items.map((i) => [i.label, i]));
  assert.equal(byLabel.get('file')?.detail, 'local file: FileRecord');
  assert.equal(byLabel.get('helpers')?.detail, 'local helpers: module "helpers"');
  assert.equal(byLabel.get('loud')?.detail, 'local loud: any');
  assert.equal(byLabel.get('text')?.detail, 'local text: any');
  assert.ok(byLabel.has('return') && byLabel.has('ipairs') && byLabel.has('input'));
  // `label` is declared below: not in scope yet.
  assert.equal(byLabel.has('label'), false);
});

test('completion: fields of a required module, of a catalog return type and of the std library', () => {
  const d = analyzeAip(aip('# Data', '```lua', 'local h = require("helpers")', 'local f = aip.file.load("x")', 'h.', 'f.', 'string.', '```'));
  assert.deepEqual(labels(d, 4, 2), ['join', 'file_label']);
  assert.ok(labels(d, 5, 2).includes('content') && labels(d, 5, 2).includes('mtime'));
  assert.ok(labels(d, 6, 7).includes('format'));
});

test('completion: module names inside require("', () => {
  const d = analyzeAip(aip('# Data', '```lua', 'local h = require("', '```'));
  assert.deepEqual(labels(d, 2, 19), ['helpers']);
});

test('completion: {{data. offers what the Data stage returns; {{# the block helpers', () => {
  assert.deepEqual(labels(doc, 14, 14), ['label', 'size']);
  assert.deepEqual(labels(doc, 15, 3), ['if', 'unless', 'each', 'with', 'raw']);
});

test('hover: a local with its type and doc comment; a module function from its file', () => {
  const local = target({ line: 9, character: 30 })!;
  assert.equal(luaHoverMarkdown(local.target), '```lua\nlocal file: FileRecord\n```\n\nThe file being worked on.');
  const mod = target({ line: 9, character: 24 })!;
  assert.match(luaHoverMarkdown(mod.target), /function helpers\.join\(parts, sep\)[\s\S]*Joins non-empty parts/);
  const field = target({ line: 11, character: 38 })!;
  assert.match(luaHoverMarkdown(field.target), /FileRecord\.size: integer\?/);
});

test('definition, references and rename of a local; definition of a module function', () => {
  const src = stageSourceAt(doc, { line: 10, character: 3 })!;
  const hit = target({ line: 10, character: 3 })!;
  assert.deepEqual(luaDefinition(src, hit.target), { range: { start: { line: 5, character: 15 }, end: { line: 5, character: 20 } } });
  const refs = luaReferences(src, target({ line: 4, character: 7 })!.target).map((r) => `${r.start.line}:${r.start.character}`);
  assert.deepEqual(refs, ['4:6', '9:29', '10:8', '11:31']);
  const mod = target({ line: 9, character: 24 })!;
  const def = luaDefinition(src, mod.target)!;
  assert.equal(def.path, path.join(SERVER_FIXTURES, 'no-fp', 'lua', 'helpers.lua'));
  assert.equal(def.range.start.line, 4);
});

test('references of a module function span the agent and the module file', () => {
  const src = stageSourceAt(doc, { line: 9, character: 24 })!;
  const refs = luaReferencesAcross(src, target({ line: 9, character: 24 })!.target, { line: 9, character: 24 });
  const helpers = path.join(SERVER_FIXTURES, 'no-fp', 'lua', 'helpers.lua');
  assert.deepEqual(
    refs.map((r) => `${r.path === helpers ? 'helpers.lua' : 'agent'}:${r.range.start.line}:${r.range.start.character}`),
    ['agent:9:22', 'helpers.lua:4:11'],
  );
});

test('outline: Lua functions under their section; folding inside Lua', () => {
  const data = documentSymbols(doc)[0];
  assert.deepEqual(data.children?.map((c) => [c.name, c.detail, c.range.start.line, c.range.end.line]), [['shout', '(text, times)', 5, 8]]);
  const folds = foldingRanges(doc).map((f) => `${f.startLine}-${f.endLine}`);
  assert.ok(folds.includes('5-8'), folds.join(' '));
  assert.ok(folds.includes('9-10'), folds.join(' '));
});

test('signature help across lines, for catalog and local functions', () => {
  const d = analyzeAip(aip('# Data', '```lua', 'local function pad(s, n) return s end', 'local x = aip.text.truncate(', '  "abc",', '  3', ')', 'pad(', '  "a", ', '```'));
  const s = signatureAt(d, { line: 5, character: 3 })!;
  assert.match(s.label, /^aip\.text\.truncate/);
  assert.equal(s.activeParameter, 1);
  const p = signatureAt(d, { line: 8, character: 8 })!;
  assert.deepEqual([p.label, p.activeParameter], ['pad(s, n)', 1]);
});

test('quick fixes for did-you-mean, a missing fence and an unknown model', () => {
  const d = analyzeAip(aip('# Options', '```toml', 'modle = "x"', '```', '# Befor All', '# Data', '```lua', 'aip.file.laod("x")', 'print(CTX.AGENT_NAMEE)', '```', '# Output', 'text'));
  const fixes = attachFixes(d, documentDiagnostics(d)).flatMap((x) => (x.fix ? [[x.code, x.fix.newText, x.fix.range.start.line, x.fix.range.start.character]] : []));
  assert.deepEqual(fixes, [
    ['agent-parse', '```lua\n\n```\n', 11, 0],
    ['unknown-section', '# Before All', 4, 0],
    ['options-unknown-key', 'model', 2, 0],
    ['unknown-aip-function', 'load', 7, 9],
    ['ctx-key', 'AGENT_NAME', 8, 10],
  ]);
});

test('hover on an option key', () => {
  const d = analyzeAip(aip('# Options', '```toml', 'temperature = 0.2', '```'));
  assert.match(optionKeyHover(d, { line: 2, character: 3 })!.contents, /\*\*temperature\*\*: number \(0 to 2\)/);
  assert.equal(optionKeyHover(d, { line: 2, character: 16 }), undefined);
});

test('semantic tokens: aip modules and functions, CTX keys, stage variables', () => {
  const d = analyzeAip(aip('# Output', '```lua', 'local c = aip.text.trim(ai_response.content) .. CTX.STAGE', '```'));
  const data = semanticTokens(d);
  const tokens: string[] = [];
  for (let i = 0, line = 0, ch = 0; i < data.length; i += 5) {
    line += data[i];
    ch = data[i] === 0 ? ch + data[i + 1] : data[i + 1];
    tokens.push(`${line}:${ch}:${data[i + 2]}:${TOKEN_TYPES[data[i + 3]]}`);
  }
  assert.deepEqual(tokens, ['2:10:3:namespace', '2:14:4:namespace', '2:19:4:function', '2:24:11:variable', '2:48:3:variable', '2:52:5:property']);
});

test('a pack module is a document of its own: diagnostics, functions and hover', () => {
  const src = moduleSource('local M = {}\n-- Says hi.\nfunction M.hi(name) return aip.text.trimm(name) end\nreturn M\n');
  assert.deepEqual(luaModuleDiagnostics(src).map((x) => `${x.range.start.line}:${x.range.start.character} ${x.code}`), ['2:36 unknown-aip-function']);
  assert.deepEqual(luaFunctionSymbols(src).map((f) => f.name), ['M.hi']);
  const hit = luaTargetAt(src, { line: 3, character: 7 })!;
  assert.equal(luaHoverMarkdown(hit.target), '```lua\nlocal M: table\n```');
});
