import {
  type Kysely,
  type Migration,
  type MigrationResult,
  type MigrationResultSet,
  Migrator,
  sql,
} from 'kysely';
import { GuanxiError } from '../errors';
import { dialectOf } from './columns';
import * as coreTables from './migrations/0001-core-tables';
import * as customerSearch from './migrations/0002-customer-search';
import * as customerCards from './migrations/0003-customer-cards';
import * as teamTimeZone from './migrations/0004-team-time-zone';
import * as standardWebhooks from './migrations/0005-standard-webhooks';
import * as consoleSessions from './migrations/0006-console-sessions';
import * as importRuns from './migrations/0007-import-runs';
import * as customerListIndexes from './migrations/0008-customer-list-indexes';
import * as reportIndexes from './migrations/0009-report-indexes';
import * as deferredWork from './migrations/0010-deferred-work';

export type Migrations = Readonly<Record<string, Migration>>;

export const coreMigrations: Migrations = {
  '0001-core-tables': coreTables,
  '0002-customer-search': customerSearch,
  '0003-customer-cards': customerCards,
  '0004-team-time-zone': teamTimeZone,
  '0005-standard-webhooks': standardWebhooks,
  '0006-console-sessions': consoleSessions,
  '0007-import-runs': importRuns,
  '0008-customer-list-indexes': customerListIndexes,
  '0009-report-indexes': reportIndexes,
  '0010-deferred-work': deferredWork,
};

/**
 * The console's migrations were numbered 0004 to 0006, then 0005 to 0007, and the reports'
 * index 0008, on the branches that made them, beside other branches' 0004 and 0005; a
 * database migrated there has its history renamed to these names. Deferred work ran as 0009
 * on its branch.
 */
export const renamedCoreMigrations: Readonly<Record<string, string>> = {
  '0004-console-sessions': '0006-console-sessions',
  '0005-console-sessions': '0006-console-sessions',
  '0005-import-runs': '0007-import-runs',
  '0006-import-runs': '0007-import-runs',
  '0006-customer-list-indexes': '0008-customer-list-indexes',
  '0007-customer-list-indexes': '0008-customer-list-indexes',
  '0008-report-indexes': '0009-report-indexes',
  '0009-deferred-work': '0010-deferred-work',
};

/** Whose migrations these are: the core's own, or one plugin's, each with its own history table. */
export interface MigrationSet {
  readonly owner: string;
  readonly migrations: Migrations;
  /** Former names of migrations already run under them, each mapped to its name now. */
  readonly renamed?: Readonly<Record<string, string>>;
}

export interface MigrationReport {
  readonly owner: string;
  readonly applied: readonly string[];
}

export function migrationTableName(owner: string): string {
  return `gx_migrations_${owner.replaceAll('-', '_')}`;
}

/** Runs each set's pending migrations in name order; the core's set must come first. */
export async function migrateAll(
  // biome-ignore lint/suspicious/noExplicitAny: migrations see every table, core and plugin
  db: Kysely<any>,
  sets: readonly MigrationSet[],
): Promise<MigrationReport[]> {
  if (dialectOf(db) !== 'postgres') return migrateSets(db, sets);
  // The migrator lists the tables of every schema; a schema dropped meanwhile fails that
  // read. Dropping a schema takes this lock exclusively (see dropSchema), migrations share it.
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock_shared(${SCHEMA_LOCK})`.execute(connection);
    try {
      return await migrateSets(connection, sets);
    } finally {
      await sql`select pg_advisory_unlock_shared(${SCHEMA_LOCK})`.execute(connection);
    }
  });
}

/** The advisory lock key that keeps schema drops and migrations apart on PostgreSQL. */
const SCHEMA_LOCK = 0x67785f73;

/** Drops a PostgreSQL schema and all in it, never while a migration reads the catalogue. */
// biome-ignore lint/suspicious/noExplicitAny: any database
export async function dropSchema(db: Kysely<any>, schema: string): Promise<void> {
  await db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${SCHEMA_LOCK})`.execute(connection);
    try {
      await sql`drop schema ${sql.id(schema)} cascade`.execute(connection);
    } finally {
      await sql`select pg_advisory_unlock(${SCHEMA_LOCK})`.execute(connection);
    }
  });
}

async function migrateSets(
  // biome-ignore lint/suspicious/noExplicitAny: see migrateAll()
  db: Kysely<any>,
  sets: readonly MigrationSet[],
): Promise<MigrationReport[]> {
  const reports: MigrationReport[] = [];
  const schema = await currentSchema(db);
  for (const set of sets) {
    const table = migrationTableName(set.owner);
    await renameHistory(db, table, schema, set.renamed ?? {});
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => set.migrations },
      migrationTableName: table,
      migrationLockTableName: `${table}_lock`,
      // Branches merged: one's migration may sort before another's already run here.
      allowUnorderedMigrations: true,
      ...(schema === undefined ? {} : { migrationTableSchema: schema }),
    });
    const { error, results } = await migrateToLatest(migrator);
    if (error !== undefined) {
      const failed = results?.find((result) => result.status === 'Error')?.migrationName;
      throw new GuanxiError(
        'GX_ERR_MIGRATION',
        `Migration ${failed ?? '(unknown)'} of ${set.owner} failed: ${String(error)}`,
        { cause: error, details: { owner: set.owner, migration: failed } },
      );
    }
    reports.push({ owner: set.owner, applied: (results ?? []).filter(isApplied).map(nameOf) });
  }
  return reports;
}

/** Gives migrations run under a former name their name now, where the history exists. */
async function renameHistory(
  // biome-ignore lint/suspicious/noExplicitAny: see migrateAll()
  db: Kysely<any>,
  table: string,
  schema: string | undefined,
  renamed: Readonly<Record<string, string>>,
): Promise<void> {
  const renames = Object.entries(renamed);
  if (renames.length === 0) return;
  if (!(await tableExists(db, table, schema))) return;
  for (const [from, to] of renames) {
    await db.updateTable(table).set({ name: to }).where('name', '=', from).execute();
  }
}

/**
 * Kysely's migrator first looks for its history table by listing the columns of every
 * schema in the database. Where several schemas share a server (each test core has one),
 * another schema's migration may drop a table or column during that read, which then fails
 * with undefined_table or undefined_column before any migration has run here. Such a
 * failure (no results yet) is read again; a failure of a migration itself is not.
 */
async function migrateToLatest(migrator: Migrator): Promise<MigrationResultSet> {
  for (let attempt = 1; ; attempt++) {
    const outcome = await migrator.migrateToLatest();
    if (
      outcome.results !== undefined ||
      attempt === CATALOGUE_READS ||
      !isCatalogueRace(outcome.error)
    ) {
      return outcome;
    }
    // The other schema's migration is short: give it a moment to end before reading again.
    await new Promise((resolve) => setTimeout(resolve, attempt * 100));
  }
}

const CATALOGUE_READS = 6;

function isCatalogueRace(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === '42P01' || code === '42703';
}

/** Whether the table is there, read for this one table (not the whole catalogue). */
async function tableExists(
  // biome-ignore lint/suspicious/noExplicitAny: see migrateAll()
  db: Kysely<any>,
  table: string,
  schema: string | undefined,
): Promise<boolean> {
  const found =
    schema === undefined
      ? sql`select 1 from sqlite_master where type = 'table' and name = ${table}`
      : sql`select 1 from information_schema.tables where table_schema = ${schema} and table_name = ${table}`;
  return (await found.execute(db)).rows.length > 0;
}

const isApplied = (result: MigrationResult) => result.status === 'Success';
const nameOf = (result: MigrationResult) => result.migrationName;

/**
 * PostgreSQL's schema in use. The migrator is pinned to it: otherwise it may take another
 * schema's history table, in the same database, for its own.
 */
// biome-ignore lint/suspicious/noExplicitAny: see migrateAll()
async function currentSchema(db: Kysely<any>): Promise<string | undefined> {
  if (dialectOf(db) !== 'postgres') return undefined;
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema;
}
