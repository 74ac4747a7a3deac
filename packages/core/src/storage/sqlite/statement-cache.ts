import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';

/** Prepared statements by SQL text, least recently used dropped first. */
export class StatementCache {
  readonly #db: SqliteDatabase;
  readonly #capacity: number;
  readonly #statements = new Map<string, Statement>();

  constructor(db: SqliteDatabase, capacity: number) {
    this.#db = db;
    this.#capacity = capacity;
  }

  get(sql: string): Statement {
    const cached = this.#statements.get(sql);
    if (cached !== undefined) {
      this.#statements.delete(sql);
      this.#statements.set(sql, cached);
      return cached;
    }
    const statement = this.#db.prepare(sql);
    this.#statements.set(sql, statement);
    if (this.#statements.size > this.#capacity) {
      const oldest = this.#statements.keys().next().value;
      if (oldest !== undefined) this.#statements.delete(oldest);
    }
    return statement;
  }
}
