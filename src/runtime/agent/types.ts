/**
 * Shapes of a parsed agent (§1). `AgentDoc` is what the `.aip` text says;
 * `Agent` is a doc placed in its directory context with its options resolved.
 */
import type { AgentOptions } from '../config/options';

/** A Lua (or TOML) block captured from a section, with where each of its lines came from. */
export interface ScriptBlock {
  /** Captured text: lines joined with `\n`, each line followed by `\n` (§1.3). */
  code: string;
  /** `lineMap[i]` is the 1-based `.aip` line of code line `i + 1`. Repeated sections append (§1.3). */
  lineMap: number[];
}

export type PromptPartKind = 'System' | 'Instruction' | 'Assistant';

export interface PromptPart {
  kind: PromptPartKind;
  /** Template text: every line until the next level-1 heading outside a fence, plus a trailing `\n` (§1.4); `''` when the part has no lines. */
  content: string;
  /** Text between backticks in the (lower-cased) heading, e.g. `cache = true` (§1.4). */
  optionsStr?: string;
  /** 1-based `.aip` line of the heading. */
  headingLine: number;
}

export type SectionKind =
  | 'Options'
  | 'BeforeAll'
  | 'Data'
  | 'Output'
  | 'AfterAll'
  | 'System'
  | 'Instruction'
  | 'Assistant'
  | 'Unknown';

/** One level-1 heading as found in the file (for outlines, diagnostics and error locations). */
export interface SectionInfo {
  kind: SectionKind;
  /** Heading text after `#`, trimmed, original case. */
  title: string;
  /** 1-based line of the heading. */
  line: number;
  /** 1-based last line of the section (inclusive). */
  endLine: number;
}

/**
 * Something the parser noticed. `parseAgentDoc` throws on the first `error`;
 * `scanAgentDoc` (for the language server) keeps going and lists them all.
 */
export interface AgentDocProblem {
  severity: 'error' | 'warning';
  /** Message without a location prefix. */
  message: string;
  /** 1-based `.aip` line the problem points at. */
  line: number;
}

export interface AgentDoc {
  /** The `# Options` TOML block, if any. */
  options?: ScriptBlock;
  beforeAll?: ScriptBlock;
  data?: ScriptBlock;
  output?: ScriptBlock;
  afterAll?: ScriptBlock;
  promptParts: PromptPart[];
  sections: SectionInfo[];
  /** Filled by the parser; optional so hand-built docs (tests, sub-agents) need not list it. */
  problems?: AgentDocProblem[];
}

export type RepoKind = 'WorkspaceCustom' | 'BaseCustom' | 'BaseInstalled';

export type AgentRef =
  | { kind: 'LocalPath'; path: string }
  | {
      kind: 'PackRef';
      namespace: string;
      name: string;
      subPath?: string;
      packDir: string;
      repoKind: RepoKind;
    };

export interface Agent {
  /** Name as invoked (`demo@proof`, `path/to/x.aip`); `CTX.AGENT_NAME`. */
  name: string;
  agentRef: AgentRef;
  /** e.g. `main.aip` */
  fileName: string;
  /** Absolute path of the `.aip` file. */
  filePath: string;
  /** Absolute directory of the `.aip` file. */
  fileDir: string;
  /** Options after every merge (configs, `# Options`, overrides). */
  options: AgentOptions;
  /** Raw model string (may be an alias, may carry a reasoning suffix). */
  model: string;
  /** Alias-resolved model (§4.4): what is sent to the provider layer. */
  modelResolved: string;
  beforeAllScript?: ScriptBlock;
  dataScript?: ScriptBlock;
  outputScript?: ScriptBlock;
  afterAllScript?: ScriptBlock;
  promptParts: PromptPart[];
  hasPromptParts: boolean;
  /** Prompt parts, a Data script or an Output script (§1.6). */
  hasTaskStages: boolean;
  /** Lua `require` roots in order: agent dir, then pack dir for pack agents (§5.6). */
  requireRoots: string[];
  /** The parsed document (sections and lines, for errors and the language server). */
  doc: AgentDoc;
}
