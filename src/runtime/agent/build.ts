/**
 * AgentDoc placed in its directory context with its options resolved (§1.6).
 */
import * as path from 'node:path';
import { type AgentOptions, mergeOptions, resolveModel } from '../config/options';
import { AipError } from '../errors';
import { parseOptionsBlock } from './options-block';
import type { Agent, AgentDoc, AgentRef } from './types';

export interface BuildAgentArgs {
  /** Name as invoked (`demo@proof`, `path/to/x.aip`). */
  name: string;
  agentRef: AgentRef;
  /** Absolute path of the `.aip` file (used as given). */
  filePath: string;
  doc: AgentDoc;
  /** Config cascade result (§4.1 layers 1-3). */
  configOptions: AgentOptions;
  /** Options above the agent's own, e.g. `aip.agent.run(name, {options})` (§4.1 layer 5). */
  overrides?: AgentOptions;
}

export function buildAgent(args: BuildAgentArgs): Agent {
  const { name, agentRef, filePath, doc } = args;
  const options = mergeOptions(args.configOptions, parseOptionsBlock(doc, filePath), args.overrides);

  // A blank model can never reach a provider; report it as missing here rather than at the first AI call.
  const model = options.model;
  if (model === undefined || model.trim() === '') {
    throw new AipError(`Model is missing for agent path: ${filePath}`, { location: { file: filePath } });
  }

  const fileDir = path.dirname(filePath);
  const requireRoots = [fileDir];
  if (agentRef.kind === 'PackRef') requireRoots.push(agentRef.packDir);

  const hasPromptParts = doc.promptParts.length > 0;
  return {
    name,
    agentRef,
    fileName: path.basename(filePath),
    filePath,
    fileDir,
    options,
    model,
    modelResolved: resolveModel(model, options.model_aliases),
    beforeAllScript: doc.beforeAll,
    dataScript: doc.data,
    outputScript: doc.output,
    afterAllScript: doc.afterAll,
    promptParts: doc.promptParts,
    hasPromptParts,
    hasTaskStages: hasPromptParts || doc.data !== undefined || doc.output !== undefined,
    requireRoots,
    doc,
  };
}
