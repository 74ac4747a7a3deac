import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { PreparedQuery } from '../prepared-query';
import { CachedSqliteDialect } from './cached-sqlite-dialect';

type NotesTables = { notes: { body: string } };
type Notes = Kysely<NotesTables>;

/**
 * Two connections on one file stand for two server processes: `other` holds SQLite's write
 * lock as another process's transaction would.
 */
describe('a write that finds another connection writing', () => {
  let dir: string;
  let other: BetterSqlite3.Database;
  let db: Notes;

  const open = (busyTimeoutMs: number) => {
    const sqlite = new BetterSqlite3(join(dir, 'crm.db'));
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`);
    return new Kysely<{ notes: { body: string } }>({
      dialect: new CachedSqliteDialect({ database: sqlite }),
    });
  };
  const bodies = async () =>
    (await db.selectFrom('notes').select('body').execute()).map((n) => n.body);
  const busyTimeout = async () =>
    (await sql<{ timeout: number }>`pragma busy_timeout`.execute(db)).rows[0]?.timeout;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'guanxi-driver-'));
    other = new BetterSqlite3(join(dir, 'crm.db'));
    other.pragma('journal_mode = WAL');
    other.exec("create table notes (body text); insert into notes values ('first')");
  });
  afterEach(async () => {
    await db.destroy();
    other.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test.each([
    [
      'a transaction',
      (notes: Notes) =>
        notes
          .transaction()
          .execute((trx) => trx.insertInto('notes').values({ body: 'second' }).execute()),
    ],
    [
      'a write of its own',
      (notes: Notes) => notes.insertInto('notes').values({ body: 'second' }).execute(),
    ],
  ])('%s waits on the event loop, lends the connection to reads, then writes', async (_, write) => {
    db = open(5_000);
    other.exec('begin immediate');
    const writing = write(db);
    let settled = false;
    void writing.finally(() => {
      settled = true;
    });
    // While the write waits for the lock, a read on the same connection is answered.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await bodies()).toEqual(['first']);
    expect(settled).toBe(false);
    other.exec('commit');
    await writing;
    expect(await bodies()).toEqual(['first', 'second']);
    expect(await busyTimeout()).toBe(5_000);
  });

  test('fails with SQLite’s busy error once the busy timeout has passed', async () => {
    db = open(50);
    other.exec('begin immediate');
    const started = performance.now();
    await expect(
      db.transaction().execute((trx) => trx.insertInto('notes').values({ body: 'late' }).execute()),
    ).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(50);
    other.exec('rollback');
    expect(await bodies()).toEqual(['first']);
    expect(await busyTimeout()).toBe(50);
  });
});

describe('a prepared read on a SQLite handle', () => {
  const bodies = new PreparedQuery<Record<string, never>, { body: string }, NotesTables>((db) =>
    db.selectFrom('notes').select('body'),
  );
  let db: Notes;

  beforeEach(async () => {
    db = new Kysely<NotesTables>({
      dialect: new CachedSqliteDialect({ database: new BetterSqlite3(':memory:') }),
    });
    await sql`create table notes (body text)`.execute(db);
    await db.insertInto('notes').values({ body: 'first' }).execute();
  });
  afterEach(async () => {
    await db.destroy();
  });

  test('runs at once, not through Kysely’s executor, while the connection is free', async () => {
    const viaKysely = vi.spyOn(db, 'executeQuery');
    expect(await bodies.execute(db, {})).toEqual([{ body: 'first' }]);
    expect(viaKysely).not.toHaveBeenCalled();
  });

  test('waits for a transaction holding the connection, and sees only what it committed', async () => {
    let inserted!: () => void;
    const insertedYet = new Promise<void>((resolve) => {
      inserted = resolve;
    });
    let commit!: () => void;
    const committing = new Promise<void>((resolve) => {
      commit = resolve;
    });
    const writing = db.transaction().execute(async (trx) => {
      await trx.insertInto('notes').values({ body: 'second' }).execute();
      inserted();
      await committing;
    });
    await insertedYet;
    const viaKysely = vi.spyOn(db, 'executeQuery');
    const reading = bodies.execute(db, {});
    let settled = false;
    void reading.finally(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    commit();
    await writing;
    expect(await reading).toEqual([{ body: 'first' }, { body: 'second' }]);
    expect(viaKysely).toHaveBeenCalledOnce();
  });
});
