/**
 * The in-memory SQLite database on sql.js (§6.1). One connection, used
 * synchronously: JavaScript is single-threaded, so every statement is atomic
 * with respect to other runs and no mutex is needed. Prepared statements are
 * cached by SQL text because the hot paths (rtStep, rtLog) reuse a few dozen.
 *
 * Writes are grouped: the first statement of a turn of the event loop opens a
 * transaction that commits on the next `setImmediate`. An autocommit write
 * costs a journal per statement (about 10x slower on sql.js); the connection
 * is the only one, so uncommitted rows are already visible to every reader.
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

export class Db {
  private readonly stmts = new Map<string, Statement>();
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
    if (this.closed) throw new Error('The run database is closed');
    this.openBatch();
    let s = this.stmts.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.stmts.set(sql, s);
    }
    return s;
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
    const s = this.stmt(sql);
    try {
      s.bind(params);
      return s.step() ? (s.getAsObject() as Row) : undefined;
    } finally {
      s.reset();
    }
  }

  all(sql: string, params: BindValue[] = []): Row[] {
    const s = this.stmt(sql);
    const out: Row[] = [];
    try {
      s.bind(params);
      while (s.step()) out.push(s.getAsObject() as Row);
    } finally {
      s.reset();
    }
    return out;
  }

  private openBatch(): void {
    if (this.batchOpen) return;
    this.db.run('BEGIN');
    this.batchOpen = true;
    setImmediate(() => this.flush());
  }

  /** Commit the grouped writes now (before exporting or measuring the image). */
  flush(): void {
    if (!this.batchOpen || this.closed) return;
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
    try {
      const out = fn();
      this.exec('RELEASE aip_tx');
      return out;
    } catch (err) {
      this.exec('ROLLBACK TO aip_tx');
      this.exec('RELEASE aip_tx');
      throw err;
    } finally {
      this.txDepth--;
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
    for (const s of this.stmts.values()) s.free();
    this.stmts.clear();
    this.db.close();
    this.closed = true;
  }

  get isClosed(): boolean {
    return this.closed;
  }
}
