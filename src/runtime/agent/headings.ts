/**
 * The level-1 heading vocabulary of a `.aip` file (§1.1, §1.3, §1.4), shared
 * by the parser and the language server (completion, outline).
 */
import type { PromptPartKind, SectionKind } from './types';

export type CodeSectionKey = 'options' | 'beforeAll' | 'data' | 'output' | 'afterAll';

export interface CodeSectionSpec {
  kind: SectionKind;
  /** AgentDoc field the captured block goes to. */
  key: CodeSectionKey;
  /** Info-string prefix that opens the captured fence. */
  lang: 'lua' | 'toml';
  /** Canonical heading text, for messages and completion. */
  title: string;
}

/** Code sections, keyed by their trimmed, lower-cased heading (exact match). */
export const CODE_SECTIONS: ReadonlyMap<string, CodeSectionSpec> = new Map([
  ['options', { kind: 'Options', key: 'options', lang: 'toml', title: 'Options' }],
  ['before all', { kind: 'BeforeAll', key: 'beforeAll', lang: 'lua', title: 'Before All' }],
  ['data', { kind: 'Data', key: 'data', lang: 'lua', title: 'Data' }],
  ['output', { kind: 'Output', key: 'output', lang: 'lua', title: 'Output' }],
  ['after all', { kind: 'AfterAll', key: 'afterAll', lang: 'lua', title: 'After All' }],
] as const);

/** Prompt-part headings and their aliases, lower-cased. */
export const PROMPT_PART_HEADINGS: ReadonlyMap<string, PromptPartKind> = new Map([
  ['system', 'System'],
  ['instruction', 'Instruction'],
  ['user', 'Instruction'],
  ['inst', 'Instruction'],
  ['assistant', 'Assistant'],
  ['model', 'Assistant'],
  ['mind trick', 'Assistant'],
  ['jedi trick', 'Assistant'],
] as const);

/**
 * Prompt-part kind of a lower-cased heading. Only the text before the first
 * backtick counts, so ``system `cache = true` `` is a System part.
 */
export function promptPartKindOf(headingLower: string): PromptPartKind | undefined {
  const tick = headingLower.indexOf('`');
  const name = tick < 0 ? headingLower : headingLower.slice(0, tick).trim();
  return PROMPT_PART_HEADINGS.get(name);
}

/** Text inside the first pair of backticks (non-empty), e.g. `cache = true`. */
export function partOptionsStrOf(headingLower: string): string | undefined {
  const m = /`([^`]+)`/.exec(headingLower);
  return m ? m[1] : undefined;
}

/** Kind of a heading given its text after `#` (any case, any surrounding space). */
export function sectionKindOf(title: string): SectionKind {
  const lower = title.trim().toLowerCase();
  return CODE_SECTIONS.get(lower)?.kind ?? promptPartKindOf(lower) ?? 'Unknown';
}
