import type { Database as SqliteDatabase } from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, type Driver } from 'kysely';
import { CachedSqliteConnection } from './cached-sqlite-connection';
import { StatementCache } from './statement-cache';

/**
 * Kysely's SQLite driver prepares every statement anew; this one keeps them, which is
 * what makes hot reads through the core close to raw better-sqlite3 speed.
 */
export class CachedSqliteDriver implements Driver {
  readonly #connection: CachedSqliteConnection;
  readonly #db: SqliteDatabase;
  #locked = false;
  readonly #waiting: Array<() => void> = [];

  constructor(db: SqliteDatabase, statementCacheSize: number) {
    this.#db = db;
    this.#connection = new CachedSqliteConnection(new StatementCache(db, statementCacheSize));
  }

  async init(): Promise<void> {}

  acquireConnection(): Promise<DatabaseConnection> {
    if (!this.#locked) {
      this.#locked = true;
      return Promise.resolve(this.#connection);
    }
    return new Promise((resolve) => {
      this.#waiting.push(() => resolve(this.#connection));
    });
  }

  async releaseConnection(): Promise<void> {
    const next = this.#waiting.shift();
    if (next === undefined) this.#locked = false;
    else next();
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
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
