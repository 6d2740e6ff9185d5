/** `log` rows (§6.2): RunStep milestones, system info/warn/error/debug, agent prints and skips. */
import { createRow, getRow, listRows } from './base';
import type { ModelManager } from './model-manager';
import type { EpochUs, Id, ListOptions, LogKind, RunStep, Stage } from './types';

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

export const LogBmc = {
  /** Returns the id; `at` fixes uid and ctime when the caller publishes the row itself. */
  create(mm: ModelManager, c: LogForCreate, at: { uid?: string; now?: number } = {}): Id {
    return createRow(mm, 'log', { ...c }, { ...at, rel: { run_id: c.run_id, task_id: c.task_id ?? undefined } });
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
