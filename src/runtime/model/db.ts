/**
 * The in-memory SQLite database on sql.js (§6.1). One connection, used
 * synchronously: JavaScript is single-threaded, so every statement is atomic
 * with respect to other runs and no mutex is needed. Prepared statements are
 * cached by SQL text because the hot paths (rtStep, rtLog) reuse a few dozen.
 *
 * Writes are grouped: the first statement opens a transaction that commits
 * `BATCH_MS` later. An autocommit write costs a journal per statement (about
 * 10x slower on sql.js), and each commit copies every dirty page into the
 * in-memory image, so a busy run's pages are better written ten times a
 * second than once per event-loop turn (-10 % wall time on a 1,000-task run).
 * The connection is the only one, so uncommitted rows are already visible to
 * every reader; the image is never exported mid-batch (`sizeBytes` and
 * `close` commit first).
 *
 * Append-only rows written many times per task (the RunStep log rows) can be
 * queued with `queueInsert`: they get their id at once and reach the table in
 * multi-row INSERTs, before any statement that names their table runs and
 * before the batch commits. Readers therefore never see the difference.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import initSqlJs from 'sql.js';
import type { Database, SqlJsStatic, SqlValue, Statement } from 'sql.js';
import { schemaSql } from './schema';

export type BindValue = SqlValue;
export type Row = Record<string, SqlValue>;

let sqlJsPromise: Promise<SqlJsStatic> | undefined;

/**
 * Where sql-wasm.wasm lives: next to the bundle (esbuild copies it into dist/)
 * or, when running from sources, in the sql.js package.
 */
export function locateSqlWasm(file: string): string {
  const bundled = join(__dirname, file);
  if (existsSync(bundled)) return bundled;
  return join(dirname(require.resolve('sql.js')), file);
}

function loadSqlJs(): Promise<SqlJsStatic> {
  if (!sqlJsPromise) {
    sqlJsPromise = initSqlJs({ locateFile: locateSqlWasm });
    // A failed load must not poison later attempts.
    sqlJsPromise.catch(() => (sqlJsPromise = undefined));
  }
  return sqlJsPromise;
}

/** Start loading sql.js now (hosts call it first thing, so the wasm compiles during their other start-up work). */
export function preloadSqlJs(): void {
  loadSqlJs().catch(() => {});
}

/** A prepared statement and the words of its SQL (to tell whether it touches a queued table). */
interface CachedStmt {
  stmt: Statement;
  words: Set<string>;
  /** Result column names, read once: sql.js's getAsObject decodes them from wasm memory on every row. */
  columns?: string[];
}

/** Rows waiting for one multi-row INSERT into `table`. */
interface InsertQueue {
  table: string;
  /** Column list, `id` first. */
  cols: string[];
  /** Flattened values, `cols.length` per row. */
  values: BindValue[];
  rows: number;
  /** The id the next queued row gets; re-read after each flush (another writer may have inserted). */
  nextId: number | undefined;
}

/** Rows per multi-row INSERT: the queue is written in chunks of these sizes (a handful of cached statements). */
const CHUNKS = [64, 16, 4, 1];

/** How long a grouped-writes transaction stays open. */
const BATCH_MS = 100;

export class Db {
  private readonly stmts = new Map<string, CachedStmt>();
  private readonly queues = new Map<string, InsertQueue>();
  private queuedRows = 0;
  /** In a transaction: how many rows of each queue were queued before it began. */
  private preTx: Map<InsertQueue, number> | undefined;
  /** In a transaction: those rows once a statement inside wrote them (re-written on rollback). */
  private writtenPreTx: { q: InsertQueue; values: BindValue[]; rows: number }[] | undefined;
  private txDepth = 0;
  private closed = false;
  /** A grouped-writes transaction is open (see the file comment). */
  private batchOpen = false;

  private constructor(private readonly db: Database) {}

  /** A fresh database with the §6.2 schema. */
  static async create(): Promise<Db> {
    const SQL = await loadSqlJs();
    const db = new Db(new SQL.Database());
    // The image lives in sql.js's in-memory file system, where every page write copies (and
    // often regrows) a JS buffer: keep the rollback journal in SQLite's heap, skip syncs, and
    // let the page cache hold a long run's working set instead of spilling it mid-transaction.
    for (const p of ['journal_mode = MEMORY', 'synchronous = OFF', 'cache_size = -32768', 'temp_store = MEMORY']) db.db.run(`PRAGMA ${p}`);
    for (const sql of schemaSql()) db.db.run(sql);
    return db;
  }

  private stmt(sql: string): Statement {
    return this.cached(sql).stmt;
  }

  private cached(sql: string): CachedStmt {
    if (this.closed) throw new Error('The run database is closed');
    this.openBatch();
    let c = this.stmts.get(sql);
    if (!c) {
      c = { stmt: this.db.prepare(sql), words: new Set(sql.toLowerCase().match(/[a-z_]+/g) ?? []) };
      this.stmts.set(sql, c);
    }
    if (this.queuedRows > 0) {
      for (const q of this.queues.values()) if (q.rows > 0 && c.words.has(q.table)) this.writeQueue(q);
    }
    return c;
  }

  /** The row under the statement's cursor as an object. */
  private static rowObject(c: CachedStmt): Row {
    const names = (c.columns ??= c.stmt.getColumnNames());
    const values = c.stmt.get();
    const row: Row = {};
    for (let i = 0; i < names.length; i++) row[names[i]] = values[i];
    return row;
  }

  /**
   * Queue one row for `table` (columns `cols`, without `id`) and return the id it will have.
   * The caller must pass values SQLite accepts for those columns: a bad row only fails when
   * the queue is written. Every writer of a queued table must go through here or name the
   * table in its SQL (which writes the queue first), so ids never collide.
   */
  queueInsert(table: string, cols: string[], values: BindValue[]): number {
    if (this.closed) throw new Error('The run database is closed');
    this.openBatch();
    let q = this.queues.get(table);
    if (!q) {
      q = { table, cols: ['id', ...cols], values: [], rows: 0, nextId: undefined };
      this.queues.set(table, q);
    }
    if (values.length !== cols.length) throw new Error(`queueInsert(${table}): ${values.length} values for ${cols.length} columns`);
    // AUTOINCREMENT never reuses an id, even a deleted one: start after both the max id and the sequence.
    q.nextId ??=
      Number(this.scalar(`SELECT MAX(COALESCE((SELECT MAX(id) FROM "${table}"), 0), COALESCE((SELECT seq FROM sqlite_sequence WHERE name = ?), 0))`, [table])) + 1;
    const id = q.nextId++;
    q.values.push(id, ...values);
    q.rows++;
    this.queuedRows++;
    if (q.rows >= CHUNKS[0]) this.writeQueue(q);
    return id;
  }

  /** Write a queue's rows in multi-row INSERTs. */
  private writeQueue(q: InsertQueue): void {
    const width = q.cols.length;
    const all = q.values;
    const rows = q.rows;
    q.values = [];
    q.rows = 0;
    q.nextId = undefined;
    this.queuedRows -= rows;
    const pre = this.preTx?.get(q) ?? 0;
    if (pre > 0) {
      this.preTx?.delete(q);
      this.writtenPreTx?.push({ q, values: all.slice(0, pre * width), rows: pre });
    }
    this.insertRows(q, all, rows);
  }

  /** `rows` rows of `q`'s columns (flattened in `values`) in multi-row INSERTs. */
  private insertRows(q: InsertQueue, values: BindValue[], rows: number): void {
    const width = q.cols.length;
    let at = 0;
    while (at < rows) {
      const n = CHUNKS.find((c) => c <= rows - at) ?? 1;
      const s = this.insertStmt(q, n);
      try {
        s.run(values.slice(at * width, (at + n) * width));
      } finally {
        s.reset();
      }
      at += n;
    }
  }

  private insertStmt(q: InsertQueue, rows: number): Statement {
    const row = `(${q.cols.map(() => '?').join(', ')})`;
    const sql = `INSERT INTO "${q.table}" (${q.cols.map((c) => `"${c}"`).join(', ')}) VALUES ${Array(rows).fill(row).join(', ')}`;
    let c = this.stmts.get(sql);
    if (!c) {
      c = { stmt: this.db.prepare(sql), words: new Set() };
      this.stmts.set(sql, c);
    }
    return c.stmt;
  }

  private writeAllQueues(): void {
    if (this.queuedRows === 0) return;
    for (const q of this.queues.values()) if (q.rows > 0) this.writeQueue(q);
  }

  /** Execute a write; returns the number of rows changed. */
  exec(sql: string, params: BindValue[] = []): number {
    const s = this.stmt(sql);
    try {
      s.run(params);
    } finally {
      s.reset();
    }
    return this.db.getRowsModified();
  }

  /**
   * Execute an INSERT and return the new rowid. Cheaper than `INSERT … RETURNING id`
   * (which sql.js runs through an ephemeral table: about 4x slower per row).
   */
  insert(sql: string, params: BindValue[] = []): number {
    this.exec(sql, params);
    return Number(this.scalar('SELECT last_insert_rowid()'));
  }

  /** First column of the first row (e.g. `INSERT ... RETURNING id`, `SELECT SUM(...)`). */
  scalar(sql: string, params: BindValue[] = []): SqlValue | undefined {
    const s = this.stmt(sql);
    try {
      s.bind(params);
      return s.step() ? s.get()[0] : undefined;
    } finally {
      s.reset();
    }
  }

  get(sql: string, params: BindValue[] = []): Row | undefined {
    const c = this.cached(sql);
    try {
      c.stmt.bind(params);
      return c.stmt.step() ? Db.rowObject(c) : undefined;
    } finally {
      c.stmt.reset();
    }
  }

  all(sql: string, params: BindValue[] = []): Row[] {
    const c = this.cached(sql);
    const out: Row[] = [];
    try {
      c.stmt.bind(params);
      while (c.stmt.step()) out.push(Db.rowObject(c));
    } finally {
      c.stmt.reset();
    }
    return out;
  }

  private openBatch(): void {
    if (this.batchOpen) return;
    this.db.run('BEGIN');
    this.batchOpen = true;
    // Unref'd: the batch never keeps a process alive (close() commits what is left).
    setTimeout(() => this.flush(), BATCH_MS).unref();
  }

  /** Commit the grouped writes now (before exporting or measuring the image). */
  flush(): void {
    if (!this.batchOpen || this.closed) return;
    try {
      this.writeAllQueues();
    } catch (err) {
      // A queued row SQLite refused: the rows of its chunk are lost, the batch still commits.
      console.error(`aipack: could not write queued rows: ${err instanceof Error ? err.message : String(err)}`);
    }
    this.batchOpen = false;
    try {
      this.db.run('COMMIT');
    } catch {
      // Nothing to commit (e.g. a failed statement already ended it).
    }
  }

  /** Run `fn` atomically (nested calls join the outer one): every write of `fn` is undone when it throws. */
  tx<T>(fn: () => T): T {
    if (this.txDepth > 0) return fn();
    if (this.closed) throw new Error('The run database is closed');
    // Prepared once (the statement cache): `db.run` would parse the text on every call.
    this.exec('SAVEPOINT aip_tx');
    this.txDepth++;
    // Rows queued before the transaction belong to no rollback of it: when a statement inside
    // writes them, they are kept aside and written again if the transaction rolls back.
    this.preTx = new Map([...this.queues.values()].filter((q) => q.rows > 0).map((q) => [q, q.rows]));
    const written: typeof this.writtenPreTx = (this.writtenPreTx = []);
    try {
      const out = fn();
      this.exec('RELEASE aip_tx');
      return out;
    } catch (err) {
      this.exec('ROLLBACK TO aip_tx');
      this.exec('RELEASE aip_tx');
      for (const w of written) this.insertRows(w.q, w.values, w.rows);
      throw err;
    } finally {
      this.txDepth--;
      this.preTx = undefined;
      this.writtenPreTx = undefined;
    }
  }

  /** Size of the database image in bytes (page_count × page_size). */
  sizeBytes(): number {
    this.flush();
    const pages = Number(this.scalar('PRAGMA page_count') ?? 0);
    const size = Number(this.scalar('PRAGMA page_size') ?? 0);
    return pages * size;
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    for (const c of this.stmts.values()) c.stmt.free();
    this.stmts.clear();
    this.db.close();
    this.closed = true;
  }

  get isClosed(): boolean {
    return this.closed;
  }
}
