import { testDialects } from '@guanxi/testing';
import { afterEach, describe, expect, test } from 'vitest';
import {
  countTiers,
  customersWithRevenue,
  fixtureValues,
  heard,
  recompute,
  recordAndPlace,
  type Setup,
  setUp,
  tieringTables,
  tiersOf,
} from './tiering.test-support';

async function valuesOf(s: Setup) {
  const rows = await tieringTables(s.core)
    .selectFrom('tiering_values')
    .select(['customer_id', 'value', 'order_count'])
    .where('team_id', '=', s.teamId)
    .execute();
  return new Map(rows.map((r) => [r.customer_id, r]));
}

describe.each(testDialects())('measures and the refresh on %s', (dialect) => {
  let s: Setup;
  afterEach(() => s.t.destroy());

  test("a company's own scorer ranks the team through the refresh", async () => {
    s = await setUp(dialect);
    await s.core.plugins.configure(
      s.teamId,
      'tiering',
      { measure: 'scorer:fixture/value' },
      'admin',
    );
    const ids = await customersWithRevenue(s.core, s.teamId, Array(10).fill(100));
    ids.forEach((id, i) => {
      if (i > 0) fixtureValues.set(id, i * 1.5);
    });
    const result = await recompute(s.core, s.teamId, { refresh: 'true' });
    expect(result).toMatchObject({ customers: 10, refreshed: 10, thresholds: { normal: 7.5 } });
    const values = await valuesOf(s);
    expect(ids.map((id) => values.get(id)?.value)).toEqual(ids.map((_, i) => i * 1.5));
    const tiers = await tiersOf(s.core, s.teamId);
    // 10 customers: boundaries at ranks 0, 2 and 5 (round(0.1) = 0, round(2), round(5)).
    expect(ids.map((id) => tiers.get(id))).toEqual([
      ...Array(5).fill('small'),
      ...Array(3).fill('normal'),
      'secondary',
      'secondary',
    ]);
  });

  test('a scorer measure no enabled plugin provides is refused, naming the field', async () => {
    s = await setUp(dialect);
    await s.core.plugins.configure(
      s.teamId,
      'tiering',
      { measure: 'scorer:fixture/value' },
      'admin',
    );
    await s.core.plugins.disable(s.teamId, 'fixture', 'admin');
    await expect(recompute(s.core, s.teamId, { refresh: 'true' })).rejects.toMatchObject({
      code: 'GX_ERR_VALIDATION',
      issues: [{ path: 'config.measure', message: 'no enabled plugin provides fixture/value' }],
    });
  });

  test('enabled after the data exists, the refresh loads every customer', async () => {
    s = await setUp(dialect);
    await s.core.plugins.disable(s.teamId, 'tiering', 'admin');
    const ids = await customersWithRevenue(s.core, s.teamId, [300, 100, 200, 0]);
    await s.core.plugins.enable(s.teamId, 'tiering', 'admin');
    expect((await valuesOf(s)).size).toBe(0);
    expect(await recompute(s.core, s.teamId, { refresh: 'true' })).toMatchObject({
      customers: 4,
      refreshed: 4,
    });
    const values = await valuesOf(s);
    expect(ids.map((id) => [values.get(id)?.value, values.get(id)?.order_count])).toEqual([
      [300, 1],
      [100, 1],
      [200, 1],
      [0, 0],
    ]);
  });

  test('a new measure ranks afresh, without hysteresis from the old one', async () => {
    s = await setUp(dialect);
    const ids = await customersWithRevenue(s.core, s.teamId, [1_000, 900, 800, 700, 600]);
    await recompute(s.core, s.teamId);
    await recordAndPlace(
      s.core,
      s.teamId,
      ids.map((customerId, i) => ({
        customerId,
        amount: 100,
        cost: 100 + i * 300,
        placedAt: '2024-12-01',
      })),
    );
    await s.core.plugins.configure(s.teamId, 'tiering', { measure: 'margin' }, 'admin');
    const result = await recompute(s.core, s.teamId, { refresh: 'true' });
    expect(result).toMatchObject({ hysteresis: false });
    const values = await valuesOf(s);
    expect(ids.map((id) => values.get(id)?.value)).toEqual([0, -300, -600, -900, -1_200]);
    const tiers = await tiersOf(s.core, s.teamId);
    expect(tiers.get(ids[0] as number)).toBe('secondary');
    expect(tiers.get(ids[4] as number)).toBe('small');
  });

  test('scores the scoring job reports move customers against the thresholds', async () => {
    s = await setUp(dialect);
    await s.core.plugins.enable(s.teamId, 'scoring', 'admin');
    await s.core.plugins.configure(
      s.teamId,
      'tiering',
      { measure: 'scorer:fixture/value' },
      'admin',
    );
    const ids = await customersWithRevenue(s.core, s.teamId, Array(20).fill(100));
    ids.forEach((id, i) => {
      fixtureValues.set(id, i);
    });
    await recompute(s.core, s.teamId, { refresh: 'true' });
    expect(countTiers(await tiersOf(s.core, s.teamId))).toEqual({
      important: 0,
      secondary: 4,
      normal: 6,
      small: 10,
    });
    heard.length = 0;
    const climber = ids[0] as number;
    fixtureValues.set(climber, 100);
    await s.core.jobs.run('scoring:score', { teamId: s.teamId });
    expect((await valuesOf(s)).get(climber)?.value).toBe(100);
    expect((await tiersOf(s.core, s.teamId)).get(climber)).toBe('secondary');
    expect(heard).toMatchObject([
      { customerId: climber, from: 'small', to: 'secondary', cause: 'write' },
    ]);
  });
});
