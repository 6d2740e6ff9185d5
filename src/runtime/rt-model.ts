/**
 * rtModel (§6.4 "other model writes", §6.6-6.8): run/task creation and the
 * data writes of the pipeline (model, pricing, usage, cost, output, skip,
 * errors, labels, pins, loops). End-state writes refuse rows that already
 * ended, so a late write after a cancel cannot turn a Cancel into a Skip/Err.
 */
import path from 'node:path';
import { errorMessage } from './errors';
import type { Hub } from './hub';
import { LoopBmc } from './model/loop';
import type { ModelManager } from './model/model-manager';
import { PinBmc } from './model/pin';
import { RunBmc, type RunForCreate } from './model/run';
import { forgetRunCosts, runTotalWithTaskCost } from './model/run-cost';
import { TaskBmc } from './model/task';
import type { Id, Stage } from './model/types';
import type { RtLog } from './rt-log';

const NOT_ENDED = '"end" IS NULL';

/** What run creation needs from an Agent (§6.6). */
export interface RunAgentInfo {
  name: string;
  filePath: string;
  hasTaskStages: boolean;
  hasPromptParts: boolean;
}

export interface CreateRunOptions {
  /** Sub-agent parent, by id or uid. */
  parentRunId?: Id;
  parentRunUid?: string;
  /** Join a redo chain (§7.6); `reopen` reopens a loop that is no longer pending. Ignored for sub-agent runs. */
  loop?: { loopId: Id; reopen?: boolean };
}

/** A price row snapshot (USD per 1M tokens), §9.6. */
export interface TaskPricing {
  name: string;
  input_normal: number;
  input_cached?: number;
  output_normal: number;
}

/** Token counts as reported by the provider. */
export interface TaskUsage {
  prompt_tokens?: number;
  prompt_tokens_cached?: number;
  prompt_tokens_cache_creation?: number;
  completion_tokens?: number;
  completion_tokens_reasoning?: number;
}

export class RtModel {
  constructor(
    private readonly mm: ModelManager,
    private readonly hub: Hub,
    private readonly log: RtLog,
    /** For the workspace-relative `agent_path` (§6.6). */
    private readonly workspaceDir?: string,
  ) {}

  // -- Run

  createRun(agent: RunAgentInfo, opts: CreateRunOptions = {}): Id {
    const parentId = opts.parentRunId ?? (opts.parentRunUid !== undefined ? RunBmc.idForUid(this.mm, opts.parentRunUid) : undefined);
    const agentPath = this.displayAgentPath(agent.filePath);
    const c: RunForCreate = {
      parent_id: parentId,
      agent_name: agent.name,
      agent_path: agentPath,
      has_task_stages: agent.hasTaskStages,
      has_prompt_parts: agent.hasPromptParts,
    };
    let runId: Id;
    if (opts.loop && parentId === undefined) {
      runId = opts.loop.reopen ? LoopBmc.reopenAndCreateMember(this.mm, opts.loop.loopId, c) : LoopBmc.createMember(this.mm, opts.loop.loopId, c);
    } else {
      runId = RunBmc.create(this.mm, c);
    }
    this.hub.message(`\n======= RUNNING: ${agent.name}\n     Agent path: ${agentPath}`);
    return runId;
  }

  /** Workspace-relative unless the path is under `.aipack-base` (kept absolute, §6.6). */
  displayAgentPath(filePath: string): string {
    if (filePath.includes('.aipack-base') || !this.workspaceDir || !path.isAbsolute(filePath)) return filePath;
    const rel = path.relative(this.workspaceDir, filePath);
    return rel.startsWith('..') || path.isAbsolute(rel) ? filePath : rel;
  }

  updateRunModelAndConcurrency(runId: Id, model: string, concurrency: number): void {
    RunBmc.update(this.mm, runId, { model, concurrency });
  }
  updateRunFlowRedoCount(runId: Id, flowRedoCount: number): void {
    RunBmc.update(this.mm, runId, { flow_redo_count: flowRedoCount });
  }
  /** `aip.run.set_label`. */
  setRunLabel(runId: Id, label: string): void {
    RunBmc.update(this.mm, runId, { label });
  }
  /** Err row + `end_state=Err`/`end_err_id`, no end time. Undefined (no-op) when the run already ended. */
  setRunEndError(runId: Id, stage: Stage | null, err: unknown): Id | undefined {
    if (RunBmc.get(this.mm, runId).end !== null) return undefined;
    return RunBmc.setEndError(this.mm, runId, stage, errorMessage(err));
  }
  /** `end_state=Skip` (no end time); false when the run already ended. */
  setRunEndStateToSkip(runId: Id): boolean {
    return RunBmc.update(this.mm, runId, { end_state: 'Skip' }, { where: NOT_ENDED }) > 0;
  }
  /** `end_skip_reason` + AgentSkip log (reason as message) + console line. */
  recSkipRun(runId: Id, stage: Stage, reason?: string): void {
    RunBmc.update(this.mm, runId, { end_skip_reason: reason });
    this.log.agentSkip({ runId, stage }, reason);
    this.hub.message(skipLine(stage, reason));
  }

  // -- Loops (§7.6)

  createLoopForRun(runId: Id): Id {
    return LoopBmc.createForRun(this.mm, runId);
  }
  setLoopPending(loopId: Id, pending: boolean): void {
    LoopBmc.setPending(this.mm, loopId, pending);
  }

  // -- Tasks

  createTask(runId: Id, idx: number, input: unknown): Id {
    return TaskBmc.createBatch(this.mm, runId, [{ idx, input }])[0];
  }
  /** Tasks of a run in one transaction (§6.6); ids in input order, `idx` from `firstIdx`. */
  createTasksBatch(runId: Id, inputs: unknown[], firstIdx = 0): Id[] {
    return TaskBmc.createBatch(this.mm, runId, inputs.map((input, i) => ({ idx: firstIdx + i, input })));
  }
  updateTaskModelOv(runId: Id, taskId: Id, modelOv: string): void {
    TaskBmc.update(this.mm, taskId, { model_ov: modelOv }, { runId });
  }
  updateTaskModelPricing(runId: Id, taskId: Id, p: TaskPricing): void {
    TaskBmc.update(
      this.mm,
      taskId,
      { pricing_model: p.name, pricing_input: p.input_normal, pricing_input_cached: p.input_cached, pricing_output: p.output_normal },
      { runId },
    );
  }
  /** tk_* columns + `model_upstream`. */
  updateTaskUsage(runId: Id, taskId: Id, usage: TaskUsage, modelUpstream: string): void {
    TaskBmc.update(
      this.mm,
      taskId,
      {
        tk_prompt_total: usage.prompt_tokens,
        tk_prompt_cached: usage.prompt_tokens_cached,
        tk_prompt_cache_creation: usage.prompt_tokens_cache_creation,
        tk_completion_total: usage.completion_tokens,
        tk_completion_reasoning: usage.completion_tokens_reasoning,
        model_upstream: modelUpstream,
      },
      { runId },
    );
  }
  /**
   * Task cost (cache write only if > 0, cache saving only if ≠ 0), then
   * `run.total_cost = Σ task.cost` and, in a loop, `loop.total_cost = Σ run.total_cost` (§6.7).
   */
  updateTaskCost(runId: Id, taskId: Id, cost: number, costCacheWrite?: number, costCacheSaving?: number): void {
    try {
      this.writeTaskCost(runId, taskId, cost, costCacheWrite, costCacheSaving);
    } catch (err) {
      forgetRunCosts(this.mm, runId);
      throw err;
    }
  }
  private writeTaskCost(runId: Id, taskId: Id, cost: number, costCacheWrite?: number, costCacheSaving?: number): void {
    this.mm.db.tx(() => {
      TaskBmc.update(
        this.mm,
        taskId,
        {
          cost,
          cost_cache_write: costCacheWrite !== undefined && costCacheWrite > 0 ? costCacheWrite : undefined,
          cost_cache_saving: costCacheSaving !== undefined && costCacheSaving !== 0 ? costCacheSaving : undefined,
        },
        { runId },
      );
      const { total, loopId } = runTotalWithTaskCost(this.mm, runId, taskId, cost);
      RunBmc.update(this.mm, runId, { total_cost: total });
      if (loopId !== null) LoopBmc.recomputeCost(this.mm, loopId);
    });
  }
  /** Output per §6.5; null/undefined stores nothing; false (no-op) once the task ended. */
  updateTaskOutput(taskId: Id, output: unknown): boolean {
    return TaskBmc.updateOutput(this.mm, taskId, output);
  }
  /** `aip.task.set_label`. */
  setTaskLabel(runId: Id, taskId: Id, label: string): void {
    TaskBmc.update(this.mm, taskId, { label }, { runId });
  }
  /** Err row + `end_state=Err`/`end_err_id`, no end time. Undefined (no-op) when the task already ended. */
  setTaskEndError(runId: Id, taskId: Id, stage: Stage | null, err: unknown): Id | undefined {
    const task = TaskBmc.get(this.mm, taskId);
    if (task.end !== null) return undefined;
    return TaskBmc.setEndErrorNoEnd(this.mm, taskId, stage, errorMessage(err));
  }
  /** `end_state=Skip` (no end time); false when the task already ended. */
  setTaskEndStateToSkip(runId: Id, taskId: Id): boolean {
    return TaskBmc.update(this.mm, taskId, { end_state: 'Skip' }, { runId, where: NOT_ENDED }) > 0;
  }
  /** `end_skip_reason` + AgentSkip log (reason as message) + console line. */
  recSkipTask(runId: Id, taskId: Id, stage: Stage, reason?: string): void {
    TaskBmc.update(this.mm, taskId, { end_skip_reason: reason }, { runId });
    this.log.agentSkip({ runId, taskId, stage }, reason);
    this.hub.message(skipLine(stage, reason));
  }

  // -- Pins (§6.8, §10.3): content is the already-serialized Marker JSON

  saveRunPin(runId: Id, iden: string, priority: number | undefined, content: string | undefined): Id {
    return PinBmc.save(this.mm, { run_id: runId, iden, priority, content });
  }
  saveTaskPin(runId: Id, taskId: Id, iden: string, priority: number | undefined, content: string | undefined): Id {
    return PinBmc.save(this.mm, { run_id: runId, task_id: taskId, iden, priority, content });
  }
}

function skipLine(stage: Stage, reason: string | undefined): string {
  return `Aipack Skip input at ${stage} stage: ${reason !== undefined ? ` (Reason: ${reason})` : ''}`;
}
