/** `task` rows (§6.2): one per input of a run, with step times, usage, cost and TypedContent in/out. */
import { createRow, decodeRow, findRow, getRow, listRows, newUid, notFound, updateExisting, type UpdateOpts } from './base';
import { ErrBmc } from './err';
import { InoutBmc, type InoutForCreate } from './inout';
import type { ModelManager } from './model-manager';
import { runningState, taskAiState, taskDataState } from './running-state';
import { contentColumns, typedContentFromValue } from './typed-content';
import type { EndState, EpochUs, Id, ListOptions, RunningState, Stage } from './types';

export interface Task {
  id: Id;
  uid: string;
  ctime: EpochUs;
  mtime: EpochUs;
  run_id: Id;
  idx: number | null;
  start: EpochUs | null;
  data_start: EpochUs | null;
  data_end: EpochUs | null;
  ai_start: EpochUs | null;
  ai_gen_start: EpochUs | null;
  ai_gen_end: EpochUs | null;
  ai_end: EpochUs | null;
  output_start: EpochUs | null;
  output_end: EpochUs | null;
  end: EpochUs | null;
  end_state: EndState | null;
  end_err_id: Id | null;
  end_skip_reason: string | null;
  prompt_size: number | null;
  model_ov: string | null;
  model_upstream: string | null;
  pricing_model: string | null;
  pricing_input: number | null;
  pricing_input_cached: number | null;
  pricing_output: number | null;
  usage: Uint8Array | null;
  tk_prompt_total: number | null;
  tk_prompt_cached: number | null;
  tk_prompt_cache_creation: number | null;
  tk_completion_total: number | null;
  tk_completion_reasoning: number | null;
  cost: number | null;
  cost_cache_write: number | null;
  cost_cache_saving: number | null;
  label: string | null;
  input_uid: string | null;
  input_short: string | null;
  input_has_display: boolean | null;
  output_uid: string | null;
  output_short: string | null;
  output_has_display: boolean | null;
}

export interface TaskForCreate {
  run_id: Id;
  idx: number;
  label?: string;
  /** The input value, stored per §6.5 (null/undefined: nothing stored). */
  input?: unknown;
}

export type TaskForUpdate = Partial<Omit<Task, 'id' | 'uid' | 'ctime' | 'mtime' | 'run_id'>>;

/** The SQL guard that makes writes on an ended task no-ops. */
export const TASK_NOT_ENDED = '"end" IS NULL';

export const TaskBmc = {
  create(mm: ModelManager, c: TaskForCreate): Id {
    return TaskBmc.createBatch(mm, c.run_id, [c])[0];
  },

  /**
   * Create many tasks in one transaction (§6.6): task rows with their input
   * columns, then the inout rows of truncated inputs. One Task event, one Inout event.
   */
  createBatch(mm: ModelManager, runId: Id, items: Omit<TaskForCreate, 'run_id'>[]): Id[] {
    if (items.length === 0) return [];
    const ids = mm.db.tx(() => {
      const inouts: InoutForCreate[] = [];
      const out = items.map((it) => {
        const tc = it.input === undefined ? undefined : typedContentFromValue(it.input);
        const cc = tc ? contentColumns(tc, 'input') : undefined;
        const fields = { run_id: runId, idx: it.idx, label: it.label, ...(cc?.fields ?? {}) };
        const taskUid = newUid();
        const id = createRow(mm, 'task', fields, { uid: taskUid, silent: true });
        if (cc?.inout) inouts.push({ ...cc.inout, task_uid: taskUid });
        return id;
      });
      if (inouts.length > 0) InoutBmc.createBatch(mm, inouts, { run_id: runId });
      return out;
    });
    mm.publish({ entity: 'Task', action: 'Created', id: ids.length === 1 ? ids[0] : undefined, rel_ids: { run_id: runId } });
    return ids;
  },

  /** Throws for an unknown id; returns 0 when `opts.where` refused the write. */
  update(mm: ModelManager, id: Id, u: TaskForUpdate, opts: UpdateOpts & { runId?: Id } = {}): number {
    const runId = opts.runId ?? findRow<Task>(mm, 'task', id)?.run_id;
    return updateExisting(mm, 'task', id, { ...u }, { rel: { run_id: runId, task_id: id }, ...opts });
  },
  get(mm: ModelManager, id: Id): Task {
    return getRow<Task>(mm, 'task', id);
  },
  find(mm: ModelManager, id: Id): Task | undefined {
    return findRow<Task>(mm, 'task', id);
  },
  list(mm: ModelManager, filter: { run_id?: Id } = {}, opts?: ListOptions): Task[] {
    return listRows<Task>(mm, 'task', filter, opts);
  },
  listForRun(mm: ModelManager, runId: Id): Task[] {
    return listRows<Task>(mm, 'task', { run_id: runId });
  },

  /** Err row for the task + `end_state=Err`, `end_err_id` (no end time). Returns the err id. */
  setEndErrorNoEnd(mm: ModelManager, taskId: Id, stage: Stage | null, message: string): Id {
    return mm.db.tx(() => {
      const task = TaskBmc.get(mm, taskId);
      const errId = ErrBmc.create(mm, { run_id: task.run_id, task_id: taskId, stage, typ: 'Text', content: message });
      TaskBmc.update(mm, taskId, { end_state: 'Err', end_err_id: errId }, { runId: task.run_id });
      return errId;
    });
  },

  /** Every task of the run with no end_state → `Cancel`, `end=now` (may leave end without start). Returns how many. */
  cancelAllNotEndedForRun(mm: ModelManager, runId: Id): number {
    // Every task still open ends now: no end state yet → Cancel; an Err already recorded (its
    // end step dropped by the cancel) keeps Err but gets its end, so nothing stays Running.
    const n = mm.db.exec(
      'UPDATE task SET end_state = COALESCE(end_state, ?), "end" = COALESCE("end", ?), mtime = ? WHERE run_id = ? AND (end_state IS NULL OR "end" IS NULL)',
      ['Cancel', mm.now(), mm.now(), runId],
    );
    if (n > 0) mm.publish({ entity: 'Task', action: 'Updated', rel_ids: { run_id: runId } });
    return n;
  },

  /** Store an output value per §6.5; null/undefined (or an ended task) stores nothing. Returns whether anything was written. */
  updateOutput(mm: ModelManager, taskId: Id, output: unknown): boolean {
    const tc = typedContentFromValue(output);
    const cc = contentColumns(tc, 'output');
    if (!cc) return false;
    // No transaction: the task update is the only statement that writes; the inout row is
    // queued after it (see InoutBmc.queue) and cannot be refused.
    const row = mm.db.get('SELECT run_id, uid, "end" FROM task WHERE id = ?', [taskId]);
    if (!row) throw notFound('task', taskId);
    const task = decodeRow<Pick<Task, 'run_id' | 'uid' | 'end'>>('task', row);
    // The output belongs before the task's end (§2.14); a late write after a cancel is dropped.
    if (task.end !== null) return false;
    TaskBmc.update(mm, taskId, cc.fields, { runId: task.run_id });
    if (cc.inout) InoutBmc.queue(mm, { ...cc.inout, task_uid: task.uid }, { run_id: task.run_id, task_id: taskId });
    return true;
  },

  /** Full input text for display: inout display if any, else inout content, else `input_short`. */
  inputForDisplay(mm: ModelManager, task: Task): string | undefined {
    return forDisplay(mm, task.input_uid, task.input_has_display, task.input_short);
  },
  outputForDisplay(mm: ModelManager, task: Task): string | undefined {
    return forDisplay(mm, task.output_uid, task.output_has_display, task.output_short);
  },

  runningState(task: Task): RunningState {
    return runningState(task);
  },
  dataState(task: Task): RunningState {
    return taskDataState(task);
  },
  aiState(task: Task): RunningState {
    return taskAiState(task);
  },
};

function forDisplay(mm: ModelManager, uid: string | null, hasDisplay: boolean | null, short: string | null): string | undefined {
  if (!uid) return short ?? undefined;
  const inout = InoutBmc.findByUid(mm, uid);
  if (!inout) return short ?? undefined;
  const v = hasDisplay ? inout.display : inout.content;
  return v ?? short ?? undefined;
}
