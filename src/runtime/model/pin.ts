/**
 * `pin` rows (§6.8): UI annotations of a run or task. Saving an existing iden
 * in the same scope updates it; content goes through deduplicated ucontent.
 */
import { createRow, decodeRow, listRows, notFound, updateRow } from './base';
import type { Row } from './db';
import type { ModelManager } from './model-manager';
import { UcontentBmc } from './ucontent';
import type { EpochUs, Id } from './types';

export interface Pin {
  id: Id;
  uid: string;
  ctime: EpochUs;
  mtime: EpochUs;
  run_id: Id;
  task_id: Id | null;
  iden: string;
  priority: number | null;
  ucontent_id: Id | null;
}

/** A pin with its content text (joined from ucontent). */
export interface PinWithContent extends Pin {
  content: string | null;
}

export interface PinForSave {
  run_id: Id;
  /** Absent/null: a run pin. */
  task_id?: Id | null;
  iden: string;
  priority?: number | null;
  /** Already-serialized content (the Marker JSON for aip.*.pin). */
  content?: string | null;
}

const SELECT = 'SELECT p.*, uc.content AS content FROM pin p LEFT JOIN ucontent uc ON p.ucontent_id = uc.id';
/** Priority ascending with nulls last, then creation (§6.8); id breaks ctime ties. */
const ORDER = 'ORDER BY p.priority IS NULL, p.priority, p.ctime, p.id';

export const PinBmc = {
  /** Upsert by identity: run pin `(run_id, iden, task_id IS NULL)`, task pin `(task_id, iden)`. Returns the pin id. */
  save(mm: ModelManager, s: PinForSave): Id {
    const taskId = s.task_id ?? null;
    const ucontentId = s.content === undefined || s.content === null ? null : UcontentBmc.getOrCreateForText(mm, s.content, true);
    const existing =
      taskId === null
        ? mm.db.scalar('SELECT id FROM pin WHERE run_id = ? AND iden = ? AND task_id IS NULL LIMIT 1', [s.run_id, s.iden])
        : mm.db.scalar('SELECT id FROM pin WHERE task_id = ? AND iden = ? LIMIT 1', [taskId, s.iden]);
    const rel = { run_id: s.run_id, task_id: taskId ?? undefined };
    if (existing !== undefined && existing !== null) {
      const id = Number(existing);
      updateRow(mm, 'pin', id, { priority: s.priority ?? null, ucontent_id: ucontentId }, { rel: { ...rel, pin_id: id } });
      return id;
    }
    const id = createRow(mm, 'pin', { run_id: s.run_id, task_id: taskId, iden: s.iden, priority: s.priority ?? null, ucontent_id: ucontentId }, { silent: true });
    mm.publish({ entity: 'Pin', action: 'Created', id, rel_ids: { ...rel, pin_id: id } });
    return id;
  },
  get(mm: ModelManager, id: Id): PinWithContent {
    const row = mm.db.get(`${SELECT} WHERE p.id = ? LIMIT 1`, [id]);
    if (!row) throw notFound('pin', id);
    return decodePin(row);
  },
  listForRun(mm: ModelManager, runId: Id): PinWithContent[] {
    return mm.db.all(`${SELECT} WHERE p.run_id = ? AND p.task_id IS NULL ${ORDER}`, [runId]).map(decodePin);
  },
  listForTask(mm: ModelManager, taskId: Id): PinWithContent[] {
    return mm.db.all(`${SELECT} WHERE p.task_id = ? ${ORDER}`, [taskId]).map(decodePin);
  },
  list(mm: ModelManager): Pin[] {
    return listRows<Pin>(mm, 'pin');
  },
};

function decodePin(row: Row): PinWithContent {
  return decodeRow<PinWithContent>('pin', row);
}
