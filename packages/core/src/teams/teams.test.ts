import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { isGuanxiError } from '../errors';
import * as teamTimeZone from '../storage/migrations/0004-team-time-zone';
import { createTestCore, type TestCore, testDialects } from '../testing';

// biome-ignore lint/suspicious/noExplicitAny: the test writes the schema of an older version
type AnyDb = Kysely<any>;

describe.each(testDialects())('teams on %s', (dialect) => {
  let t: TestCore;

  beforeEach(async () => {
    t = await createTestCore({ dialect });
  });
  afterEach(() => t.destroy());

  test('a team’s time zone defaults to its locale’s and may be given', async () => {
    const beijing = await t.core.teams.create({ name: 'Beijing', slug: 'beijing' });
    const london = await t.core.teams.create({ name: 'London', slug: 'london', locale: 'en' });
    const york = await t.core.teams.create({
      name: 'New York',
      slug: 'new-york',
      locale: 'en',
      timeZone: 'america/new_york',
    });
    expect([beijing.timeZone, london.timeZone, york.timeZone]).toEqual([
      'Asia/Shanghai',
      'UTC',
      'America/New_York',
    ]);
    expect((await t.core.teams.get(york.id)).timeZone).toBe('America/New_York');
  });

  test('an unknown zone is refused naming timeZone, and nothing is stored', async () => {
    const refused = await t.core.teams
      .create({ name: 'Mars', slug: 'mars', timeZone: 'Mars/Olympus' })
      .catch((error: unknown) => error);
    expect(isGuanxiError(refused, 'GX_ERR_VALIDATION')).toBe(true);
    expect((refused as { issues: unknown }).issues).toEqual([
      { path: 'timeZone', message: 'must be an IANA time zone such as Asia/Shanghai' },
    ]);
    expect(await t.core.teams.list()).toEqual([]);

    const team = await t.core.teams.create({ name: 'North', slug: 'north' });
    const patch = await t.core.teams
      .update(team.id, { timeZone: 'Beijing' }, 'ada')
      .catch((error: unknown) => error);
    expect((patch as { issues: unknown }).issues).toEqual([
      { path: 'timeZone', message: 'must be an IANA time zone such as Asia/Shanghai' },
    ]);
    expect(await t.core.teams.get(team.id)).toEqual(team);
  });

  test('update changes name, language and zone, audited, and plugins see the new zone', async () => {
    const team = await t.core.teams.create({ name: 'North', slug: 'north' });
    const versionOf = async () =>
      (
        await t.core.db
          .selectFrom('teams')
          .select('settings_version')
          .where('id', '=', team.id)
          .executeTakeFirstOrThrow()
      ).settings_version;
    const before = await versionOf();
    const after = await t.core.teams.update(
      team.id,
      { name: 'North East', timeZone: 'America/New_York' },
      'ada',
    );
    expect(after).toEqual({ ...team, name: 'North East', timeZone: 'America/New_York' });
    expect(Number(await versionOf())).toBe(Number(before) + 1);
    const [entry] = await t.core.audit.list(team.id);
    expect(entry).toMatchObject({
      actor: 'ada',
      action: 'team.updated',
      entity: 'team',
      entityId: String(team.id),
      before: { timeZone: 'Asia/Shanghai' },
      after: { timeZone: 'America/New_York' },
    });
    expect(await t.core.teams.update(team.id, {}, 'ada')).toEqual(after);
    expect(Number(await versionOf())).toBe(Number(before) + 1);
  });

  test('the migration gives existing teams their locale’s zone', async () => {
    const db = t.core.db as AnyDb;
    await teamTimeZone.down(db);
    await db
      .insertInto('teams')
      .values([
        { name: 'Beijing', slug: 'beijing', currency: 'CNY', locale: 'zh-CN', created_at: 'x' },
        { name: 'London', slug: 'london', currency: 'GBP', locale: 'en', created_at: 'x' },
      ])
      .execute();
    await teamTimeZone.up(db);
    const rows = await db.selectFrom('teams').select(['slug', 'time_zone']).orderBy('id').execute();
    expect(rows).toEqual([
      { slug: 'beijing', time_zone: 'Asia/Shanghai' },
      { slug: 'london', time_zone: 'UTC' },
    ]);
  });
});
