import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, type Driver } from 'kysely';
import { CachedSqliteConnection } from './cached-sqlite-connection';
import { StatementCache } from './statement-cache';

/** Tries at beginning a transaction on the next turn of the event loop, before sleeping 1 ms. */
const QUICK_TRIES = 3;

/**
 * Kysely's SQLite driver prepares every statement anew; this one keeps them, which is
 * what makes hot reads through the core close to raw better-sqlite3 speed.
 *
 * It also begins a transaction without SQLite's busy handler. When another process is
 * writing, the handler sleeps 1, 2, 5, 10 ms and on with the whole process stopped; here the
 * begin fails at once, gives the connection to the process's other queries (reads, other
 * requests) and tries again on the event loop, for as long as the busy timeout allows.
 */
export class CachedSqliteDriver implements Driver {
  readonly #connection: CachedSqliteConnection;
  readonly #db: SqliteDatabase;
  #locked = false;
  readonly #waiting: Array<() => void> = [];
  readonly #begin: Statement;
  readonly #busyTimeoutMs: number;

  constructor(db: SqliteDatabase, statementCacheSize: number) {
    this.#db = db;
    this.#connection = new CachedSqliteConnection(new StatementCache(db, statementCacheSize));
    this.#begin = db.prepare('begin immediate');
    this.#busyTimeoutMs = Number(db.pragma('busy_timeout', { simple: true }));
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#lock();
    return this.#connection;
  }

  async releaseConnection(): Promise<void> {
    this.#unlock();
  }

  #lock(): Promise<void> {
    if (!this.#locked) {
      this.#locked = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.#waiting.push(resolve);
    });
  }

  #unlock(): void {
    const next = this.#waiting.shift();
    if (next === undefined) this.#locked = false;
    else next();
  }

  async beginTransaction(): Promise<void> {
    const deadline = performance.now() + this.#busyTimeoutMs;
    for (let tries = 1; ; tries++) {
      const busy = this.#tryBegin();
      if (busy === undefined) return;
      if (performance.now() >= deadline) throw busy;
      // No transaction is open on the connection yet: the process's other queries may use it.
      this.#unlock();
      await (tries <= QUICK_TRIES ? nextTurn() : sleep(1));
      await this.#lock();
    }
  }

  /**
   * Begins a write transaction, or returns SQLite's busy error if another process is writing.
   * The timeout is set through `pragma` each time: SQLite applies it when the statement is
   * prepared, so a prepared one would not set it again.
   */
  #tryBegin(): Error | undefined {
    this.#db.pragma('busy_timeout = 0');
    try {
      this.#begin.run();
      return undefined;
    } catch (error) {
      if ((error as { code?: unknown }).code === 'SQLITE_BUSY') return error as Error;
      throw error;
    } finally {
      this.#db.pragma(`busy_timeout = ${this.#busyTimeoutMs}`);
    }
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint "${name}"`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint "${name}"`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint "${name}"`));
  }

  async destroy(): Promise<void> {
    this.#db.close();
  }
}
