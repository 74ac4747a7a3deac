import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import type { CompiledQuery, DatabaseConnection, QueryResult } from 'kysely';
import type { StatementCache } from './statement-cache';
import type { WriteWait } from './write-wait';

export class CachedSqliteConnection implements DatabaseConnection {
  readonly #statements: StatementCache;
  readonly #db: SqliteDatabase;
  readonly #wait: WriteWait;

  constructor(statements: StatementCache, db: SqliteDatabase, wait: WriteWait) {
    this.#statements = statements;
    this.#db = db;
    this.#wait = wait;
  }

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const statement = this.#statements.get(compiledQuery.sql);
    const parameters = compiledQuery.parameters as unknown[];
    if (statement.reader) {
      return Promise.resolve({ rows: statement.all(parameters) as R[] });
    }
    // A write outside a transaction (a transaction's begin among them) waits for another
    // process's write on the event loop. Writes that return rows keep SQLite's busy handler.
    if (!statement.readonly && !this.#db.inTransaction) {
      return this.#wait.run(() => written<R>(statement, parameters));
    }
    return Promise.resolve(written<R>(statement, parameters));
  }

  /** The rows of a statement that only reads, run now; undefined for one that writes. */
  readNow(sql: string, parameters: readonly unknown[]): unknown[] | undefined {
    const statement = this.#statements.get(sql);
    return statement.readonly && statement.reader ? statement.all(parameters) : undefined;
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const statement = this.#statements.get(compiledQuery.sql);
    for (const row of statement.iterate(compiledQuery.parameters as unknown[])) {
      yield { rows: [row as R] };
    }
  }
}

function written<R>(statement: Statement, parameters: unknown[]): QueryResult<R> {
  const { changes, lastInsertRowid } = statement.run(parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}
