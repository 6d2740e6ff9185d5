/**
 * Loads syntaxes/aip.tmLanguage.json into vscode-textmate with the oniguruma
 * wasm from node_modules, and tokenizes text into (text, scopes) pairs.
 * Markdown, Lua and TOML are small stand-ins: the tests check our grammar's
 * own scopes and that it hands fenced code to the embedded grammars.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, type IGrammar, type IRawGrammar } from 'vscode-textmate';

const ROOT = path.resolve(__dirname, '..', '..', '..');
export const GRAMMAR_PATH = path.join(ROOT, 'syntaxes', 'aip.tmLanguage.json');
export const GRAMMAR_FIXTURES = path.join(ROOT, 'test', 'fixtures', 'server', 'grammar');

const STUBS: Record<string, object> = {
  'source.lua': {
    scopeName: 'source.lua',
    patterns: [
      { name: 'keyword.control.lua', match: '\\b(?:local|return|if|then|end|function)\\b' },
      { name: 'string.quoted.double.lua', match: '"[^"]*"' },
    ],
  },
  'source.toml': {
    scopeName: 'source.toml',
    patterns: [
      { name: 'comment.line.number-sign.toml', match: '#.*$' },
      { name: 'support.type.property-name.toml', match: '^\\s*[A-Za-z_]+(?=\\s*=)' },
    ],
  },
  'text.html.markdown': {
    scopeName: 'text.html.markdown',
    patterns: [
      { name: 'markup.heading.2.markdown', begin: '^##+ ', end: '$' },
      { name: 'markup.bold.markdown', match: '\\*\\*[^*]+\\*\\*' },
    ],
  },
};

const registries = new Map<string, Registry>();
let wasmLoaded: Promise<void> | undefined;

/** A registry where the grammars named in `missing` are not installed. */
async function getRegistry(missing: string[]): Promise<Registry> {
  const key = missing.join(',');
  const hit = registries.get(key);
  if (hit) return hit;
  wasmLoaded ??= (async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  })();
  await wasmLoaded;
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string): Promise<IRawGrammar | null> => {
      if (scopeName === 'source.aip') return JSON.parse(fs.readFileSync(GRAMMAR_PATH, 'utf8')) as IRawGrammar;
      const stub = missing.includes(scopeName) ? undefined : STUBS[scopeName];
      return stub ? (JSON.parse(JSON.stringify(stub)) as IRawGrammar) : null;
    },
  });
  registries.set(key, registry);
  return registry;
}

export async function loadAipGrammar(missing: string[] = []): Promise<IGrammar> {
  const g = await (await getRegistry(missing)).loadGrammar('source.aip');
  if (!g) throw new Error('source.aip grammar did not load');
  return g;
}

export interface Tok {
  line: number;
  text: string;
  scopes: string[];
}

export function tokenize(grammar: IGrammar, text: string): Tok[] {
  const out: Tok[] = [];
  let state = INITIAL;
  text.split('\n').forEach((line, i) => {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) out.push({ line: i, text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    state = r.ruleStack;
  });
  return out;
}

/** Scopes of the first token on `line` whose text is exactly `text` (throws when absent, to name the missing token). */
export function scopesOf(toks: Tok[], line: number, text: string): string[] {
  const t = toks.find((x) => x.line === line && x.text === text);
  if (!t) {
    const have = toks.filter((x) => x.line === line).map((x) => JSON.stringify(x.text));
    throw new Error(`no token ${JSON.stringify(text)} on line ${line}; tokens: ${have.join(' ')}`);
  }
  return t.scopes;
}
