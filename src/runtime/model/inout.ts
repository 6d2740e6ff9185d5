/** `inout` rows (§6.2, §6.5): full task inputs/outputs too long for `*_short`, keyed by the content uid. */
import { createRow, findRowByUid, getRow, listRows, notFound, uidToBytes } from './base';
import type { ModelManager } from './model-manager';
import type { ContentTyp, EpochUs, Id, InoutKind, ListOptions, RelIds } from './types';

export interface Inout {
  id: Id;
  uid: string;
  ctime: EpochUs;
  mtime: EpochUs;
  task_uid: string;
  /** Not populated today (as in aipack). */
  kind: InoutKind | null;
  typ: ContentTyp | null;
  content: string | null;
  display: string | null;
}

export interface InoutForCreate {
  /** The TypedContent uid (also stored on the task as `input_uid`/`output_uid`). */
  uid: string;
  task_uid: string;
  kind?: InoutKind;
  typ?: ContentTyp;
  content?: string;
  display?: string;
}

const QUEUED_COLS = ['uid', 'ctime', 'mtime', 'task_uid', 'kind', 'typ', 'content', 'display'];

export const InoutBmc = {
  create(mm: ModelManager, c: InoutForCreate, rel: RelIds = {}): Id {
    const { uid, ...fields } = c;
    return createRow(mm, 'inout', fields, { uid, rel });
  },
  /**
   * Like `create`, but the row is queued for a multi-row INSERT (`Db.queueInsert`; any
   * statement naming `inout` writes it first). Task outputs take this path, once per task.
   */
  queue(mm: ModelManager, c: InoutForCreate, rel: RelIds = {}): Id {
    const now = mm.now();
    // Converted before queuing so that a bad uid throws here, not when the queue is written.
    const row = [uidToBytes(c.uid), now, now, uidToBytes(c.task_uid), c.kind ?? null, c.typ ?? null, c.content ?? null, c.display ?? null];
    const id = mm.db.queueInsert('inout', QUEUED_COLS, row);
    mm.publish({ entity: 'Inout', action: 'Created', id, rel_ids: rel });
    return id;
  },
  /** Many rows in one transaction, one model event. */
  createBatch(mm: ModelManager, items: InoutForCreate[], rel: RelIds = {}): Id[] {
    if (items.length === 0) return [];
    const ids = mm.db.tx(() => items.map(({ uid, ...fields }) => createRow(mm, 'inout', fields, { uid, silent: true })));
    mm.publish({ entity: 'Inout', action: 'Created', rel_ids: rel });
    return ids;
  },
  get(mm: ModelManager, id: Id): Inout {
    return getRow<Inout>(mm, 'inout', id);
  },
  findByUid(mm: ModelManager, uid: string): Inout | undefined {
    return findRowByUid<Inout>(mm, 'inout', uid);
  },
  getByUid(mm: ModelManager, uid: string): Inout {
    const row = findRowByUid<Inout>(mm, 'inout', uid);
    if (!row) throw notFound('inout', uid);
    return row;
  },
  list(mm: ModelManager, opts?: ListOptions): Inout[] {
    return listRows<Inout>(mm, 'inout', {}, opts);
  },
};
