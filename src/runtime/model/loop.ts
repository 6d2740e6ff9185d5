/**
 * `loop` rows (§6.2, §7.6): a redo chain of top-level runs. Loop changes are
 * published as Run events (§6.1). Membership changes and the cost sum happen
 * in one transaction so a loop never points at a run it does not contain.
 */
import { createRow, getRow, listRows, updateExisting } from './base';
import type { ModelManager } from './model-manager';
import { forgetRunCosts } from './run-cost';
import { RunBmc, type Run, type RunForCreate } from './run';
import { type EpochUs, type Id, type ListOptions, ModelError } from './types';

export interface Loop {
  id: Id;
  uid: string;
  ctime: EpochUs;
  mtime: EpochUs;
  first_run_id: Id;
  last_run_id: Id;
  pending: boolean;
  total_cost: number;
}

function publishLoop(mm: ModelManager, action: 'Created' | 'Updated') {
  mm.publish({ entity: 'Run', action, rel_ids: {} });
}

function recomputeCostInTx(mm: ModelManager, loopId: Id): number {
  const total = Number(mm.db.scalar('SELECT COALESCE(SUM(total_cost), 0.0) FROM run WHERE loop_id = ?', [loopId]) ?? 0);
  mm.db.exec('UPDATE loop SET total_cost = ?, mtime = ? WHERE id = ?', [total, mm.now(), loopId]);
  return total;
}

function createMemberInTx(mm: ModelManager, loopId: Id, c: RunForCreate, reopen: boolean): Id {
  const runId = createRow(mm, 'run', { ...c, loop_id: loopId }, { silent: true });
  const n = mm.db.exec(
    `UPDATE loop SET last_run_id = ?, mtime = ?, pending = 1 WHERE id = ?${reopen ? '' : ' AND pending = 1'}`,
    [runId, mm.now(), loopId],
  );
  if (n !== 1) throw new ModelError(reopen ? `Cannot reopen loop ${loopId}` : `Cannot append run to loop ${loopId}`);
  recomputeCostInTx(mm, loopId);
  return runId;
}

export const LoopBmc = {
  get(mm: ModelManager, id: Id): Loop {
    return getRow<Loop>(mm, 'loop', id);
  },
  list(mm: ModelManager, opts?: ListOptions): Loop[] {
    return listRows<Loop>(mm, 'loop', {}, opts);
  },
  listMembers(mm: ModelManager, loopId: Id): Run[] {
    return listRows<Run>(mm, 'run', { loop_id: loopId });
  },
  /** New pending loop with `runId` as first and last member. Fails if the run is already in a loop. */
  createForRun(mm: ModelManager, runId: Id): Id {
    const loopId = mm.db.tx(() => {
      const id = createRow(mm, 'loop', { first_run_id: runId, last_run_id: runId, pending: true, total_cost: 0 }, { silent: true });
      const n = mm.db.exec('UPDATE run SET loop_id = ?, mtime = ? WHERE id = ? AND loop_id IS NULL', [id, mm.now(), runId]);
      if (n !== 1) throw new ModelError(`Cannot assign run ${runId} to a new loop`);
      // The cost cache keeps each run's loop id: this run has one now.
      forgetRunCosts(mm, runId);
      recomputeCostInTx(mm, id);
      return id;
    });
    publishLoop(mm, 'Created');
    mm.publish({ entity: 'Run', action: 'Updated', id: runId, rel_ids: { run_id: runId } });
    return loopId;
  },
  /** Insert a run as the loop's new last member; the loop must still be pending. */
  createMember(mm: ModelManager, loopId: Id, c: RunForCreate): Id {
    const runId = mm.db.tx(() => createMemberInTx(mm, loopId, c, false));
    mm.publish({ entity: 'Run', action: 'Created', id: runId, rel_ids: { run_id: runId } });
    publishLoop(mm, 'Updated');
    return runId;
  },
  /** Like createMember, but reopens a loop that is no longer pending. */
  reopenAndCreateMember(mm: ModelManager, loopId: Id, c: RunForCreate): Id {
    const runId = mm.db.tx(() => createMemberInTx(mm, loopId, c, true));
    mm.publish({ entity: 'Run', action: 'Created', id: runId, rel_ids: { run_id: runId } });
    publishLoop(mm, 'Updated');
    return runId;
  },
  setPending(mm: ModelManager, loopId: Id, pending: boolean): void {
    updateExisting(mm, 'loop', loopId, { pending }, { silent: true });
    publishLoop(mm, 'Updated');
  },
  /** Σ member run.total_cost, written to the loop (§6.7). */
  recomputeCost(mm: ModelManager, loopId: Id): number {
    LoopBmc.get(mm, loopId);
    const total = mm.db.tx(() => recomputeCostInTx(mm, loopId));
    publishLoop(mm, 'Updated');
    return total;
  },
  /** The run's loop id, if it is a member. */
  loopOfRun(mm: ModelManager, runId: Id): Id | undefined {
    return RunBmc.get(mm, runId).loop_id ?? undefined;
  },
};
