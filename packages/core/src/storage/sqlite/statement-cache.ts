import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';

/** Prepared statements by SQL text, the oldest dropped first when full. */
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
    if (cached !== undefined) return cached;
    const statement = this.#db.prepare(sql);
    // Oldest prepared first out: hits stay a single map lookup.
    if (this.#statements.size >= this.#capacity) {
      const oldest = this.#statements.keys().next().value;
      if (oldest !== undefined) this.#statements.delete(oldest);
    }
    this.#statements.set(sql, statement);
    return statement;
  }
}
