/** `log` rows (§6.2): RunStep milestones, system info/warn/error/debug, agent prints and skips. */
import { bytesToUid, createRow, getRow, listRows, newUidBytes } from './base';
import type { ModelManager } from './model-manager';
import { type EpochUs, type Id, type ListOptions, type LogKind, ModelError, type RunStep, type Stage } from './types';

export interface Log {
  id: Id;
  uid: string;
  ctime: EpochUs;
  mtime: EpochUs;
  run_id: Id;
  task_id: Id | null;
  kind: LogKind | null;
  stage: Stage | null;
  step: RunStep | null;
  message: string | null;
}

export interface LogForCreate {
  run_id: Id;
  task_id?: Id | null;
  kind?: LogKind | null;
  stage?: Stage | null;
  step?: RunStep | null;
  message?: string | null;
}

const QUEUED_COLS = ['uid', 'ctime', 'mtime', 'run_id', 'task_id', 'kind', 'stage', 'step', 'message'];

export const LogBmc = {
  /** Returns the id; `at` fixes uid and ctime when the caller publishes the row itself. */
  create(mm: ModelManager, c: LogForCreate, at: { uid?: string; now?: number } = {}): Id {
    return createRow(mm, 'log', { ...c }, { ...at, rel: { run_id: c.run_id, task_id: c.task_id ?? undefined } });
  },
  /**
   * Hot path for rtLog (a dozen rows per task): the row is queued for a multi-row INSERT
   * (see `Db.queueInsert`; any read of `log` writes the queue first) and returned as
   * stored, so the caller can publish it without reading it back.
   */
  insert(mm: ModelManager, c: Omit<Log, 'id' | 'uid' | 'ctime' | 'mtime'>): Log {
    // A queued row fails only when written: check here what SQLite would refuse.
    if (!Number.isInteger(c.run_id)) throw new ModelError(`Invalid log run_id '${String(c.run_id)}'`);
    if (c.task_id !== null && !Number.isInteger(c.task_id)) throw new ModelError(`Invalid log task_id '${String(c.task_id)}'`);
    const uidBytes = newUidBytes();
    const now = mm.now();
    const id = mm.db.queueInsert('log', QUEUED_COLS, [uidBytes, now, now, c.run_id, c.task_id, c.kind, c.stage, c.step, c.message]);
    const log: Log = { id, uid: bytesToUid(uidBytes), ctime: now, mtime: now, ...c };
    mm.publish({ entity: 'Log', action: 'Created', id, rel_ids: { run_id: c.run_id, task_id: c.task_id ?? undefined } });
    return log;
  },
  get(mm: ModelManager, id: Id): Log {
    return getRow<Log>(mm, 'log', id);
  },
  list(mm: ModelManager, filter: { run_id?: Id; task_id?: Id | null; kind?: LogKind } = {}, opts?: ListOptions): Log[] {
    return listRows<Log>(mm, 'log', filter, opts);
  },
  listForRun(mm: ModelManager, runId: Id): Log[] {
    return listRows<Log>(mm, 'log', { run_id: runId });
  },
  listForTask(mm: ModelManager, taskId: Id): Log[] {
    return listRows<Log>(mm, 'log', { task_id: taskId });
  },
};
