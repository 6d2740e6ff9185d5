// Differential table for globs: glob-cases.tsv lists glob/path pairs; glob-oracle.json is what the
// real globset crate answered for them, printed by scripts/globset-oracle (Debian's globset 0.4.9,
// built as simple-fs builds aipack's globs: `GlobBuilder::new(g).literal_separator(true)`).
// Where 0.4.9 differs from the globset aipack ships (0.4.16+: nested alternates, an unopened `}`),
// NEWER overrides the oracle row and cites globset's own tests (github:BurntSushi/ripgrep,
// crates/globset/src/glob.rs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileGlob } from '../../../src/runtime/glob/globset';

interface OracleRow {
  glob: string;
  path: string;
  /** Built with plain `Glob::new` (`*` crosses `/`), as simple-fs's `sort_by_globs` does. */
  plain?: boolean;
  match?: boolean;
  error?: string;
}

const NEWER: Record<string, { match?: boolean; error?: RegExp; src: string }> = {
  '{a,{b,c}}\tb': { match: true, src: 'glob.rs re36: "{a,{b,c}}" → ^(?:a|(?:b|c))$' },
  '{a,{b,c}}\td': { match: false, src: 'glob.rs re36' },
  'src/**/{a,{b,c}}.rs\tsrc/x/c.rs': { match: true, src: 'glob.rs re36 (nested group after a recursive prefix)' },
  '{a,b{c,d}}\tbd': { match: true, src: 'glob.rs matchalt18' },
  '{a,b{c,d}}\ta': { match: true, src: 'glob.rs matchalt19' },
  '{{a,b},{c,d}}\td': { match: true, src: 'glob.rs re37' },
  '}\t}': { error: /unopened alternate group/, src: 'glob.rs err_alt3/err_alt4 (UnopenedAlternates)' },
};

const rows = JSON.parse(readFileSync(join(__dirname, 'glob-oracle.json'), 'utf8')) as OracleRow[];
const cases = readFileSync(join(__dirname, 'glob-cases.tsv'), 'utf8').split('\n').filter((l) => l !== '' && !l.startsWith('#'));

test('the committed oracle output answers every case of the table, in order', () => {
  assert.deepEqual(rows.map((r) => `${r.glob}\t${r.path}${r.plain ? '\tplain' : ''}`), cases);
});

test(`glob parity table: ${rows.length} rows against globset`, () => {
  assert.ok(rows.length >= 40);
  const failures: string[] = [];
  for (const row of rows) {
    const newer = NEWER[`${row.glob}\t${row.path}`];
    let got: boolean | Error;
    try {
      got = compileGlob(row.glob, { literalSeparator: !row.plain })(row.path);
    } catch (err) {
      got = err as Error;
    }
    let ok: boolean;
    let want: string;
    if (newer) {
      ok = newer.error ? got instanceof Error && newer.error.test(got.message) : got === newer.match;
      want = `${newer.error ?? newer.match} [${newer.src}]`;
    } else if (row.error !== undefined) {
      ok = got instanceof Error && got.message === row.error;
      want = `error ${row.error} [oracle]`;
    } else {
      ok = got === row.match;
      want = `${row.match} [oracle]`;
    }
    if (!ok) failures.push(`${JSON.stringify(row.glob)} ~ ${JSON.stringify(row.path)}: want ${want}, got ${got instanceof Error ? got.message : got}`);
  }
  assert.deepEqual(failures, []);
});
