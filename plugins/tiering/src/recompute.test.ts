import { isGuanxiError } from '@guanxi/core';
import { defined, testDialects } from '@guanxi/testing';
import { afterEach, describe, expect, test } from 'vitest';
import {
  countTiers,
  customersWithRevenue,
  heard,
  recompute,
  type Setup,
  setUp,
  shuffled,
  tieringTables,
  tiersOf,
} from './tiering.test-support';

describe.each(testDialects())('the pyramid recompute on %s', (dialect) => {
  let s: Setup;
  afterEach(() => s.t.destroy());

  test('10,000 customers with distinct values land exactly 100/1,900/3,000/5,000', async () => {
    s = await setUp(dialect);
    const amounts = shuffled(Array.from({ length: 10_000 }, (_, i) => 1_000 + i * 7));
    const ids = await customersWithRevenue(s.core, s.teamId, amounts);
    const result = await recompute(s.core, s.teamId);
    const tiers = await tiersOf(s.core, s.teamId);
    expect(countTiers(tiers)).toEqual({
      important: 100,
      secondary: 1_900,
      normal: 3_000,
      small: 5_000,
    });
    const byValue = ids
      .map((id, i) => ({ id, amount: amounts[i] as number }))
      .sort((a, b) => b.amount - a.amount);
    const expected = (rank: number) =>
      rank <= 100 ? 'important' : rank <= 2_000 ? 'secondary' : rank <= 5_000 ? 'normal' : 'small';
    byValue.forEach(({ id }, i) => {
      expect(tiers.get(id)).toBe(expected(i + 1));
    });
    expect(result).toMatchObject({
      customers: 10_000,
      changed: 5_000,
      hysteresis: false,
      thresholds: {
        important: byValue[99]?.amount,
        secondary: byValue[1_999]?.amount,
        normal: byValue[4_999]?.amount,
      },
    });
    expect(heard).toHaveLength(5_000);
    expect(await recompute(s.core, s.teamId)).toMatchObject({ changed: 0, hysteresis: true });
  });

  test('equal values rank the older customer first', async () => {
    s = await setUp(dialect);
    // 100 customers: boundaries at ranks 1, 20 and 50. Ranks 18–23 share one value.
    const amounts = Array.from({ length: 100 }, (_, i) =>
      i >= 17 && i <= 22 ? 9_980 : 10_000 - i,
    );
    const ids = await customersWithRevenue(s.core, s.teamId, shuffled(amounts, 7));
    await recompute(s.core, s.teamId);
    const tiers = await tiersOf(s.core, s.teamId);
    const shuffledAmounts = shuffled(amounts, 7);
    const tied = ids.filter((_, i) => shuffledAmounts[i] === 9_980).sort((a, b) => a - b);
    expect(tied.map((id) => tiers.get(id))).toEqual([
      'secondary',
      'secondary',
      'secondary',
      'normal',
      'normal',
      'normal',
    ]);
    expect(countTiers(tiers)).toEqual({ important: 1, secondary: 19, normal: 30, small: 50 });
  });

  test('custom shares split the ranking as configured', async () => {
    s = await setUp(dialect);
    await s.core.plugins.configure(
      s.teamId,
      'tiering',
      { shares: { important: 0.1, secondary: 0.2, normal: 0.3, small: 0.4 } },
      'admin',
    );
    await customersWithRevenue(
      s.core,
      s.teamId,
      shuffled(Array.from({ length: 1_000 }, (_, i) => i + 1)),
    );
    await recompute(s.core, s.teamId);
    expect(countTiers(await tiersOf(s.core, s.teamId))).toEqual({
      important: 100,
      secondary: 200,
      normal: 300,
      small: 400,
    });
  });

  test('bad config is refused, naming the field', async () => {
    s = await setUp(dialect);
    const issuesOf = async (config: unknown) => {
      try {
        await s.core.plugins.configure(s.teamId, 'tiering', config, 'admin');
      } catch (error) {
        if (isGuanxiError(error, 'GX_ERR_VALIDATION')) return error.issues;
        throw error;
      }
      throw new Error('config accepted');
    };
    expect(await issuesOf({ shares: { important: 0.5 } })).toEqual([
      { path: 'config.shares', message: expect.stringContaining('sum to 1') },
    ]);
    expect(await issuesOf({ shares: { small: -0.1, normal: 0.9 } })).toMatchObject([
      { path: 'config.shares.small' },
    ]);
    expect(await issuesOf({ shares: { tiny: 0 } })).toEqual([
      { path: 'config.shares.tiny', message: 'unknown field' },
    ]);
    expect(await issuesOf({ measure: 'profit' })).toMatchObject([{ path: 'config.measure' }]);
    expect(await issuesOf({ hysteresis: 2 })).toMatchObject([{ path: 'config.hysteresis' }]);
    expect(await issuesOf({ ladder: { oldDays: 30 } })).toMatchObject([
      { path: 'config.ladder.oldDays', message: 'must be at least newDays' },
    ]);
  });

  test('bad job arguments are refused, naming the argument', async () => {
    s = await setUp(dialect);
    await expect(recompute(s.core, s.teamId, { refresh: 'yes' })).rejects.toMatchObject({
      code: 'GX_ERR_VALIDATION',
      issues: [{ path: 'args.refresh' }],
    });
  });

  test('changes are recorded with their run, rank and threshold', async () => {
    s = await setUp(dialect);
    const ids = await customersWithRevenue(s.core, s.teamId, [300, 200, 100, 50]);
    await recompute(s.core, s.teamId);
    const rows = await tieringTables(s.core)
      .selectFrom('tiering_changes')
      .selectAll()
      .where('team_id', '=', s.teamId)
      .orderBy('rank')
      .execute();
    // 4 customers: 0 important, 1 secondary (round(0.8)), 1 normal (round(2) − 1), 2 small;
    // a rise is explained by the bottom edge of the new tier.
    expect(rows).toMatchObject([
      {
        customer_id: ids[0],
        from_tier: 'small',
        to_tier: 'secondary',
        value: 300,
        rank: 1,
        threshold: 300,
      },
      {
        customer_id: ids[1],
        from_tier: 'small',
        to_tier: 'normal',
        value: 200,
        rank: 2,
        threshold: 200,
      },
    ]);
    const run = defined(
      await tieringTables(s.core).selectFrom('tiering_runs').selectAll().executeTakeFirst(),
    );
    expect(run).toMatchObject({ customers: 4, changed: 2, measure: 'revenue', hysteresis: 0 });
    expect(rows.every((r) => r.run_id === run.id)).toBe(true);
  });

  test('with nobody taking tier:changed, changes are still recorded but not announced', async () => {
    s = await setUp(dialect);
    await s.core.plugins.disable(s.teamId, 'listener', 'test');
    await customersWithRevenue(s.core, s.teamId, [300, 200, 100, 50]);
    expect(await recompute(s.core, s.teamId)).toMatchObject({ changed: 2 });
    const recorded = await tieringTables(s.core)
      .selectFrom('tiering_changes')
      .select('to_tier')
      .where('team_id', '=', s.teamId)
      .orderBy('rank')
      .execute();
    expect(recorded.map((r) => r.to_tier)).toEqual(['secondary', 'normal']);
    expect(heard).toEqual([]);
  });
});
