/** `run` rows (§6.2): one per agent run, top-level or sub-agent. */
import { createRow, findRow, getRow, idForUid, listRows, updateExisting, type UpdateOpts } from './base';
import { ErrBmc } from './err';
import type { ModelManager } from './model-manager';
import { runningState } from './running-state';
import type { EndState, EpochUs, Id, ListOptions, RunningState, Stage } from './types';

export interface Run {
  id: Id;
  uid: string;
  ctime: EpochUs;
  mtime: EpochUs;
  label: string | null;
  parent_id: Id | null;
  loop_id: Id | null;
  has_prompt_parts: boolean | null;
  has_task_stages: boolean | null;
  start: EpochUs | null;
  ba_start: EpochUs | null;
  ba_end: EpochUs | null;
  tasks_start: EpochUs | null;
  tasks_end: EpochUs | null;
  aa_start: EpochUs | null;
  aa_end: EpochUs | null;
  end: EpochUs | null;
  end_state: EndState | null;
  end_err_id: Id | null;
  end_skip_reason: string | null;
  agent_name: string | null;
  agent_path: string | null;
  model: string | null;
  concurrency: number | null;
  total_cost: number | null;
  total_task_ms: number | null;
  flow_redo_count: number | null;
}

export interface RunForCreate {
  parent_id?: Id | null;
  loop_id?: Id | null;
  agent_name?: string;
  agent_path?: string;
  has_prompt_parts?: boolean;
  has_task_stages?: boolean;
  label?: string;
}

export type RunForUpdate = Partial<Omit<Run, 'id' | 'uid' | 'ctime' | 'mtime'>>;

export const RunBmc = {
  create(mm: ModelManager, c: RunForCreate): Id {
    const id = createRow(mm, 'run', { ...c }, { silent: true });
    mm.publish({ entity: 'Run', action: 'Created', id, rel_ids: { run_id: id } });
    return id;
  },
  /** Throws for an unknown id; returns 0 when `opts.where` refused the write. */
  update(mm: ModelManager, id: Id, u: RunForUpdate, opts: UpdateOpts = {}): number {
    return updateExisting(mm, 'run', id, { ...u }, { rel: { run_id: id }, ...opts });
  },
  get(mm: ModelManager, id: Id): Run {
    return getRow<Run>(mm, 'run', id);
  },
  find(mm: ModelManager, id: Id): Run | undefined {
    return findRow<Run>(mm, 'run', id);
  },
  idForUid(mm: ModelManager, uid: string): Id {
    return idForUid(mm, 'run', uid);
  },
  list(mm: ModelManager, filter: { parent_id?: Id | null; loop_id?: Id | null } = {}, opts?: ListOptions): Run[] {
    return listRows<Run>(mm, 'run', filter, opts);
  },
  /** Newest first, for run lists. */
  listForDisplay(mm: ModelManager, limit?: number): Run[] {
    return listRows<Run>(mm, 'run', {}, { orderBy: 'id DESC', limit });
  },
  listChildren(mm: ModelManager, parentId: Id): Run[] {
    return listRows<Run>(mm, 'run', { parent_id: parentId });
  },
  /**
   * Create an err row for the run and set `end_state=Err`, `end_err_id` (no end
   * time). Returns the err id.
   */
  setEndError(mm: ModelManager, runId: Id, stage: Stage | null, message: string): Id {
    return mm.db.tx(() => {
      RunBmc.get(mm, runId);
      const errId = ErrBmc.create(mm, { run_id: runId, stage, typ: 'Text', content: message });
      RunBmc.update(mm, runId, { end_state: 'Err', end_err_id: errId });
      return errId;
    });
  },
  /** Σ task.cost of the run, written to `total_cost` (recomputed, never incremented, §6.7). */
  recomputeCost(mm: ModelManager, runId: Id): number {
    const total = Number(mm.db.scalar('SELECT COALESCE(SUM(cost), 0.0) FROM task WHERE run_id = ?', [runId]) ?? 0);
    RunBmc.update(mm, runId, { total_cost: total });
    return total;
  },
  /** Σ (task.end − task.start) over finished tasks, in ms rounded. */
  totalTaskMs(mm: ModelManager, runId: Id): number {
    const us = Number(
      mm.db.scalar(
        'SELECT COALESCE(SUM(MAX("end" - start, 0)), 0) FROM task WHERE run_id = ? AND start IS NOT NULL AND "end" IS NOT NULL',
        [runId],
      ) ?? 0,
    );
    return Math.round(us / 1000);
  },
  runningState(run: Run): RunningState {
    return runningState(run);
  },
};
