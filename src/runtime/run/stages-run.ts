/**
 * The run-level stages (§2.3, §2.4): Before All (skip / redo / before_all_response
 * reshaping inputs and options) and After All (its value returned as `after_all`,
 * a redo directive marking the run `redo_requested`).
 */
import type { Agent } from '../agent/types';
import { readDirective, wrongStageMessage } from './directive';
import { agentWithOptions, optionsForLua, type RunCtx } from './run-context';
import { runLuaStage } from './stage';

export interface BeforeAllResult {
  beforeAll: unknown;
  agent: Agent;
  inputs?: unknown[];
  skip: boolean;
  redo: boolean;
}

export async function processBeforeAll(rc: RunCtx, inputs: unknown[] | undefined): Promise<BeforeAllResult> {
  const { agent } = rc;
  let res: BeforeAllResult = { beforeAll: undefined, agent, inputs, skip: false, redo: false };
  if (agent.beforeAllScript) {
    const value = await runLuaStage(rc, 'BeforeAll', agent.beforeAllScript, { inputs, options: optionsForLua(agent) });
    const read = readDirective(value);
    if ('value' in read) {
      res.beforeAll = read.value;
    } else {
      const d = read.directive;
      if (d.kind === 'Skip') {
        rc.deps.rtModel.recSkipRun(rc.runId, 'BeforeAll', d.reason);
        return { ...res, skip: true };
      }
      if (d.kind === 'Redo') return { ...res, redo: true };
      if (d.kind === 'DataResponse') throw new Error(wrongStageMessage('DataResponse', 'BeforeAll'));
      res = {
        ...res,
        beforeAll: d.response.beforeAll,
        inputs: d.response.inputs ?? inputs,
        agent: agentWithOptions(agent, d.response.options),
      };
    }
  }
  rc.deps.rtLog.sysInfo(
    { runId: rc.runId },
    `Model: ${res.agent.modelResolved} (${res.agent.model}). Input Concurrency: ${res.agent.options.input_concurrency ?? 1}`,
  );
  return res;
}

export async function processAfterAll(
  rc: RunCtx,
  beforeAll: unknown,
  inputs: unknown[] | undefined,
  outputs: unknown[] | undefined,
): Promise<{ afterAll: unknown; redo: boolean }> {
  const { agent } = rc;
  if (!agent.afterAllScript) return { afterAll: undefined, redo: false };
  const value = await runLuaStage(rc, 'AfterAll', agent.afterAllScript, {
    inputs,
    outputs,
    before_all: beforeAll,
    options: optionsForLua(agent),
  });
  // Only a redo is interpreted here (§2.3); any other value, directives included, is returned as is.
  let redo = false;
  try {
    const read = readDirective(value);
    redo = 'directive' in read && read.directive.kind === 'Redo';
  } catch {
    redo = false;
  }
  return { afterAll: value, redo };
}
