import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { type Core, type CoreOptions, createCore } from '../core';
import type { WebhookOptions } from '../core-runtime';
import type { Logger } from '../logger';
import type { AnyPlugin } from '../plugins/define-plugin';
import { dialectOf } from '../storage/columns';
import { type Dialect, openDatabase } from '../storage/database';
import { dropSchema } from '../storage/migrate';
import { ManualClock } from './manual-clock';

export { addNote, ledgerPlugin } from './ledger-plugin';
export { ManualClock };

/** The value, or a thrown error saying what was missing: for tests that index into results. */
export function defined<T>(value: T | undefined | null, what = 'value'): T {
  if (value === undefined || value === null) throw new Error(`expected a ${what}`);
  return value;
}

/**
 * Every row of every table of this database (the core's, the plugins', the search index's and
 * the migration histories), by table name; binary values as Latin-1 text. For tests that look
 * for a value anywhere in storage.
 */
// biome-ignore lint/suspicious/noExplicitAny: every table, whoever owns it
export async function dumpTables(db: Kysely<any>): Promise<Record<string, unknown[]>> {
  const postgres = dialectOf(db) === 'postgres';
  const { rows } = await sql<{ schema: string | null }>`select ${sql.raw(
    postgres ? 'current_schema()' : 'null',
  )} as schema`.execute(db);
  const schema = rows[0]?.schema ?? undefined;
  const tables = (await db.introspection.getTables({ withInternalKyselyTables: true })).filter(
    (table) => !table.isView && table.schema === schema,
  );
  const dump: Record<string, unknown[]> = {};
  for (const { name } of tables.sort((a, b) => a.name.localeCompare(b.name))) {
    const all = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db);
    dump[name] = all.rows.map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([column, value]) => [
          column,
          Buffer.isBuffer(value) ? value.toString('latin1') : value,
        ]),
      ),
    );
  }
  return dump;
}

/** The environment variable naming the PostgreSQL server tests use. */
export const TEST_DATABASE_URL = 'GUANXI_TEST_DATABASE_URL';

/** A database's URL, for another process to open, and how to delete the database. */
export interface FreshDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/**
 * A database of its own for a test that hands it to other processes, such as a spawned
 * server: a SQLite file in a temporary directory, or a PostgreSQL database created on the
 * test server.
 */
export async function freshDatabase(dialect: Dialect, name: string): Promise<FreshDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `guanxi-${name}-`));
    return { url: join(dir, 'guanxi.db'), drop: async () => rmSync(dir, { recursive: true }) };
  }
  const server = process.env[TEST_DATABASE_URL];
  if (!server) throw new Error(`${TEST_DATABASE_URL} is not set`);
  const database = `gx_${name}_${process.pid}_${Date.now()}`;
  const admin = openDatabase({ url: server, poolSize: 1 });
  await sql`create database ${sql.id(database)}`.execute(admin.db);
  const url = new URL(server);
  url.pathname = `/${database}`;
  return {
    url: url.toString(),
    drop: async () => {
      await sql`drop database if exists ${sql.id(database)} with (force)`.execute(admin.db);
      await admin.destroy();
    },
  };
}

/**
 * The dialects every storage test runs on: SQLite and PostgreSQL. Without a PostgreSQL
 * server the run fails rather than quietly testing half, unless GUANXI_TEST_SQLITE_ONLY=1.
 */
export function testDialects(): Dialect[] {
  if (process.env[TEST_DATABASE_URL]) return ['sqlite', 'postgres'];
  if (process.env.GUANXI_TEST_SQLITE_ONLY === '1') return ['sqlite'];
  throw new Error(
    `Set ${TEST_DATABASE_URL}=postgres://… to a PostgreSQL server for the tests ` +
      '(`pnpm test` starts a throwaway one), or GUANXI_TEST_SQLITE_ONLY=1 to test SQLite alone.',
  );
}

export interface TestCoreOptions {
  readonly dialect?: Dialect;
  readonly plugins?: readonly AnyPlugin[];
  /** Where the controllable clock starts. */
  readonly now?: Date | string;
  readonly hookTimeoutMs?: number;
  readonly logger?: Logger;
  /** E.g. `{ allowPrivateTargets: true }` for webhooks to a receiver on loopback. */
  readonly webhooks?: WebhookOptions;
}

export interface TestCore {
  readonly core: Core;
  readonly clock: ManualClock;
  readonly dialect: Dialect;
  /** Re-opens the same database with other plugins, as a restarted server would. */
  reopen(options?: Pick<CoreOptions, 'plugins' | 'hookTimeoutMs' | 'webhooks'>): Promise<Core>;
  /** Closes the core and deletes its database. */
  destroy(): Promise<void>;
}

/**
 * A core on a fresh temporary database, SQLite file or PostgreSQL schema, with the given
 * plugins installed and a clock the test controls.
 */
export async function createTestCore(options: TestCoreOptions = {}): Promise<TestCore> {
  const dialect = options.dialect ?? 'sqlite';
  const clock = new ManualClock(options.now);
  const cores: Core[] = [];
  const open = async (opened: Pick<CoreOptions, 'plugins' | 'hookTimeoutMs' | 'webhooks'>) => {
    const database = storage.open();
    const core = await createCore({
      database,
      plugins: opened.plugins ?? [],
      clock,
      hookTimeoutMs: opened.hookTimeoutMs ?? options.hookTimeoutMs ?? 500,
      webhooks: opened.webhooks ?? options.webhooks ?? {},
      ...(options.logger === undefined ? {} : { logger: options.logger }),
    }).catch(async (error: unknown) => {
      await database.destroy();
      throw error;
    });
    cores.push(core);
    return core;
  };
  const storage = dialect === 'sqlite' ? sqliteStorage() : await postgresStorage();
  const core = await open(options).catch(async (error: unknown) => {
    await storage.drop();
    throw error;
  });
  return {
    core,
    clock,
    dialect,
    reopen: (reopenOptions = {}) => open(reopenOptions),
    destroy: async () => {
      for (const opened of cores) await opened.close();
      await storage.drop();
    },
  };
}

interface TestStorage {
  open(): ReturnType<typeof openDatabase>;
  drop(): Promise<void>;
}

function sqliteStorage(): TestStorage {
  const dir = mkdtempSync(join(tmpdir(), 'guanxi-test-'));
  const url = join(dir, 'test.db');
  return {
    open: () => openDatabase({ url }),
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgresStorage(): Promise<TestStorage> {
  const url = process.env[TEST_DATABASE_URL];
  if (!url) throw new Error(`${TEST_DATABASE_URL} is not set`);
  const schema = `gx_test_${randomBytes(6).toString('hex')}`;
  const admin = openDatabase({ url, poolSize: 1 });
  await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  return {
    open: () => openDatabase({ url, schema, poolSize: 5 }),
    drop: async () => {
      await dropSchema(admin.db, schema);
      await admin.destroy();
    },
  };
}
