import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { CoreTables } from './schema';
import { CachedSqliteDialect } from './sqlite/cached-sqlite-dialect';
import { Checkpointer } from './sqlite/checkpointer';
import { MEMORY_MAP_BYTES, MemoryMapSwitch } from './sqlite/memory-map';

export type Dialect = 'sqlite' | 'postgres';

/** An open database: the Kysely handle, which dialect it speaks, and how to close it. */
export interface Database {
  readonly dialect: Dialect;
  readonly db: Kysely<CoreTables>;
  destroy(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A file path (SQLite, created if missing), `:memory:`, or `postgres://…`. */
  readonly url: string;
  /** PostgreSQL only: the schema to work in, for side-by-side test databases. */
  readonly schema?: string;
  /** PostgreSQL only: the connection pool size. */
  readonly poolSize?: number;
  /**
   * SQLite files only: checkpoint the write-ahead log from a thread of its own instead of in
   * the commit that fills it, so writes never wait for one. `guanxi serve` turns it on.
   */
  readonly backgroundCheckpoints?: boolean;
  /**
   * SQLite files only: read through a memory map only while other connections commit rarely
   * (`MemoryMapSwitch`); otherwise the map is always on. `guanxi serve` turns it on.
   */
  readonly mapWhileQuiet?: boolean;
  /** Told about a failed background checkpoint. */
  readonly onCheckpointError?: (message: string) => void;
}

export const DEFAULT_DATABASE_FILE = '.data/guanxi.db';

export function isPostgresUrl(url: string): boolean {
  return url.startsWith('postgres://') || url.startsWith('postgresql://');
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

// Counts and money sums come back as int8; every value we store fits a JS number.
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

export function openDatabase(options: OpenDatabaseOptions): Database {
  return isPostgresUrl(options.url) ? openPostgres(options) : openSqlite(options);
}

/**
 * With background checkpoints, a commit checkpoints only past this many pages of log (about
 * 40 MB): never while the thread keeps up, and still if it does not.
 */
const FALLBACK_CHECKPOINT_PAGES = 10_000;

function openSqlite(options: OpenDatabaseOptions): Database {
  const file = options.url;
  const onDisk = file !== ':memory:';
  if (onDisk) mkdirSync(dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  // Savepoints' statement journals among it: past 64 KiB SQLite spills them to a file.
  sqlite.pragma('temp_store = MEMORY');
  // Reads go through the OS page cache by mapping, not a read() call per page.
  sqlite.pragma(`mmap_size = ${MEMORY_MAP_BYTES}`);
  const memoryMap =
    options.mapWhileQuiet === true && onDisk ? new MemoryMapSwitch(sqlite) : undefined;
  const checkpointer =
    options.backgroundCheckpoints === true && onDisk
      ? new Checkpointer(file, options.onCheckpointError ?? (() => undefined))
      : undefined;
  if (checkpointer !== undefined)
    sqlite.pragma(`wal_autocheckpoint = ${FALLBACK_CHECKPOINT_PAGES}`);
  const db = new Kysely<CoreTables>({ dialect: new CachedSqliteDialect({ database: sqlite }) });
  return {
    dialect: 'sqlite',
    db,
    destroy: async () => {
      memoryMap?.stop();
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

function openPostgres(options: OpenDatabaseOptions): Database {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    types: pgTypes,
    ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
  });
  const db = new Kysely<CoreTables>({ dialect: new PostgresDialect({ pool }) });
  return { dialect: 'postgres', db, destroy: () => db.destroy() };
}
