/**
 * rtStep (§6.4): one function per pipeline milestone. Each sets exactly the
 * fields of its §6.4 row (+ mtime) and writes one `RunStep` log row with that
 * step and no message.
 *
 * JavaScript cannot drop an in-flight pipeline the way aipack drops a future
 * on cancel, so a step arriving after its row has ended (cancelled, or a
 * second end) is a no-op: nothing is written and `false` is returned. An
 * unknown run/task id throws a ModelError.
 */
import { AipError, errorMessage } from './errors';
import type { Hub } from './hub';
import type { ModelManager } from './model/model-manager';
import { RunBmc, type RunForUpdate } from './model/run';
import { TaskBmc, TASK_NOT_ENDED, type TaskForUpdate } from './model/task';
import type { EndState, Id, RunStep, Stage } from './model/types';
import { notFound } from './model/base';
import type { RtLog } from './rt-log';

const NOT_ENDED = '"end" IS NULL';

export class RtStep {
  constructor(
    private readonly mm: ModelManager,
    private readonly hub: Hub,
    private readonly log: RtLog,
  ) {}

  // -- Run steps

  runStart(runId: Id): boolean {
    if (!this.setRun(runId, { start: this.mm.now() }, 'Start')) return false;
    const run = RunBmc.get(this.mm, runId);
    this.hub.publish({ type: 'RunStarted', runId, parentRunId: run.parent_id ?? undefined });
    return true;
  }
  baStart(runId: Id): boolean {
    return this.setRun(runId, { ba_start: this.mm.now() }, 'BaStart');
  }
  baEnd(runId: Id): boolean {
    return this.setRun(runId, { ba_end: this.mm.now() }, 'BaEnd');
  }
  tasksStart(runId: Id): boolean {
    return this.setRun(runId, { tasks_start: this.mm.now() }, 'TasksStart');
  }
  tasksEnd(runId: Id): boolean {
    return this.setRun(runId, { tasks_end: this.mm.now() }, 'TasksEnd');
  }
  aaStart(runId: Id): boolean {
    return this.setRun(runId, { aa_start: this.mm.now() }, 'AaStart');
  }
  aaEnd(runId: Id): boolean {
    return this.setRun(runId, { aa_end: this.mm.now() }, 'AaEnd');
  }

  // -- Task steps

  /** The task is spawned (same as aipack's step_task_schedule). */
  taskStart(runId: Id, taskId: Id): boolean {
    return this.setTask(runId, taskId, { start: this.mm.now() }, 'TaskStart');
  }
  taskDataStart(runId: Id, taskId: Id): boolean {
    return this.setTask(runId, taskId, { data_start: this.mm.now() }, 'TaskDataStart');
  }
  taskDataEnd(runId: Id, taskId: Id): boolean {
    return this.setTask(runId, taskId, { data_end: this.mm.now() }, 'TaskDataEnd');
  }
  taskAiStart(runId: Id, taskId: Id): boolean {
    return this.setTask(runId, taskId, { ai_start: this.mm.now() }, 'TaskAiStart');
  }
  /** ⚠ Logged as TaskAiStart, as aipack's code does (§6.4). */
  taskAiGenStart(runId: Id, taskId: Id, promptSize: number): boolean {
    return this.setTask(runId, taskId, { ai_gen_start: this.mm.now(), prompt_size: promptSize }, 'TaskAiStart');
  }
  /** ⚠ Logged as TaskAiStart, as aipack's code does (§6.4). */
  taskAiGenEnd(runId: Id, taskId: Id): boolean {
    return this.setTask(runId, taskId, { ai_gen_end: this.mm.now() }, 'TaskAiStart');
  }
  taskAiEnd(runId: Id, taskId: Id): boolean {
    return this.setTask(runId, taskId, { ai_end: this.mm.now() }, 'TaskAiEnd');
  }
  taskOutputStart(runId: Id, taskId: Id): boolean {
    return this.setTask(runId, taskId, { output_start: this.mm.now() }, 'TaskOutputStart');
  }
  taskOutputEnd(runId: Id, taskId: Id): boolean {
    return this.setTask(runId, taskId, { output_end: this.mm.now() }, 'TaskOutputEnd');
  }

  /** `end`; `end_state=Ok` only if none yet (a Skip or Err stays). */
  taskEndOk(runId: Id, taskId: Id): boolean {
    const now = this.mm.now();
    const n = this.mm.db.exec(`UPDATE task SET "end" = ?, end_state = COALESCE(end_state, 'Ok'), mtime = ? WHERE id = ? AND ${NOT_ENDED}`, [
      now,
      now,
      taskId,
    ]);
    if (n === 0) {
      if (!TaskBmc.find(this.mm, taskId)) throw notFound('task', taskId);
      return false;
    }
    this.mm.publish({ entity: 'Task', action: 'Updated', id: taskId, rel_ids: { run_id: runId, task_id: taskId } });
    this.log.recStep(runId, taskId, 'TaskEnd');
    return true;
  }

  /** Err row + `end_state=Err` + `end_err_id` unless an err is already linked; then `end`. */
  taskEndErr(runId: Id, taskId: Id, err: unknown, stage?: Stage): boolean {
    const task = TaskBmc.get(this.mm, taskId);
    if (task.end !== null) return false;
    this.mm.db.tx(() => {
      if (task.end_err_id === null) TaskBmc.setEndErrorNoEnd(this.mm, taskId, stageOf(err, stage), errorMessage(err));
      TaskBmc.update(this.mm, taskId, { end: this.mm.now() }, { runId });
    });
    this.log.recStep(runId, taskId, 'TaskEnd');
    return true;
  }

  // -- Run end

  /** `end`, `total_task_ms`, `end_state=Ok` only if none yet (a Skip stays Skip). */
  runEndOk(runId: Id): boolean {
    return this.endRun(runId, 'Ok', () => {});
  }

  /** `end`, `total_task_ms`, `end_state=Cancel` if none; every task with no end_state → Cancel with `end=now`. */
  runEndCanceled(runId: Id): boolean {
    return this.endRun(runId, 'Cancel', () => TaskBmc.cancelAllNotEndedForRun(this.mm, runId));
  }

  /** Err row + `end_state=Err` unless an err is already linked; `end`, `total_task_ms`; unfinished tasks → Cancel. */
  runEndErr(runId: Id, err: unknown, stage?: Stage): boolean {
    const run = RunBmc.get(this.mm, runId);
    if (run.end !== null) return false;
    return this.mm.db.tx(() => {
      if (run.end_err_id === null) RunBmc.setEndError(this.mm, runId, stageOf(err, stage), errorMessage(err));
      return this.endRun(runId, undefined, () => TaskBmc.cancelAllNotEndedForRun(this.mm, runId));
    });
  }

  // -- Support

  private setRun(runId: Id, fields: RunForUpdate, step: RunStep): boolean {
    if (RunBmc.update(this.mm, runId, fields, { where: NOT_ENDED }) === 0) return false;
    this.log.recStep(runId, undefined, step);
    return true;
  }

  /** Hot path (a dozen per task): the generic task update, whose statement text is cached per column set. */
  private setTask(runId: Id, taskId: Id, fields: TaskForUpdate, step: RunStep): boolean {
    if (TaskBmc.update(this.mm, taskId, fields, { runId, where: TASK_NOT_ENDED }) === 0) return false;
    this.log.recStep(runId, taskId, step);
    return true;
  }

  /** Shared end: `total_task_ms` is computed before `after` runs (as aipack does), then the End log row. */
  private endRun(runId: Id, endState: EndState | undefined, after: () => void): boolean {
    const run = RunBmc.get(this.mm, runId);
    if (run.end !== null) return false;
    const u: RunForUpdate = { end: this.mm.now(), total_task_ms: RunBmc.totalTaskMs(this.mm, runId) };
    if (endState !== undefined && run.end_state === null) u.end_state = endState;
    this.mm.db.tx(() => {
      RunBmc.update(this.mm, runId, u);
      after();
    });
    this.log.recStep(runId, undefined, 'End');
    const finalState = RunBmc.get(this.mm, runId).end_state;
    this.hub.publish({ type: 'RunEnded', runId, parentRunId: run.parent_id ?? undefined, endState: finalState });
    return true;
  }
}

function stageOf(err: unknown, stage: Stage | undefined): Stage | null {
  return stage ?? (err instanceof AipError ? (err.stage ?? null) : null);
}
