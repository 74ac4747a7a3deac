import { type Kysely, type Migration, type MigrationResult, Migrator, sql } from 'kysely';
import { GuanxiError } from '../errors';
import { dialectOf } from './columns';
import * as coreTables from './migrations/0001-core-tables';
import * as customerSearch from './migrations/0002-customer-search';
import * as customerCards from './migrations/0003-customer-cards';
import * as teamTimeZone from './migrations/0004-team-time-zone';
import * as deferredWork from './migrations/0005-deferred-work';

export type Migrations = Readonly<Record<string, Migration>>;

export const coreMigrations: Migrations = {
  '0001-core-tables': coreTables,
  '0002-customer-search': customerSearch,
  '0003-customer-cards': customerCards,
  '0004-team-time-zone': teamTimeZone,
  '0005-deferred-work': deferredWork,
};

/** Whose migrations these are: the core's own, or one plugin's, each with its own history table. */
export interface MigrationSet {
  readonly owner: string;
  readonly migrations: Migrations;
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
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => set.migrations },
      migrationTableName: table,
      migrationLockTableName: `${table}_lock`,
      ...(schema === undefined ? {} : { migrationTableSchema: schema }),
    });
    const { error, results } = await migrator.migrateToLatest();
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
