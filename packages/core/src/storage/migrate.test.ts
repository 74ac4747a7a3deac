import { type Kysely, sql } from 'kysely';
import { afterEach, describe, expect, test } from 'vitest';
import { createTestCore, type TestCore, testDialects } from '../testing';
import { dialectOf } from './columns';
import { coreMigrations, migrationTableName } from './migrate';
import * as teamTimeZone from './migrations/0004-team-time-zone';
import * as standardWebhooks from './migrations/0005-standard-webhooks';
import * as consoleSessions from './migrations/0006-console-sessions';
import * as importRuns from './migrations/0007-import-runs';
import * as customerListIndexes from './migrations/0008-customer-list-indexes';

// biome-ignore lint/suspicious/noExplicitAny: the test winds the schema back to an older one
type AnyDb = Kysely<any>;

const HISTORY = migrationTableName('core');
/** The core's migrations by the names they have now, in order. */
const NOW = Object.keys(coreMigrations).sort();
const CONSOLE = ['0006-console-sessions', '0007-import-runs', '0008-customer-list-indexes'];

const history = async (db: AnyDb) =>
  (await db.selectFrom(HISTORY).select('name').orderBy('name').execute()).map((r) => r.name);

/** Whether this database's (on PostgreSQL, this schema's) table has the column. */
const hasColumn = async (db: AnyDb, table: string, column: string) => {
  const schema =
    dialectOf(db) === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]
          ?.schema
      : undefined;
  return (await db.introspection.getTables()).some(
    (t) => t.name === table && t.schema === schema && t.columns.some((c) => c.name === column),
  );
};

const forget = (db: AnyDb, names: readonly string[]) =>
  db.deleteFrom(HISTORY).where('name', 'in', names).execute();

/** Gives the console's migrations in the history the names they had on another branch. */
const nameConsoleAs = async (db: AnyDb, former: readonly string[]) => {
  for (const [i, from] of former.entries()) {
    await db
      .updateTable(HISTORY)
      .set({ name: from })
      .where('name', '=', CONSOLE[i] ?? '')
      .execute();
  }
};

describe.each(testDialects())('core migrations across branches on %s', (dialect) => {
  let t: TestCore;
  afterEach(() => t.destroy());

  test('a database migrated before the console upgrades with its sessions, imports and indexes', async () => {
    t = await createTestCore({ dialect });
    const db = t.core.db as AnyDb;
    await customerListIndexes.down(db);
    await importRuns.down(db);
    await consoleSessions.down(db);
    await forget(db, CONSOLE);

    const reopened = await t.reopen();
    expect(await reopened.migrate()).toEqual([{ owner: 'core', applied: [] }]);
    expect(await history(db)).toEqual(NOW);
    await sql`select count(*) from sessions`.execute(db);
    await sql`select count(*) from import_runs`.execute(db);
  });

  test('a database migrated with the console numbered 0005-0007 and the reports 0008 gets Standard Webhooks and the names now', async () => {
    t = await createTestCore({ dialect });
    const db = t.core.db as AnyDb;
    await standardWebhooks.down(db);
    await forget(db, ['0005-standard-webhooks']);
    await nameConsoleAs(db, [
      '0005-console-sessions',
      '0006-import-runs',
      '0007-customer-list-indexes',
    ]);
    await db
      .updateTable(HISTORY)
      .set({ name: '0008-report-indexes' })
      .where('name', '=', '0009-report-indexes')
      .execute();
    expect(await hasColumn(db, 'outbox', 'message_id')).toBe(false);

    await t.reopen();
    expect(await history(db)).toEqual(NOW);
    expect(await hasColumn(db, 'outbox', 'message_id')).toBe(true);
    expect(await hasColumn(db, 'webhooks', 'disabled_reason')).toBe(true);
  });

  test('a database migrated with the console numbered 0004-0006 gets the time zone, Standard Webhooks and the names now', async () => {
    t = await createTestCore({ dialect });
    const db = t.core.db as AnyDb;
    await standardWebhooks.down(db);
    await teamTimeZone.down(db);
    await forget(db, ['0004-team-time-zone', '0005-standard-webhooks']);
    await nameConsoleAs(db, [
      '0004-console-sessions',
      '0005-import-runs',
      '0006-customer-list-indexes',
    ]);
    expect(await hasColumn(db, 'teams', 'time_zone')).toBe(false);

    await t.reopen();
    expect(await history(db)).toEqual(NOW);
    expect(await hasColumn(db, 'teams', 'time_zone')).toBe(true);
    expect(await hasColumn(db, 'outbox', 'message_id')).toBe(true);
    const team = await t.core.teams.create({ name: 'A', slug: 'a', locale: 'zh-CN' });
    expect(team.timeZone).toBe('Asia/Shanghai');
  });

  test('a database that ran deferred work as 0009 keeps its queue and gets the name now', async () => {
    t = await createTestCore({ dialect });
    const db = t.core.db as AnyDb;
    const team = await t.core.teams.create({ name: 'A', slug: 'a' });
    const customer = await t.core.customers.create(team.id, { kind: 'person', name: 'Ada' });
    await db
      .insertInto('deferred_work')
      .values({
        team_id: team.id,
        plugin_id: 'scoring',
        customer_id: customer.id,
        queued_at: '2026-12-01T00:00:00.000Z',
        run_after: '2026-12-01T00:00:00.000Z',
      })
      .execute();
    await db
      .updateTable(HISTORY)
      .set({ name: '0009-deferred-work' })
      .where('name', '=', '0010-deferred-work')
      .execute();

    const reopened = await t.reopen();
    expect(await reopened.migrate()).toEqual([{ owner: 'core', applied: [] }]);
    expect(await history(db)).toEqual(NOW);
    expect(
      await db.selectFrom('deferred_work').select(['plugin_id', 'customer_id']).execute(),
    ).toEqual([{ plugin_id: 'scoring', customer_id: customer.id }]);
  });
});

describe.runIf(testDialects().includes('postgres'))('migrations beside other schemas', () => {
  test('a schema whose tables come and go meanwhile does not fail the migration', async () => {
    const churn = await createTestCore({ dialect: 'postgres' });
    const db = churn.core.db as AnyDb;
    // A burst of another schema's DDL, as its migration would run, overlapping ours.
    const churner = (async () => {
      for (let i = 0; i < 30; i++) {
        await sql`create table ${sql.id(`churn_${i}`)} (a int, b int)`.execute(db);
        await sql`alter table ${sql.id(`churn_${i}`)} drop column b`.execute(db);
        await sql`drop table ${sql.id(`churn_${i}`)}`.execute(db);
      }
    })();
    try {
      for (let i = 0; i < 3; i++) {
        const migrated = await createTestCore({ dialect: 'postgres' });
        expect(await history(migrated.core.db as AnyDb)).toEqual(NOW);
        await migrated.destroy();
      }
    } finally {
      await churner;
      await churn.destroy();
    }
  });
});
