import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findChains, stringArgAt, tokenizeLua } from '../../../src/server/lua-scan';
import { closest, editDistance } from '../../../src/server/suggest';

test('tokenizer skips comments and long strings, keeps positions', () => {
  const code = ['-- aip.file.nope in a comment', 'local s = "aip.x.y" .. [[', 'aip.z.w]] --[==[ aip.q.r', ']==] local v = aip.file.load(s)'].join('\n');
  const chains = findChains(tokenizeLua(code), 'aip');
  assert.deepEqual(
    chains.map((c) => [c.parts.join('.'), c.tokens[0].line, c.tokens[0].col]),
    [['aip.file.load', 3, 15]],
  );
});

test('chains after a dot or colon are not roots', () => {
  const chains = findChains(tokenizeLua('x.aip.file.load() y:aip() aip.web.UA_AIPACK'), 'aip');
  assert.deepEqual(chains.map((c) => c.parts.join('.')), ['aip.web.UA_AIPACK']);
});

test('string arguments: f("x"), f "x", f(\'x\', …) and escapes', () => {
  const toks = tokenizeLua('require("a.b") require "c" require(\'d\', 1) require(x) f("q\\"r")');
  const reqs = toks.flatMap((t, i) => (t.value === 'require' ? [stringArgAt(toks, i + 1)?.value ?? null] : []));
  assert.deepEqual(reqs, ['a.b', 'c', 'd', null]);
  const q = toks.find((t) => t.kind === 'string' && t.value.startsWith('q'))!;
  assert.equal(q.value, 'q"r');
  assert.equal(q.endCol - q.col, 6);
});

test('unterminated strings and comments end at the end of the text', () => {
  assert.deepEqual(tokenizeLua('local s = "abc').map((t) => t.kind), ['name', 'name', 'punct', 'string']);
  assert.deepEqual(tokenizeLua('--[[ open').length, 0);
  assert.deepEqual(tokenizeLua('x = [==[ open').map((t) => t.kind), ['name', 'punct', 'string']);
});

test('edit distance counts a transposition as one edit', () => {
  assert.equal(editDistance('laod', 'load'), 1);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('kitten', 'sitting'), 3);
});

test('closest: suggests near names only', () => {
  assert.equal(closest('laod', ['load', 'save', 'list']), 'load');
  assert.equal(closest('Ouptut', ['Output', 'Data']), 'Output');
  assert.equal(closest('Description', ['Output', 'Data', 'Options']), undefined);
  assert.equal(closest('xy', ['ab']), undefined);
});
