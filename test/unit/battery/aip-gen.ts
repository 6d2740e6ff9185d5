/**
 * Generators of `.aip` documents for the fuzz battery: random structure
 * (headings, fences of every length, unclosed and mismatched fences, huge lines,
 * binary bytes, deep Handlebars) and well-formed agents with exactly one known
 * defect (broken TOML, broken Lua, unclosed fence) at a known line.
 */
import type { Rng } from './support';

const HEADINGS = [
  '# Options', '# Before All', '# Data', '# Output', '# After All', '# Instruction', '# System', '# Assistant',
  '# Prompt', '# instruction', '#  Data  ', '## Data', '### Notes', '#Data', '# Dta', '# Befor All', '# Output `lua`',
  '# System `cache = true`', '####### deep', '#', '# ' + '\u{1F600}'.repeat(3), '# Instruction {{input}}',
];
const LANGS = ['lua', 'toml', '', 'handlebars', 'json', 'LUA', ' lua', 'lua {x}', 'toml\u0000'];
const LUA_OK = ['return input', 'local x = 1\nreturn x + 1', 'return { a = 1, b = "x", c = { 1, 2, 3 } }', 'print("hi")', '-- only a comment', 'return aip.flow.skip("fuzz")', 'local s = ""\nfor i = 1, 10 do s = s .. i end\nreturn s'];
const LUA_BAD = ['return (', 'local = 5', 'if true then', 'end end', 'return "unterminated', 'x = = 1', 'function f( return end', 'local t = {\nreturn t', 'return 1 +', 'goto nowhere'];
const TOML_OK = ['model = "gemini-3.1-flash-lite"', 'temperature = 0.5', 'input_concurrency = 2', 'model_aliases = { fast = "gemini-3.1-flash-lite" }', ''];
const TOML_BAD = ['model = ', 'model = "x', '[[[', 'temperature = "hot"', 'input_concurrency = -1', 'a = 1\na = 2', 'model = gemini', '= 3', 'temperature = 1.2.3'];
const TEXT = ['task {{input}}', '{{data.x}}', '{{{raw}}}', '{{> missing_partial}}', '{{#each}}', '{{#if}}{{/each}}', 'plain words', '{{input.path}} {{before_all}}', '}}{{', '{{!-- comment --}}', '{{#if input}}yes{{else}}no{{/if}}'];

function binary(r: Rng): string {
  const n = r.int(1, 200);
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(r.bool(0.1) ? r.pick([0, 0xfffd, 0xd800, 0xdfff, 0x1b, 0x7f, 0x85, 0x2028]) : r.int(0, 255));
  return s;
}

function deepHbs(r: Rng): string {
  const depth = r.int(10, 400);
  const closeAll = r.bool(0.7);
  return '{{#if input}}'.repeat(depth) + 'x' + '{{/if}}'.repeat(closeAll ? depth : r.int(0, depth - 1));
}

function body(r: Rng, lang: string): string {
  const roll = r.next();
  if (roll < 0.02) return 'x'.repeat(r.int(10_000, 120_000));
  if (roll < 0.07) return binary(r);
  if (roll < 0.1) return deepHbs(r);
  const l = lang.trim().toLowerCase();
  if (l.startsWith('lua')) return r.pick(r.bool(0.5) ? LUA_OK : LUA_BAD);
  if (l.startsWith('toml')) return r.pick(r.bool(0.5) ? TOML_OK : TOML_BAD);
  return r.pick(TEXT);
}

function fence(r: Rng): string {
  const n = r.pick([3, 3, 3, 4, 5, 1, 2, 6, 10]);
  return (r.bool(0.9) ? '`' : '~').repeat(n);
}

/** A document of random structure. */
export function randomAip(r: Rng): string {
  const out: string[] = [];
  if (r.bool(0.05)) out.push('\uFEFF');
  const sections = r.int(0, 8);
  for (let s = 0; s < sections; s++) {
    out.push(r.bool(0.85) ? r.pick(HEADINGS) : binary(r).replace(/\n/g, ''));
    if (r.bool(0.3)) out.push(r.pick(TEXT));
    const blocks = r.int(0, 2);
    for (let b = 0; b < blocks; b++) {
      const open = fence(r);
      const lang = r.pick(LANGS);
      out.push(open + lang, body(r, lang));
      const roll = r.next();
      if (roll < 0.8) out.push(open);
      else if (roll < 0.9) out.push(fence(r));
      // else: left open
    }
    if (r.bool(0.2)) out.push(body(r, r.pick(LANGS)));
  }
  const nl = r.bool(0.1) ? '\r\n' : r.bool(0.02) ? '\r' : '\n';
  return out.join(nl) + (r.bool(0.5) ? nl : '');
}

export type Defect = 'toml' | 'lua' | 'fence';

/** A well-formed agent with one defect; `line` is its 1-based line. */
export function defectiveAip(r: Rng): { text: string; defect: Defect; line: number } {
  const defect = r.pick<Defect>(['toml', 'lua', 'fence']);
  const lines: string[] = [];
  let line = 0;
  const mark = () => (line = lines.length + 1);
  lines.push('# Options', '```toml', 'model = "gemini-3.1-flash-lite"');
  if (defect === 'toml') {
    mark();
    lines.push(r.pick(TOML_BAD.filter((t) => !t.includes('\n'))));
  }
  lines.push('```', '');
  const stage = r.pick(['Before All', 'Data', 'Output', 'After All']);
  lines.push(`# ${stage}`, '```lua');
  if (defect === 'lua') {
    mark();
    lines.push(r.pick(['return (', 'local = 5', 'x = = 1', 'return 1 +', 'return "unterminated', 'local 1x = 2']));
  } else lines.push('return nil');
  lines.push('```', '', '# Instruction', 'task {{input}}', '');
  if (defect === 'fence') {
    lines.push('# Output');
    mark();
    lines.push('```lua', 'return 1', '');
  }
  return { text: lines.join('\n'), defect, line };
}
