/** snippets/aip.code-snippets and language-configuration.json: well-formed, on the current API. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeAip } from '../../../src/server/aip-doc';
import { catalogIndex, checkAipRef } from '../../../src/server/catalog-index';
import { documentDiagnostics } from '../../../src/server/diagnostics';
import { findChains, tokenizeLua } from '../../../src/server/lua-scan';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const snippets = JSON.parse(fs.readFileSync(path.join(ROOT, 'snippets', 'aip.code-snippets'), 'utf8')) as Record<
  string,
  { prefix: string; body: string[]; description: string }
>;

/** Body with placeholders replaced by their defaults, as inserted by the editor. */
function expand(body: string[]): string {
  let text = body.join('\n');
  for (let i = 0; i < 5; i++) text = text.replace(/\$\{\d+:([^{}]*)\}/g, '$1');
  return text.replace(/\$\{TM_FILENAME\}/g, 'agent.aip').replace(/\$\{\d+\}|\$\d+/g, '');
}

test('the prefixes of the official aipack extension are all there', () => {
  const prefixes = Object.values(snippets).map((s) => s.prefix);
  for (const p of [
    'aip-agent-01-min',
    'aip-stage-0-options-01-simple',
    'aip-stage-1-before-all-01-simple',
    'aip-lua-debug-skip-return',
    'aip-prompt-sep',
    'aip-prompt-meta',
    'aip-tmpl-each-files',
  ]) {
    assert.ok(prefixes.includes(p), p);
  }
  for (const s of Object.values(snippets)) assert.ok(s.description.length > 10, s.prefix);
});

test('snippets use the current aip.* API only', () => {
  const idx = catalogIndex();
  for (const s of Object.values(snippets)) {
    const text = expand(s.body);
    assert.ok(!/\baipack\./.test(text), `${s.prefix} uses the removed aipack.* API`);
    assert.ok(!/item_concurrency/.test(text), `${s.prefix} uses the old item_concurrency option`);
    for (const chain of findChains(tokenizeLua(text), 'aip')) {
      if (chain.parts.length < 2) continue;
      const res = checkAipRef(idx, chain.parts[1], chain.parts[2]);
      assert.ok(res.ok, `${s.prefix}: ${res.ok ? '' : res.message}`);
    }
  }
});

test('the section snippets together make an agent without diagnostics', () => {
  const sections = Object.values(snippets)
    .filter((s) => s.body.some((l) => l.startsWith('# ')))
    .map((s) => expand(s.body));
  assert.ok(sections.length >= 6);
  for (const text of sections) assert.deepEqual(documentDiagnostics(analyzeAip(text)), [], text.split('\n')[0]);
  // One agent of all stages (the minimal agent stands alone).
  const agent = sections.filter((t) => !t.includes('# Data\n\n```lua\n-- Try it')).join('\n');
  assert.deepEqual(documentDiagnostics(analyzeAip(agent)), []);
});

test('language-configuration.json is valid and its patterns compile', () => {
  const conf = JSON.parse(fs.readFileSync(path.join(ROOT, 'language-configuration.json'), 'utf8'));
  assert.deepEqual(conf.comments, { blockComment: ['<!--', '-->'] });
  new RegExp(conf.folding.markers.start);
  new RegExp(conf.folding.markers.end);
  new RegExp(conf.wordPattern);
  assert.ok(new RegExp(conf.folding.markers.start).test('<!-- #region inputs -->'));
  assert.ok(new RegExp(conf.folding.markers.end).test('<!-- #endregion -->'));
});
