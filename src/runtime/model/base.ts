/**
 * Generic row operations shared by the entity modules: uid + µs ctime/mtime on
 * create, mtime on update, model events, decoding of uid blobs and booleans.
 * Column names are checked against the schema, so a typo or an injected key
 * fails loudly instead of writing a wrong column.
 */
import { parse as uuidParse } from 'uuid';
import type { BindValue, Row } from './db';
import { uidV7Bytes } from './uid';
import type { ModelManager } from './model-manager';
import { COLUMN_SETS, CONVERTED, q, type TableName } from './schema';
import { type EntityType, type Id, LIST_LIMIT_MAX, type ListOptions, ModelError, type RelIds } from './types';

/** A fresh UUID v7 as its canonical string. */
export function newUid(): string {
  return bytesToUid(uidV7Bytes());
}

/** A fresh UUID v7 as the 16 bytes stored in `uid` columns (skips a string round trip on hot paths). */
export function newUidBytes(): Uint8Array {
  return uidV7Bytes();
}

export function uidToBytes(uid: string): Uint8Array {
  try {
    return uuidParse(uid) as Uint8Array;
  } catch {
    throw new ModelError(`Invalid uid '${uid}'`);
  }
}

/** Entity type used for events of each table (loop changes are Run events, §6.1). */
const ENTITY_OF: Record<TableName, EntityType> = {
  loop: 'Run',
  run: 'Run',
  task: 'Task',
  err: 'Err',
  log: 'Log',
  prompt: 'Prompt',
  pin: 'Pin',
  ucontent: 'Ucontent',
  work: 'Work',
  inout: 'Inout',
};

export type Fields = Record<string, unknown>;

/**
 * Generated INSERT/UPDATE text by table + column list (+ condition). Column names are
 * checked by `encode` before a key is built, so the cache only ever holds schema columns;
 * the bound keeps a caller with ever-changing `where` texts from growing it without end.
 */
const SQL_CACHE = new Map<string, string>();
const SQL_CACHE_MAX = 512;

function cacheSql(key: string, sql: string): void {
  if (SQL_CACHE.size >= SQL_CACHE_MAX) SQL_CACHE.clear();
  SQL_CACHE.set(key, sql);
}

function encode(table: TableName, key: string, value: unknown): BindValue {
  if (!COLUMN_SETS[table].has(key)) throw new ModelError(`Unknown column '${key}' for table '${table}'`);
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && CONVERTED[table].uid.includes(key)) return uidToBytes(value);
  if (typeof value === 'number' || typeof value === 'string' || value instanceof Uint8Array) return value;
  throw new ModelError(`Unsupported value for '${table}.${key}': ${typeof value}`);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** 16 bytes → canonical 8-4-4-4-12 text (no version check: any stored blob reads back). */
export function bytesToUid(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
    s += HEX[b[i]];
  }
  return s;
}

/** Turn a raw row into its TypeScript shape (uid strings, booleans). */
export function decodeRow<T>(table: TableName, row: Row): T {
  const conv = CONVERTED[table];
  const out = row as Record<string, unknown>;
  for (const k of conv.uid) {
    const v = out[k];
    if (v instanceof Uint8Array) out[k] = bytesToUid(v);
  }
  for (const k of conv.bool) {
    const v = out[k];
    if (v !== null && v !== undefined) out[k] = v !== 0;
  }
  return out as T;
}

export interface CreateOpts {
  /** Use this uid instead of generating one (inout rows share the content uid, §6.5). */
  uid?: string;
  rel?: RelIds;
  /** Do not publish (batch operations publish one event at the end). */
  silent?: boolean;
  /** ctime/mtime to use (callers that publish the row themselves pass the same value). */
  now?: number;
}

/** Insert a row; `undefined` fields are left out. Returns the new id. */
export function createRow(mm: ModelManager, table: TableName, fields: Fields, opts: CreateOpts = {}): Id {
  const now = opts.now ?? mm.now();
  const cols = ['uid', 'ctime', 'mtime'];
  const vals: BindValue[] = [opts.uid === undefined ? uidV7Bytes() : uidToBytes(opts.uid), now, now];
  for (const k in fields) {
    const v = fields[k];
    if (v === undefined) continue;
    cols.push(k);
    vals.push(encode(table, k, v));
  }
  const key = `${table}|${cols.join(',')}`;
  let sql = SQL_CACHE.get(key);
  if (sql === undefined) {
    sql = `INSERT INTO ${q(table)} (${cols.map(q).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
    cacheSql(key, sql);
  }
  const id = mm.db.insert(sql, vals);
  if (!opts.silent) mm.publish({ entity: ENTITY_OF[table], action: 'Created', id, rel_ids: opts.rel ?? {} });
  return id;
}

export interface UpdateOpts {
  rel?: RelIds;
  /** Extra SQL condition (no parameters), e.g. `"end" IS NULL` to refuse writes on ended rows. */
  where?: string;
  silent?: boolean;
}

/** Update a row by id; `undefined` fields are left unchanged. Returns the number of rows changed (0 or 1). */
export function updateRow(mm: ModelManager, table: TableName, id: Id, fields: Fields, opts: UpdateOpts = {}): number {
  // The statement text depends only on the table, the columns set and the condition: cached.
  const cols: string[] = [];
  const vals: BindValue[] = [];
  for (const k in fields) {
    const v = fields[k];
    if (v === undefined) continue;
    cols.push(k);
    vals.push(encode(table, k, v));
  }
  vals.push(mm.now(), id);
  const key = `${table}|${cols.join(',')}|${opts.where ?? ''}`;
  let sql = SQL_CACHE.get(key);
  if (sql === undefined) {
    const sets = cols.map((k) => `${q(k)} = ?`);
    sets.push('mtime = ?');
    sql = `UPDATE ${q(table)} SET ${sets.join(', ')} WHERE id = ?${opts.where ? ` AND (${opts.where})` : ''}`;
    cacheSql(key, sql);
  }
  const n = mm.db.exec(sql, vals);
  if (n > 0 && !opts.silent) mm.publish({ entity: ENTITY_OF[table], action: 'Updated', id, rel_ids: opts.rel ?? {} });
  return n;
}

export function findRow<T>(mm: ModelManager, table: TableName, id: Id): T | undefined {
  const row = mm.db.get(`SELECT * FROM ${q(table)} WHERE id = ? LIMIT 1`, [id]);
  return row ? decodeRow<T>(table, row) : undefined;
}

/** Get a row by id or throw `Cannot get entity '<table>' (id <n>): not found`. */
export function getRow<T>(mm: ModelManager, table: TableName, id: Id): T {
  const row = findRow<T>(mm, table, id);
  if (!row) throw notFound(table, id);
  return row;
}

export function notFound(table: TableName, id: Id | string): ModelError {
  return new ModelError(`Cannot get entity '${table}' (${typeof id === 'number' ? 'id' : 'uid'} ${id}): not found`);
}

export function findRowByUid<T>(mm: ModelManager, table: TableName, uid: string): T | undefined {
  const row = mm.db.get(`SELECT * FROM ${q(table)} WHERE uid = ? LIMIT 1`, [uidToBytes(uid)]);
  return row ? decodeRow<T>(table, row) : undefined;
}

export function idForUid(mm: ModelManager, table: TableName, uid: string): Id {
  const id = mm.db.scalar(`SELECT id FROM ${q(table)} WHERE uid = ? LIMIT 1`, [uidToBytes(uid)]);
  if (id === undefined || id === null) throw notFound(table, uid);
  return Number(id);
}

const ORDER_RE = /^\s*[a-z_]+(\s+(ASC|DESC))?(\s*,\s*[a-z_]+(\s+(ASC|DESC))?)*\s*$/i;

/**
 * List rows matching equality filters (`null` matches IS NULL), default order
 * `id`, limit at most 12,000 (§6.1).
 */
export function listRows<T>(mm: ModelManager, table: TableName, filter: Fields = {}, opts: ListOptions = {}): T[] {
  const conds: string[] = [];
  const vals: BindValue[] = [];
  for (const [k, v] of Object.entries(filter)) {
    if (v === undefined) continue;
    if (v === null) {
      if (!COLUMN_SETS[table].has(k)) throw new ModelError(`Unknown column '${k}' for table '${table}'`);
      conds.push(`${q(k)} IS NULL`);
    } else {
      vals.push(encode(table, k, v));
      conds.push(`${q(k)} = ?`);
    }
  }
  const orderBy = opts.orderBy ?? 'id';
  if (!ORDER_RE.test(orderBy)) throw new ModelError(`Invalid order by '${orderBy}'`);
  const order = orderBy
    .split(',')
    .map((part) => {
      const [name, dir] = part.trim().split(/\s+/);
      if (!COLUMN_SETS[table].has(name)) throw new ModelError(`Unknown column '${name}' for table '${table}'`);
      return dir ? `${q(name)} ${dir.toUpperCase()}` : q(name);
    })
    .join(', ');
  const limit = Math.min(opts.limit ?? LIST_LIMIT_MAX, LIST_LIMIT_MAX);
  const where = conds.length ? ` WHERE ${conds.join(' AND ')}` : '';
  const sql = `SELECT * FROM ${q(table)}${where} ORDER BY ${order} LIMIT ? OFFSET ?`;
  return mm.db.all(sql, [...vals, limit, opts.offset ?? 0]).map((r) => decodeRow<T>(table, r));
}

/**
 * `updateRow` that tells "row missing" (throws) from "condition not met"
 * (returns 0, a deliberate no-op such as writing a step on an ended task).
 */
export function updateExisting(mm: ModelManager, table: TableName, id: Id, fields: Fields, opts: UpdateOpts = {}): number {
  const n = updateRow(mm, table, id, fields, opts);
  if (n === 0 && mm.db.scalar(`SELECT 1 FROM ${q(table)} WHERE id = ?`, [id]) === undefined) throw notFound(table, id);
  return n;
}
