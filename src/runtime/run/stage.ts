/**
 * One Lua stage execution (§2.1, §2.2): a fresh engine state with CTX for this
 * stage, the `aip.*` catalogs plus the run-bound modules, `print` recorded as an
 * AgentPrint log row, and errors tagged with the stage.
 */
import type { ScriptBlock } from '../agent/types';
import { AipError, errorMessage } from '../errors';
import type { Id } from '../model/types';
import type { PinMarker, RunBinding, SubAgentOptions } from '../script/catalog';
import { agentCatalog, runCatalog, taskCatalog } from '../script/aip/run-bound';
import { runStageScript } from '../script/lua-engine';
import { buildCtx } from './ctx';
import type { RunAgentResponse, RunCtx } from './run-context';

export type LuaStage = 'BeforeAll' | 'Data' | 'Output' | 'AfterAll';

export interface StageTask {
  taskId: Id;
  taskUid: string;
  idx: number;
}

/** Set by pipeline.ts (kept as a hook to avoid an import cycle). */
let subAgentRunner: ((rc: RunCtx, name: string, opts: SubAgentOptions) => Promise<RunAgentResponse>) | undefined;
export function setSubAgentRunner(fn: typeof subAgentRunner): void {
  subAgentRunner = fn;
}

function binding(rc: RunCtx, stage: LuaStage, task: StageTask | undefined): RunBinding {
  const { rtModel } = rc.deps;
  const marker = (m: PinMarker) => JSON.stringify(m, null, 2);
  return {
    stage,
    inTask: task !== undefined,
    runAgent: async (name, opts) => {
      if (!subAgentRunner) throw new Error('Cannot call agent, no parent run uid found');
      return subAgentRunner(rc, name, opts);
    },
    setRunLabel: async (label) => rtModel.setRunLabel(rc.runId, label),
    setTaskLabel: async (label) => {
      if (!task) throw new Error("Cannot call 'aip.task.set_label(...)' outside of a task context.");
      rtModel.setTaskLabel(rc.runId, task.taskId, label);
    },
    pinRun: async (iden, priority, m) => {
      rtModel.saveRunPin(rc.runId, iden, priority, marker(m));
    },
    pinTask: async (iden, priority, m) => {
      if (!task) throw new Error("Cannot call 'aip.task.pin(...)' in a before all or after all code block.\nCall `aip.run.pin(..)`'");
      rtModel.saveTaskPin(rc.runId, task.taskId, iden, priority, marker(m));
    },
  };
}

/** Run `script` for `stage` with the stage variables `vars`; resolves to the script's return value. */
export async function runLuaStage(
  rc: RunCtx,
  stage: LuaStage,
  script: ScriptBlock,
  vars: Record<string, unknown>,
  task?: StageTask,
): Promise<unknown> {
  const { deps, agent } = rc;
  const CTX = buildCtx(rc.literals, {
    runUid: rc.runUid,
    runNum: rc.runNum,
    parentRunUid: rc.parentRunUid,
    taskUid: task?.taskUid,
    taskNum: task ? task.idx + 1 : undefined,
    stage,
    redoCount: rc.base.redoCount ?? 0,
  });
  const logTarget = { runId: rc.runId, taskId: task?.taskId, stage };
  try {
    return await runStageScript({
      script,
      chunkName: agent.fileName,
      filePath: agent.filePath,
      stage,
      globals: { ...vars, CTX },
      catalogs: [...deps.catalogs, agentCatalog, runCatalog, taskCatalog],
      call: { host: deps.host, signal: rc.cancel.signal, env: deps.scriptEnv, run: binding(rc, stage, task) },
      requireRoots: agent.requireRoots,
      onPrint: (text) => {
        deps.rtLog.agentPrint(logTarget, text);
      },
      cpuBudgetMs: deps.cpuBudgetMs,
    });
  } catch (err) {
    if (rc.cancel.isCancelled()) throw err;
    if (err instanceof AipError && err.stage) throw err;
    throw new AipError(errorMessage(err), { stage, location: { file: agent.filePath }, cause: err });
  }
}
