import { type CreateTableBuilder, type Kysely, PostgresAdapter } from 'kysely';
import type { Dialect } from './database';

// biome-ignore lint/suspicious/noExplicitAny: migrations work on any table shape
type AnyDb = Kysely<any>;

export function dialectOf(db: AnyDb): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * Adds an auto-numbered `id` primary key in the form each dialect wants: SQLite's rowid
 * alias, PostgreSQL's identity column. For use in core and plugin migrations.
 */
export function withIdColumn(db: AnyDb) {
  const postgres = dialectOf(db) === 'postgres';
  return <T extends string>(table: CreateTableBuilder<T, never>) =>
    postgres
      ? table.addColumn('id', 'bigint', (col) => col.primaryKey().generatedByDefaultAsIdentity())
      : table.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement());
}
