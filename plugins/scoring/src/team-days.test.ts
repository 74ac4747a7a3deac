import { createTestCore, type TestCore, testDialects } from '@guanxi/testing';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import scoring from './index';
import type { ScoringDb } from './store';

/** Each customer's orders, by when they were placed (UTC). */
const HISTORY: Record<string, readonly string[]> = {
  // 23:30 on 1 May in Shanghai: 1 May there and in UTC.
  Ann: ['2024-04-01T02:00:00Z', '2024-04-20T03:00:00Z', '2024-05-01T15:30:00Z'],
  // 00:30 on 2 May in Shanghai, still 1 May in UTC.
  Bo: ['2024-04-10T03:00:00Z', '2024-05-01T16:30:00Z'],
  Cy: ['2024-05-01T16:30:00Z'],
  Di: ['2024-03-05T05:00:00Z', '2024-03-20T05:00:00Z', '2024-04-15T05:00:00Z'],
  Ed: ['2024-02-01T08:00:00Z'],
};

describe.each(testDialects())('scoring reads the team’s days on %s', (dialect) => {
  let t: TestCore;
  let teamId: number;

  beforeEach(async () => {
    t = await createTestCore({ dialect, plugins: [scoring], now: '2024-05-01T16:30:00Z' });
    teamId = (await t.core.teams.create({ name: 'Shanghai', slug: 'sh' })).id;
    await t.core.plugins.enable(teamId, 'scoring', 'test');
    for (const [name, times] of Object.entries(HISTORY)) {
      const { id } = await t.core.customers.create(teamId, { kind: 'person', name });
      await t.core.orders.record(
        teamId,
        times.map((placedAt) => ({ customerId: id, amount: 1_000, placedAt })),
      );
    }
  });
  afterEach(() => t.destroy());

  const purchaseDays = async () =>
    (
      await (t.core.db as unknown as ScoringDb)
        .selectFrom('scoring_purchase_days')
        .select('day')
        .where('team_id', '=', teamId)
        .orderBy('day')
        .execute()
    ).map((row) => row.day);
  const fitUntil = (until: string) =>
    t.core.jobs.run('scoring:fit', { teamId, args: { until, unit: 'day' } });
  const backtest = (until: string) =>
    t.core.jobs.run('scoring:backtest', { teamId, args: { until } }).catch((e: unknown) => e);

  test('purchase days, --until and today are Shanghai’s; days are rebuilt for a new zone', async () => {
    expect((await purchaseDays()).slice(-3)).toEqual(['2024-05-01', '2024-05-02', '2024-05-02']);
    // Up to 1 May in Shanghai: Bo's and Cy's orders after midnight are left out.
    expect(await fitUntil('2024-05-01')).toMatchObject({ customers: 4, repeatBuyers: 2 });
    // The last order is on 2 May in Shanghai, so a backtest must end its calibration before it.
    expect(await backtest('2024-05-02')).toMatchObject({
      code: 'GX_ERR_VALIDATION',
      issues: [{ path: 'args.until', message: 'must be a date before 2024-05-02, the last order' }],
    });
    expect(await backtest('2024-05-01')).toMatchObject({
      until: '2024-05-01',
      holdoutEnd: '2024-05-02',
    });

    await t.core.teams.update(teamId, { timeZone: 'UTC' }, 'test');
    expect(await t.core.jobs.run('scoring:days', { teamId })).toEqual({
      customers: 5,
      days: 10,
      timeZone: 'UTC',
    });
    expect((await purchaseDays()).slice(-3)).toEqual(['2024-05-01', '2024-05-01', '2024-05-01']);
    expect(await fitUntil('2024-05-01')).toMatchObject({ customers: 5, repeatBuyers: 3 });
    expect(await backtest('2024-05-01')).toMatchObject({
      issues: [{ path: 'args.until', message: 'must be a date before 2024-05-01, the last order' }],
    });
  });
});
