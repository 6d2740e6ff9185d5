/** `prompt` rows (§6.2): reserved for interactive prompts; the runtime itself does not write them yet. */
import { createRow, getRow, listRows, updateExisting } from './base';
import type { ModelManager } from './model-manager';
import type { EpochUs, Id, ListOptions, PromptKind } from './types';

export interface Prompt {
  id: Id;
  uid: string;
  ctime: EpochUs;
  mtime: EpochUs;
  kind: PromptKind | null;
  run_id: Id | null;
  task_id: Id | null;
  title: string | null;
  message: string | null;
  /** JSON text. */
  fields: string | null;
  /** JSON text. */
  actions: string | null;
}

export type PromptForCreate = Partial<Omit<Prompt, 'id' | 'uid' | 'ctime' | 'mtime'>>;

export const PromptBmc = {
  create(mm: ModelManager, c: PromptForCreate): Id {
    return createRow(mm, 'prompt', { ...c }, { rel: { run_id: c.run_id ?? undefined, task_id: c.task_id ?? undefined } });
  },
  update(mm: ModelManager, id: Id, u: PromptForCreate): number {
    return updateExisting(mm, 'prompt', id, { ...u }, { rel: { prompt_id: id } });
  },
  get(mm: ModelManager, id: Id): Prompt {
    return getRow<Prompt>(mm, 'prompt', id);
  },
  list(mm: ModelManager, filter: { run_id?: Id; task_id?: Id } = {}, opts?: ListOptions): Prompt[] {
    return listRows<Prompt>(mm, 'prompt', filter, opts);
  },
};
