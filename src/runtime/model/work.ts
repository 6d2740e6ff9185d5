/** `work` rows (§6.2): background jobs such as a pack install awaiting the user's confirmation (§7.7). */
import { createRow, getRow, listRows, updateExisting } from './base';
import { runningState } from './running-state';
import type { ModelManager } from './model-manager';
import type { EndState, EpochUs, Id, ListOptions, RunningState, WorkKind } from './types';

export interface Work {
  id: Id;
  uid: string;
  ctime: EpochUs;
  mtime: EpochUs;
  kind: WorkKind;
  start: EpochUs | null;
  end: EpochUs | null;
  end_state: EndState | null;
  end_err_id: Id | null;
  /** JSON text, e.g. `{pack_ref, run_args, needs_user_confirm}`. */
  data: string | null;
  message: string | null;
}

export interface WorkForCreate {
  kind: WorkKind;
  data?: unknown;
  message?: string;
}

export type WorkForUpdate = Partial<Omit<Work, 'id' | 'uid' | 'ctime' | 'mtime' | 'kind' | 'data'>> & { data?: unknown };

const json = (v: unknown) => (v === undefined ? undefined : JSON.stringify(v));

export const WorkBmc = {
  create(mm: ModelManager, c: WorkForCreate): Id {
    const id = createRow(mm, 'work', { kind: c.kind, data: json(c.data), message: c.message }, { silent: true });
    mm.publish({ entity: 'Work', action: 'Created', id, rel_ids: { work_id: id } });
    return id;
  },
  update(mm: ModelManager, id: Id, u: WorkForUpdate): number {
    return updateExisting(mm, 'work', id, { ...u, data: json(u.data) }, { rel: { work_id: id } });
  },
  get(mm: ModelManager, id: Id): Work {
    return getRow<Work>(mm, 'work', id);
  },
  /** The `data` column parsed, or undefined. */
  data<T>(work: Work): T | undefined {
    return work.data === null ? undefined : (JSON.parse(work.data) as T);
  },
  list(mm: ModelManager, filter: { kind?: WorkKind } = {}, opts?: ListOptions): Work[] {
    return listRows<Work>(mm, 'work', filter, opts);
  },
  runningState(work: Work): RunningState {
    return runningState(work);
  },
};
