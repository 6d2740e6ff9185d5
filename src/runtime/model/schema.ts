/**
 * Tables of the run database (§6.2), declared once as column lists: the DDL,
 * the row decoding (uid blobs → strings, 0/1 → booleans) and the update
 * whitelists are all derived from this, so a column exists in one place only.
 */

export type SqlType = 'INTEGER' | 'TEXT' | 'REAL' | 'BLOB';

export interface ColumnDef {
  name: string;
  type: SqlType;
  /** Extra DDL after the type, e.g. `NOT NULL DEFAULT 0`. */
  extra?: string;
  /** How the value is seen from TypeScript when it differs from the SQL type. */
  js?: 'bool' | 'uid';
}

const col = (name: string, type: SqlType, extra?: string, js?: 'bool' | 'uid'): ColumnDef => ({ name, type, extra, js });
const ts = (...names: string[]) => names.map((n) => col(n, 'INTEGER'));

/** Columns every table starts with (§6.1). */
const BASE: ColumnDef[] = [
  col('id', 'INTEGER', 'PRIMARY KEY AUTOINCREMENT'),
  col('uid', 'BLOB', 'NOT NULL', 'uid'),
  col('ctime', 'INTEGER', 'NOT NULL'),
  col('mtime', 'INTEGER', 'NOT NULL'),
];

export const TABLES = {
  loop: [
    ...BASE,
    col('first_run_id', 'INTEGER', 'NOT NULL'),
    col('last_run_id', 'INTEGER', 'NOT NULL'),
    col('pending', 'INTEGER', 'NOT NULL', 'bool'),
    col('total_cost', 'REAL', 'NOT NULL DEFAULT 0'),
  ],
  run: [
    ...BASE,
    col('label', 'TEXT'),
    col('parent_id', 'INTEGER'),
    col('loop_id', 'INTEGER'),
    col('has_prompt_parts', 'INTEGER', undefined, 'bool'),
    col('has_task_stages', 'INTEGER', undefined, 'bool'),
    ...ts('start', 'ba_start', 'ba_end', 'tasks_start', 'tasks_end', 'aa_start', 'aa_end', 'end'),
    col('end_state', 'TEXT'),
    col('end_err_id', 'INTEGER'),
    col('end_skip_reason', 'TEXT'),
    col('agent_name', 'TEXT'),
    col('agent_path', 'TEXT'),
    col('model', 'TEXT'),
    col('concurrency', 'INTEGER'),
    col('total_cost', 'REAL'),
    col('total_task_ms', 'INTEGER'),
    col('flow_redo_count', 'INTEGER'),
  ],
  task: [
    ...BASE,
    col('run_id', 'INTEGER', 'NOT NULL'),
    col('idx', 'INTEGER'),
    ...ts('start', 'data_start', 'data_end', 'ai_start', 'ai_gen_start', 'ai_gen_end', 'ai_end', 'output_start', 'output_end', 'end'),
    col('end_state', 'TEXT'),
    col('end_err_id', 'INTEGER'),
    col('end_skip_reason', 'TEXT'),
    col('prompt_size', 'INTEGER'),
    col('model_ov', 'TEXT'),
    col('model_upstream', 'TEXT'),
    col('pricing_model', 'TEXT'),
    col('pricing_input', 'REAL'),
    col('pricing_input_cached', 'REAL'),
    col('pricing_output', 'REAL'),
    col('usage', 'BLOB'),
    ...ts('tk_prompt_total', 'tk_prompt_cached', 'tk_prompt_cache_creation', 'tk_completion_total', 'tk_completion_reasoning'),
    col('cost', 'REAL'),
    col('cost_cache_write', 'REAL'),
    col('cost_cache_saving', 'REAL'),
    col('label', 'TEXT'),
    col('input_uid', 'BLOB', undefined, 'uid'),
    col('input_short', 'TEXT'),
    col('input_has_display', 'INTEGER', undefined, 'bool'),
    col('output_uid', 'BLOB', undefined, 'uid'),
    col('output_short', 'TEXT'),
    col('output_has_display', 'INTEGER', undefined, 'bool'),
  ],
  err: [
    ...BASE,
    col('run_id', 'INTEGER'),
    col('stage', 'TEXT'),
    col('task_id', 'INTEGER'),
    col('typ', 'TEXT'),
    col('content', 'TEXT'),
  ],
  log: [
    ...BASE,
    col('run_id', 'INTEGER', 'NOT NULL'),
    col('task_id', 'INTEGER'),
    col('kind', 'TEXT'),
    col('stage', 'TEXT'),
    col('step', 'TEXT'),
    col('message', 'TEXT'),
  ],
  prompt: [
    ...BASE,
    col('kind', 'TEXT'),
    col('run_id', 'INTEGER'),
    col('task_id', 'INTEGER'),
    col('title', 'TEXT'),
    col('message', 'TEXT'),
    col('fields', 'TEXT'),
    col('actions', 'TEXT'),
  ],
  pin: [
    ...BASE,
    col('run_id', 'INTEGER', 'NOT NULL'),
    col('task_id', 'INTEGER'),
    col('iden', 'TEXT', 'NOT NULL'),
    col('priority', 'REAL'),
    col('ucontent_id', 'INTEGER'),
  ],
  ucontent: [
    ...BASE,
    col('hash', 'TEXT', 'NOT NULL'),
    col('is_json', 'INTEGER', 'NOT NULL DEFAULT 0', 'bool'),
    col('content', 'TEXT'),
  ],
  work: [
    ...BASE,
    col('kind', 'TEXT', 'NOT NULL'),
    col('start', 'INTEGER'),
    col('end', 'INTEGER'),
    col('end_state', 'TEXT'),
    col('end_err_id', 'INTEGER'),
    col('data', 'TEXT'),
    col('message', 'TEXT'),
  ],
  inout: [
    ...BASE,
    col('task_uid', 'BLOB', 'NOT NULL', 'uid'),
    col('kind', 'TEXT'),
    col('typ', 'TEXT'),
    col('content', 'TEXT'),
    col('display', 'TEXT'),
  ],
} satisfies Record<string, ColumnDef[]>;

export type TableName = keyof typeof TABLES;

/**
 * Indexes of §6.1, plus `task(run_id)`, `log(run_id)` and `pin(run_id)`/`pin(task_id)`:
 * the per-run sums and lists (cost, total_task_ms, cancel of unfinished tasks)
 * would otherwise scan every task of the session on each update.
 */
const EXTRA_INDEXES = [
  'CREATE INDEX IF NOT EXISTS idx_ucontent_hash ON ucontent(hash)',
  'CREATE INDEX IF NOT EXISTS idx_run_loop_id ON run(loop_id)',
  'CREATE INDEX IF NOT EXISTS idx_run_loop_id_id ON run(loop_id, id)',
  'CREATE INDEX IF NOT EXISTS idx_loop_first_run_id ON loop(first_run_id)',
  'CREATE INDEX IF NOT EXISTS idx_loop_last_run_id ON loop(last_run_id)',
  'CREATE INDEX IF NOT EXISTS idx_task_run_id ON task(run_id)',
  'CREATE INDEX IF NOT EXISTS idx_log_run_id ON log(run_id)',
  'CREATE INDEX IF NOT EXISTS idx_pin_run_id ON pin(run_id)',
  'CREATE INDEX IF NOT EXISTS idx_pin_task_id ON pin(task_id)',
];

/** Reserved words used as column names must be quoted in SQL (`end`). */
export function q(name: string): string {
  return `"${name}"`;
}

export function schemaSql(): string[] {
  const out: string[] = [];
  for (const [name, cols] of Object.entries(TABLES)) {
    const body = cols.map((c) => `  ${q(c.name)} ${c.type}${c.extra ? ' ' + c.extra : ''}`).join(',\n');
    out.push(`CREATE TABLE IF NOT EXISTS ${q(name)} (\n${body}\n) STRICT`);
    out.push(`CREATE INDEX IF NOT EXISTS idx_${name}_uid ON ${q(name)}(uid)`);
  }
  out.push(...EXTRA_INDEXES);
  return out;
}

/** Column names per table, for validating update field names. */
export const COLUMN_SETS: Record<TableName, Set<string>> = Object.fromEntries(
  Object.entries(TABLES).map(([t, cols]) => [t, new Set(cols.map((c) => c.name))]),
) as Record<TableName, Set<string>>;

/** Columns needing conversion when read, per table. */
export const CONVERTED: Record<TableName, { bool: string[]; uid: string[] }> = Object.fromEntries(
  Object.entries(TABLES).map(([t, cols]) => [
    t,
    { bool: cols.filter((c) => c.js === 'bool').map((c) => c.name), uid: cols.filter((c) => c.js === 'uid').map((c) => c.name) },
  ]),
) as Record<TableName, { bool: string[]; uid: string[] }>;
