import type { Database as SqliteDatabase } from 'better-sqlite3';
import { type Driver, SqliteDialect } from 'kysely';
import { CachedSqliteDriver } from './cached-sqlite-driver';

export interface CachedSqliteDialectConfig {
  readonly database: SqliteDatabase;
  readonly statementCacheSize?: number;
}

/** Kysely's SQLite dialect with a driver that caches prepared statements. */
export class CachedSqliteDialect extends SqliteDialect {
  readonly #config: CachedSqliteDialectConfig;

  constructor(config: CachedSqliteDialectConfig) {
    super({ database: config.database });
    this.#config = config;
  }

  override createDriver(): Driver {
    return new CachedSqliteDriver(this.#config.database, this.#config.statementCacheSize ?? 500);
  }
}
