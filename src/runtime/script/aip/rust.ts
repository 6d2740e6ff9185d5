/**
 * `aip.rust` (§8.11): `prune_to_declarations` keeps a Rust file's declarations and
 * replaces function bodies with `{ // ... }` (and drops `#[cfg(test)]` blocks' contents),
 * to give a model the shape of a file cheaply. A small token scanner, as in the original.
 */
import type { ModuleCatalog } from '../catalog';
import { argString } from '../catalog';

type Tok = 'comment' | 'cfgTest' | 'fn' | 'text' | 'open' | 'close' | 'newline' | 'ws';

// Sticky regexes: matched at an index without slicing the source.
const TEXT_IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
// Any run of characters that are not braces, whitespace or ASCII letters.
const TEXT_OTHER = /[^{}\sA-Za-z]+/uy;
const WS_RUN = /[ \t]+/y;

function matchAt(re: RegExp, src: string, i: number): number {
  re.lastIndex = i;
  const m = re.exec(src);
  return m ? m[0].length : 0;
}

/** Longest match at `i`; ties go to the higher-priority token (comment > cfg/fn > text). */
function nextToken(src: string, i: number): { tok: Tok; len: number } {
  const c = src[i];
  if (c === '{') return { tok: 'open', len: 1 };
  if (c === '}') return { tok: 'close', len: 1 };
  if (c === '\n' || c === '\r') return { tok: 'newline', len: 1 };
  const ws = matchAt(WS_RUN, src, i);
  if (ws > 0) return { tok: 'ws', len: ws };
  const cands: { tok: Tok; len: number; prio: number }[] = [];
  if (src.startsWith('//', i)) {
    const nl = src.indexOf('\n', i);
    cands.push({ tok: 'comment', len: (nl < 0 ? src.length : nl) - i, prio: 3 });
  }
  if (src.startsWith('#[cfg(test', i)) cands.push({ tok: 'cfgTest', len: 10, prio: 2 });
  if (src.startsWith('fn ', i)) cands.push({ tok: 'fn', len: 3, prio: 2 });
  const t = matchAt(TEXT_IDENT, src, i) || matchAt(TEXT_OTHER, src, i);
  if (t > 0) cands.push({ tok: 'text', len: t, prio: 1 });
  if (cands.length === 0) throw new Error('lexer next error ()');
  cands.sort((a, b) => b.len - a.len || b.prio - a.prio);
  return cands[0];
}

export function pruneRustToDeclarations(code: string): string {
  const out: string[] = [];
  let braces = 0;
  let inFn = false;
  let afterCfgTest = false;
  let inTestBlock = false;
  // Indentation of the current line, to put back before a function's closing brace.
  let lineIndent: string[] | undefined;
  for (let i = 0; i < code.length; ) {
    const { tok, len } = nextToken(code, i);
    const slice = code.slice(i, i + len);
    i += len;
    const capture = !inTestBlock && !inFn;
    switch (tok) {
      case 'comment':
        if (capture || braces === 0) out.push(slice);
        lineIndent = undefined;
        break;
      case 'fn':
        if (capture) out.push(slice);
        inFn = true;
        lineIndent = undefined;
        break;
      case 'cfgTest':
        out.push(slice);
        afterCfgTest = true;
        lineIndent = undefined;
        break;
      case 'open':
        if (afterCfgTest && braces === 0) inTestBlock = true;
        if (inFn || inTestBlock) {
          braces++;
          if (braces === 1) out.push('{\n    // ...\n');
        } else out.push('{');
        lineIndent = undefined;
        break;
      case 'close':
        if ((inFn || inTestBlock) && braces > 0) {
          braces--;
          if (braces === 0) {
            if (inFn) {
              inFn = false;
              if (lineIndent) out.push(...lineIndent);
              lineIndent = undefined;
              out.push(slice);
            }
            if (inTestBlock) {
              afterCfgTest = false;
              inTestBlock = false;
            }
          }
        } else out.push(slice);
        lineIndent = undefined;
        break;
      case 'text':
        lineIndent = undefined;
        if (capture || braces === 0) out.push(slice);
        break;
      case 'newline':
        if (capture || braces === 0) out.push('\n');
        lineIndent = [];
        break;
      case 'ws':
        lineIndent?.push(slice);
        if (capture || braces === 0) out.push(slice);
        break;
    }
  }
  return out.join('');
}

export const rustCatalog: ModuleCatalog = {
  module: 'rust',
  doc: 'Rust source helpers.',
  entries: [
    {
      name: 'prune_to_declarations',
      signature: 'aip.rust.prune_to_declarations(code: string) -> string',
      doc: [
        'Keep the declarations of Rust code (uses, structs, impls, function signatures, top-level comments) and replace each function body with `{ // ... }`; `#[cfg(test)]` blocks are emptied the same way.',
        '',
        '- `code`: the Rust source.',
        '',
        'Returns the pruned source. Errors with `Failed to prune Rust code: …` when the text cannot be scanned (e.g. form-feed characters).',
        '',
        'Example: `local outline = aip.rust.prune_to_declarations(file.content)`',
      ].join('\n'),
      impl: (call, code) => {
        const src = argString(call, code, 'code');
        try {
          return pruneRustToDeclarations(src);
        } catch (err) {
          throw new Error(`Failed to prune Rust code: ${(err as Error).message}`);
        }
      },
    },
  ],
};
