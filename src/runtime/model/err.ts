/** `err` rows (§6.2): one per failure, linked from run/task/work through `end_err_id`. */
import { createRow, getRow, listRows, updateExisting } from './base';
import type { ModelManager } from './model-manager';
import type { ContentTyp, EpochUs, Id, ListOptions, Stage } from './types';

export interface Err {
  id: Id;
  uid: string;
  ctime: EpochUs;
  mtime: EpochUs;
  /** Null for system errors (no run). */
  run_id: Id | null;
  stage: Stage | null;
  task_id: Id | null;
  typ: ContentTyp | null;
  content: string | null;
}

export interface ErrForCreate {
  run_id?: Id | null;
  task_id?: Id | null;
  stage?: Stage | null;
  typ?: ContentTyp | null;
  content?: string | null;
}

export const ErrBmc = {
  create(mm: ModelManager, c: ErrForCreate): Id {
    return createRow(mm, 'err', { ...c }, { rel: { run_id: c.run_id ?? undefined, task_id: c.task_id ?? undefined } });
  },
  update(mm: ModelManager, id: Id, u: Partial<ErrForCreate>): number {
    return updateExisting(mm, 'err', id, { ...u });
  },
  get(mm: ModelManager, id: Id): Err {
    return getRow<Err>(mm, 'err', id);
  },
  list(mm: ModelManager, filter: { run_id?: Id | null; task_id?: Id | null } = {}, opts?: ListOptions): Err[] {
    return listRows<Err>(mm, 'err', filter, opts);
  },
};
