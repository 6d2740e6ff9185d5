/**
 * Vocabulary of the run database (§6.3): enums are stored as their variant
 * names, so the TypeScript unions below are exactly the TEXT values in the DB.
 */

/** Row id (`INTEGER PRIMARY KEY AUTOINCREMENT`). */
export type Id = number;

/** Epoch microseconds (every timestamp column). */
export type EpochUs = number;

export const STAGES = ['BeforeAll', 'Data', 'Ai', 'AiGen', 'Output', 'AfterAll'] as const;
export type Stage = (typeof STAGES)[number];

export const RUN_STEPS = [
  'Start',
  'BaStart',
  'BaEnd',
  'TasksStart',
  'TasksEnd',
  'TaskStart',
  'TaskEnd',
  'TaskDataStart',
  'TaskDataEnd',
  'TaskAiStart',
  'TaskAiGenStart',
  'TaskAiGenEnd',
  'TaskAiEnd',
  'TaskOutputStart',
  'TaskOutputEnd',
  'AaStart',
  'AaEnd',
  'End',
] as const;
export type RunStep = (typeof RUN_STEPS)[number];

export const LOG_KINDS = ['RunStep', 'SysInfo', 'SysWarn', 'SysError', 'SysDebug', 'AgentPrint', 'AgentSkip'] as const;
export type LogKind = (typeof LOG_KINDS)[number];

export const END_STATES = ['Ok', 'Err', 'Cancel', 'Skip'] as const;
export type EndState = (typeof END_STATES)[number];

export type ContentTyp = 'Json' | 'Text';
export type InoutKind = 'In' | 'Out';
export type PromptKind = 'Sys' | 'Agent';
export type WorkKind = 'Install';

/** Derived, never stored (§6.3). `Ended` carries the row's end_state (may be null). */
export type RunningState =
  | { kind: 'NotScheduled' }
  | { kind: 'Waiting' }
  | { kind: 'Running' }
  | { kind: 'Ended'; endState: EndState | null }
  | { kind: 'Unknown' };

// -- Model events (§6.1)

export type EntityType = 'Run' | 'Task' | 'Log' | 'Err' | 'Prompt' | 'Pin' | 'Ucontent' | 'Work' | 'Inout';
export type EntityAction = 'Created' | 'Updated' | 'Deleted';

export interface RelIds {
  run_id?: Id;
  task_id?: Id;
  log_id?: Id;
  err_id?: Id;
  prompt_id?: Id;
  pin_id?: Id;
  ucontent_id?: Id;
  work_id?: Id;
  inout_id?: Id;
}

export interface ModelEvent {
  entity: EntityType;
  action: EntityAction;
  /** Absent for batch operations (batch task create, cancel-all-unfinished). */
  id?: Id;
  rel_ids: RelIds;
}

/** Generic list options: default order `id`, limit 12,000 (§6.1). */
export interface ListOptions {
  /** SQL order-by over known columns, e.g. `'id'` or `'id DESC'`. */
  orderBy?: string;
  limit?: number;
  offset?: number;
}

export const LIST_LIMIT_MAX = 12_000;

/** A failure of the model layer: unknown id, broken invariant. The message names the table and id. */
export class ModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelError';
  }
}
