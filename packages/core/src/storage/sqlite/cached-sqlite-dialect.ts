import type { Database as SqliteDatabase } from 'better-sqlite3';
import { type DialectAdapter, type Driver, SqliteDialect } from 'kysely';
import { allowReadNow } from '../read-now';
import { CachedSqliteDriver } from './cached-sqlite-driver';

export interface CachedSqliteDialectConfig {
  readonly database: SqliteDatabase;
  readonly statementCacheSize?: number;
}

/**
 * Kysely's SQLite dialect with a driver that caches prepared statements, and whose prepared
 * reads run at once while no transaction holds the connection (`CachedSqliteDriver.readNow`).
 */
export class CachedSqliteDialect extends SqliteDialect {
  readonly #config: CachedSqliteDialectConfig;
  #driver: CachedSqliteDriver | undefined;

  constructor(config: CachedSqliteDialectConfig) {
    super({ database: config.database });
    this.#config = config;
  }

  override createDriver(): Driver {
    this.#driver = new CachedSqliteDriver(
      this.#config.database,
      this.#config.statementCacheSize ?? 500,
    );
    return this.#driver;
  }

  override createAdapter(): DialectAdapter {
    const adapter = super.createAdapter();
    allowReadNow(adapter, (sql, parameters) => this.#driver?.readNow(sql, parameters));
    return adapter;
  }
}
