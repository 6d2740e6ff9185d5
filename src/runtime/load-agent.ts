/**
 * Name or path → typed Agent (§1.6, §5.5): find the file, parse it, and
 * resolve its options through the config cascade (§4.1).
 */
import * as fs from 'node:fs/promises';
import { buildAgent } from './agent/build';
import { parseAgentDoc } from './agent/parse';
import type { Agent, AgentRef } from './agent/types';
import { loadConfigCascade } from './config/cascade';
import type { AgentOptions } from './config/options';
import type { DirContext } from './dir-context/dir-context';
import { findAgent } from './dir-context/find-agent';
import { decodeAgentText } from './agent/utf8';

export interface LoadAgentOptions {
  /** Base dir for a relative local name (sub-agents: the caller's agent dir, §5.5). */
  baseDir?: string;
}

/** Finds, reads and builds the agent; configs are re-read on every call (§12.4). */
export async function loadAgent(
  dirCtx: DirContext,
  name: string,
  overrides?: Partial<AgentOptions>,
  opts: LoadAgentOptions = {},
): Promise<Agent> {
  const found = await findAgent(dirCtx, name, { baseDir: opts.baseDir });
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(found.filePath);
  } catch (err) {
    throw new Error(`Cannot read agent file '${found.filePath}': ${(err as Error).message}`, { cause: err });
  }
  const text = decodeAgentText(bytes, found.filePath);
  const configOptions = await loadConfigCascade(dirCtx);
  return buildAgent({
    name: found.name,
    agentRef: found.agentRef,
    filePath: found.filePath,
    doc: parseAgentDoc(text, found.filePath),
    configOptions,
    overrides,
  });
}

export interface LoadAgentFromTextArgs {
  text: string;
  /** Absolute path the text stands for (errors and `require` roots point there). */
  filePath: string;
  /** Defaults to `filePath`. */
  name?: string;
  /** Defaults to a LocalPath ref of `name`. */
  agentRef?: AgentRef;
  /** Config layers to build on; when absent they are loaded from `dirCtx`. */
  configOptions?: AgentOptions;
  dirCtx?: DirContext;
  overrides?: Partial<AgentOptions>;
}

/** Builds an agent from text already in memory (an unsaved editor buffer, a test). */
export async function loadAgentFromText(args: LoadAgentFromTextArgs): Promise<Agent> {
  const name = args.name ?? args.filePath;
  let configOptions = args.configOptions;
  if (configOptions === undefined) {
    if (!args.dirCtx) throw new Error('loadAgentFromText needs either configOptions or a dirCtx');
    configOptions = await loadConfigCascade(args.dirCtx);
  }
  return buildAgent({
    name,
    agentRef: args.agentRef ?? { kind: 'LocalPath', path: name },
    filePath: args.filePath,
    doc: parseAgentDoc(args.text, args.filePath),
    configOptions,
    overrides: args.overrides,
  });
}
