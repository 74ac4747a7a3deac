import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type Core, createCore } from '../core';
import { createTestCore, TEST_DATABASE_URL, type TestCore, testDialects } from '../testing';
import { dialectOf } from './columns';
import { type Database, openDatabase } from './database';
import type { CoreTables } from './schema';

const run = promisify(execFile);

/**
 * Records orders one at a time until stopped, as a busy server would, each for one of the
 * customers in turn; `written` counts the committed ones.
 */
function writer(core: Core, teamId: number, customers: readonly number[]) {
  const state = { writing: true, written: 0 };
  const done = (async () => {
    while (state.writing) {
      const customerId = customers[state.written % customers.length] as number;
      await core.orders.record(teamId, [
        { customerId, amount: 100 + state.written, placedAt: '2024-03-01' },
      ]);
      state.written += 1;
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  return {
    state,
    /** Resolves once `count` more orders are committed. */
    async wait(count: number) {
      const target = state.written + count;
      while (state.written < target) await new Promise((resolve) => setTimeout(resolve, 5));
    },
    stop: async () => {
      state.writing = false;
      await done;
    },
  };
}

async function seed(core: Core) {
  const teamId = (await core.teams.create({ name: 'Live', slug: 'live' })).id;
  const customers: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    customers.push((await core.customers.create(teamId, { kind: 'person', name: `C${i}` })).id);
  }
  return { teamId, customers };
}

/** Every table of the database (or schema) and its row count. */
async function rowCounts(db: Kysely<CoreTables>): Promise<Record<string, number>> {
  const { rows } = await sql<{ schema: string | null }>`select ${sql.raw(
    dialectOf(db) === 'postgres' ? 'current_schema()' : 'null',
  )} as schema`.execute(db);
  const schema = rows[0]?.schema ?? undefined;
  const tables = (await db.introspection.getTables()).filter(
    (table) => !table.isView && table.schema === schema,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const result = await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(
      db,
    );
    counts[name] = Number(result.rows[0]?.n);
  }
  return counts;
}

/**
 * Asserts the copy is one moment of the source: every customer's facts add up to the
 * orders the copy holds, and those orders are the source's own. Returns how many it holds.
 */
async function expectConsistent(copy: Kysely<CoreTables>, source: Kysely<CoreTables>) {
  const orders = await copy.selectFrom('orders').selectAll().orderBy('id').execute();
  const facts = await copy.selectFrom('customer_facts').selectAll().execute();
  for (const fact of facts) {
    const theirs = orders.filter((o) => o.customer_id === fact.customer_id);
    expect(fact.order_count, `customer ${fact.customer_id}`).toBe(theirs.length);
    expect(fact.revenue).toBe(theirs.reduce((sum, o) => sum + o.amount, 0));
  }
  const originals = await source
    .selectFrom('orders')
    .selectAll()
    .where(
      'id',
      'in',
      orders.map((o) => o.id),
    )
    .orderBy('id')
    .execute();
  expect(orders).toEqual(originals);
  return orders.length;
}

describe('SQLite online backup with better-sqlite3', () => {
  let dir: string;
  const opened: Database[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'guanxi-backup-'));
  });
  afterEach(async () => {
    for (const database of opened.splice(0)) await database.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = (url: string) => {
    const database = openDatabase({ url });
    opened.push(database);
    return database;
  };

  test('a backup taken while writes go on is one consistent moment; a quiet one is the same data', async () => {
    const file = join(dir, 'guanxi.db');
    const core = await createCore({ database: open(file) });
    const { teamId, customers } = await seed(core);
    const orders = writer(core, teamId, customers);
    await orders.wait(30);

    // The operator's own connection, as a backup script has; the server keeps writing.
    const connection = new BetterSqlite3(file, { readonly: true });
    const copyFile = join(dir, 'live-copy.db');
    const before = orders.state.written;
    // All pages in one step: one read transaction, never restarted by the server's writes.
    await connection.backup(copyFile, { progress: ({ totalPages }) => totalPages });
    await orders.wait(30);
    await orders.stop();

    const copy = open(copyFile);
    const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(
      copy.db,
    );
    expect(integrity.rows).toEqual([{ integrity_check: 'ok' }]);
    const held = await expectConsistent(copy.db, core.db);
    expect(held).toBeGreaterThanOrEqual(before);
    expect(held).toBeLessThan(orders.state.written);

    const quietFile = join(dir, 'quiet-copy.db');
    await connection.backup(quietFile);
    connection.close();
    const quiet = open(quietFile);
    expect(await rowCounts(quiet.db)).toEqual(await rowCounts(core.db));
    const restored = await createCore({ database: quiet });
    expect((await restored.migrate()).flatMap((report) => report.applied)).toEqual([]);
    expect(await restored.facts.many(teamId, customers)).toEqual(
      await core.facts.many(teamId, customers),
    );
    await restored.orders.record(teamId, [
      { customerId: customers[0] as number, amount: 1, placedAt: '2024-04-01' },
    ]);
  }, 60_000);
});

/** A PostgreSQL client program from PATH or the usual Debian place, newest first. */
function pgProgram(name: string): string | undefined {
  const onPath = (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, name));
  const versions = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql')
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => join('/usr/lib/postgresql', version, 'bin', name))
    : [];
  return [...versions, ...onPath].find((path) => existsSync(path));
}

const pgDump = pgProgram('pg_dump');
const pgRestore = pgProgram('pg_restore');
const postgres = testDialects().includes('postgres');

describe.skipIf(!postgres || pgDump === undefined || pgRestore === undefined)(
  'PostgreSQL backup with pg_dump and pg_restore',
  () => {
    let t: TestCore;
    let dir: string;
    let admin: Database;
    const databases: string[] = [];

    beforeEach(async () => {
      t = await createTestCore({ dialect: 'postgres' });
      dir = mkdtempSync(join(tmpdir(), 'guanxi-pgdump-'));
      admin = openDatabase({ url: process.env[TEST_DATABASE_URL] as string, poolSize: 1 });
    });
    afterEach(async () => {
      for (const name of databases.splice(0)) {
        await sql`drop database if exists ${sql.id(name)}`.execute(admin.db);
      }
      await admin.destroy();
      await t.destroy();
      rmSync(dir, { recursive: true, force: true });
    });

    const schemaOf = async (db: Kysely<CoreTables>) =>
      (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]
        ?.schema as string;

    /** Dumps the test schema, restores it into a new database, and opens it there. */
    async function dumpAndRestore(name: string): Promise<Database> {
      const url = process.env[TEST_DATABASE_URL] as string;
      const schema = await schemaOf(t.core.db);
      const file = join(dir, `${name}.dump`);
      await run(pgDump as string, [
        '--format=custom',
        `--schema=${schema}`,
        '--no-owner',
        `--file=${file}`,
        url,
      ]);
      const database = `${schema}_${name}`;
      await sql`create database ${sql.id(database)}`.execute(admin.db);
      databases.push(database);
      const target = new URL(url);
      target.pathname = `/${database}`;
      // A dump of one schema leaves out the extensions, which live in `public`; a dump of
      // the whole database, as docs/operations.md has, carries pg_trgm itself.
      const fresh = openDatabase({ url: target.toString(), poolSize: 1 });
      await sql`create extension pg_trgm with schema public`.execute(fresh.db);
      await fresh.destroy();
      await run(pgRestore as string, ['--no-owner', `--dbname=${target}`, file]);
      return openDatabase({ url: target.toString(), schema, poolSize: 2 });
    }

    test('a dump taken while writes go on restores to one moment; a quiet one to the same rows', async () => {
      const { teamId, customers } = await seed(t.core);
      const orders = writer(t.core, teamId, customers);
      await orders.wait(30);
      const before = orders.state.written;
      const live = await dumpAndRestore('live').finally(orders.stop);
      try {
        const held = await expectConsistent(live.db, t.core.db);
        expect(held).toBeGreaterThanOrEqual(before);
        expect(held).toBeLessThanOrEqual(orders.state.written);
      } finally {
        await live.destroy();
      }

      const quiet = await dumpAndRestore('quiet');
      expect(await rowCounts(quiet.db)).toEqual(await rowCounts(t.core.db));
      const restored = await createCore({ database: quiet });
      try {
        expect((await restored.migrate()).flatMap((report) => report.applied)).toEqual([]);
        const { recorded } = await restored.orders.record(teamId, [
          { customerId: customers[0] as number, amount: 1, placedAt: '2024-04-01' },
        ]);
        const highest = await t.core.db
          .selectFrom('orders')
          .select((eb) => eb.fn.max('id').as('id'))
          .executeTakeFirstOrThrow();
        expect(recorded[0]?.id).toBeGreaterThan(Number(highest.id));
      } finally {
        await restored.close();
      }
    }, 120_000);
  },
);
