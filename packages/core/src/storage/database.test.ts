import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, test } from 'vitest';
import { createTestCore, type TestCore, testDialects } from '../testing';
import { type Database, isPostgresUrl, openDatabase } from './database';
import { packRows, unpackRows } from './packed-rows';
import { PreparedQuery } from './prepared-query';

describe('SQLite files', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  test('open in WAL mode with foreign keys on, creating the folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guanxi-db-'));
    dirs.push(dir);
    const database = openDatabase({ url: join(dir, 'nested', 'crm.db') });
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(database.db);
    const keys = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(database.db);
    expect(mode.rows[0]?.journal_mode).toBe('wal');
    expect(keys.rows[0]?.foreign_keys).toBe(1);
    expect(database.dialect).toBe('sqlite');
    await database.destroy();
  });

  test('with background checkpoints, a thread copies committed pages into the file; no commit does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guanxi-db-'));
    dirs.push(dir);
    const file = join(dir, 'crm.db');
    const fileSize = () => statSync(file).size;
    const fill = async (database: Database, table: string) => {
      await sql`create table ${sql.table(table)} (body text)`.execute(database.db);
      await database.db.transaction().execute(async (trx) => {
        for (let i = 0; i < 200; i++) {
          await sql`insert into ${sql.table(table)} values (${'x'.repeat(4000)})`.execute(trx);
        }
      });
    };
    // Without the thread, the commit leaves 200 pages of log short of its own checkpoint.
    const plain = openDatabase({ url: file });
    await sql`pragma wal_autocheckpoint = 10000`.execute(plain.db);
    await fill(plain, 'plain');
    const before = fileSize();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fileSize()).toBe(before);
    await plain.destroy();

    const errors: string[] = [];
    const background = openDatabase({
      url: file,
      backgroundCheckpoints: true,
      onCheckpointError: (message) => errors.push(message),
    });
    const limit = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(
      background.db,
    );
    expect(limit.rows[0]?.wal_autocheckpoint).toBe(10_000);
    const start = fileSize();
    await fill(background, 'background');
    await expect.poll(fileSize, { timeout: 5_000 }).toBeGreaterThan(start + 200 * 4000);
    await background.destroy();
    expect(errors).toEqual([]);
  });

  test('a postgres:// URL selects PostgreSQL', () => {
    expect(isPostgresUrl('postgres://u@h/db')).toBe(true);
    expect(isPostgresUrl('postgresql://u@h/db')).toBe(true);
    expect(isPostgresUrl('.data/guanxi.db')).toBe(false);
  });
});

describe.each(testDialects())('storage on %s', (dialect) => {
  let t: TestCore;
  afterEach(() => t.destroy());

  test('a prepared query runs with new parameters each time, in and out of transactions', async () => {
    t = await createTestCore({ dialect });
    const a = await t.core.teams.create({ name: 'A', slug: 'a' });
    const b = await t.core.teams.create({ name: 'B', slug: 'b' });
    const slugOf = new PreparedQuery<{ id: number }, { slug: string }>((db, param) =>
      db.selectFrom('teams').select('slug').where('id', '=', param('id')),
    );
    expect(await slugOf.first(t.core.db, { id: a.id })).toEqual({ slug: 'a' });
    expect(await slugOf.first(t.core.db, { id: b.id })).toEqual({ slug: 'b' });
    const inside = await t.core.db.transaction().execute(async (trx) => {
      await trx.updateTable('teams').set({ slug: 'b2' }).where('id', '=', b.id).execute();
      return slugOf.first(trx, { id: b.id });
    });
    expect(inside).toEqual({ slug: 'b2' });
    expect(await slugOf.first(t.core.db, { id: 999 })).toBeUndefined();
  });

  test('a packed read returns every row as its values in column order, and none as none', async () => {
    t = await createTestCore({ dialect });
    const names = ['Ann "the first"', '王小明, 北京', 'Zoë\\n'];
    for (const [i, name] of names.entries()) {
      await t.core.teams.create({ name, slug: `t${i}`, currency: i === 1 ? 'CNY' : 'EUR' });
    }
    const select = (slugs: string[]) =>
      t.core.db
        .selectFrom('teams')
        .select(['id', 'name', 'currency', sql<null>`null`.as('nothing')])
        .where('slug', 'in', slugs);
    const packed = await packRows(t.core.db, select(['t0', 't1', 't2']), [
      'name',
      'id',
      'nothing',
      'currency',
    ]).execute();
    const rows = unpackRows(packed)
      .map(([name, id, nothing, currency]) => ({ id: Number(id), name, currency, nothing }))
      .sort((a, b) => a.id - b.id);
    const plain = await select(['t0', 't1', 't2']).orderBy('id').execute();
    expect(rows).toEqual(plain.map((row) => ({ ...row, id: Number(row.id) })));
    expect(rows.map((row) => row.name)).toEqual(names);
    expect(unpackRows(await packRows(t.core.db, select(['none']), ['id']).execute())).toEqual([]);
  });

  test('foreign keys hold: an identity cannot point at a missing customer', async () => {
    t = await createTestCore({ dialect });
    const team = await t.core.teams.create({ name: 'A', slug: 'a' });
    const insert = t.core.db
      .insertInto('customer_identities')
      .values({
        team_id: team.id,
        customer_id: 12345,
        kind: 'email',
        value: 'x@y.com',
        email_domain: 'y.com',
        created_at: '2025-01-01T00:00:00.000Z',
      })
      .execute();
    await expect(insert).rejects.toThrow(/foreign key/i);
  });
});
