import { testDialects } from '@guanxi/testing';
import { afterEach, describe, expect, test } from 'vitest';
import {
  customersWithRevenue,
  heard,
  newTeam,
  recompute,
  recordAndPlace,
  type Setup,
  setUp,
  tieringTables,
  tiersOf,
} from './tiering.test-support';

const order = (customerId: number, amount: number) => ({
  customerId,
  amount,
  placedAt: '2024-12-01',
});

/**
 * 100 customers by revenue, customer i worth 100 × (100 − i): boundaries at ranks 1, 20 and
 * 50 (values 10,000, 8,100 and 5,100), margins 0, 2 and 2 ranks.
 */
async function rankedTeam(dialect: Setup['t']['dialect']) {
  const s = await setUp(dialect);
  const ids = await customersWithRevenue(
    s.core,
    s.teamId,
    Array.from({ length: 100 }, (_, i) => 100 * (100 - i)),
  );
  await recompute(s.core, s.teamId);
  heard.length = 0;
  return { s, ids };
}

describe.each(testDialects())('placement on write on %s', (dialect) => {
  let s: Setup;
  afterEach(() => s.t.destroy());

  test('before any recompute everyone is small and writes move nobody', async () => {
    s = await setUp(dialect);
    const ids = await customersWithRevenue(s.core, s.teamId, [500, 0, 90_000]);
    await recordAndPlace(s.core, s.teamId, [order(ids[1] as number, 1_000_000)]);
    expect([...(await tiersOf(s.core, s.teamId)).values()]).toEqual(['small', 'small', 'small']);
    expect(heard).toEqual([]);
  });

  test('a new customer is placed at once, a buyer by the background pass after the order', async () => {
    const ranked = await rankedTeam(dialect);
    s = ranked.s;
    const [newcomer] = await customersWithRevenue(s.core, s.teamId, [0]);
    expect((await tiersOf(s.core, s.teamId)).get(newcomer as number)).toBe('small');
    await recordAndPlace(s.core, s.teamId, [order(newcomer as number, 20_000)]);
    expect((await tiersOf(s.core, s.teamId)).get(newcomer as number)).toBe('important');
    expect(heard).toEqual([
      {
        customerId: newcomer,
        from: 'small',
        to: 'important',
        value: 20_000,
        rank: null,
        of: 100,
        threshold: 10_000,
        measure: 'revenue',
        cause: 'write',
        changedAt: '2025-01-01T00:00:00.000Z',
      },
    ]);
    const logged = await tieringTables(s.core)
      .selectFrom('tiering_changes')
      .selectAll()
      .where('run_id', 'is', null)
      .execute();
    expect(logged).toMatchObject([
      { customer_id: newcomer, from_tier: 'small', to_tier: 'important', threshold: 10_000 },
    ]);
  });

  test('other plugins read tiers through the tiers service, of their own team only', async () => {
    const ranked = await rankedTeam(dialect);
    s = ranked.s;
    const south = await newTeam(s.core, 'south');
    const [elsewhere] = await customersWithRevenue(s.core, south, [500]);
    const picked = [0, 10, 30, 99].map((i) => ranked.ids[i] as number);
    const read = () =>
      s.core.jobs.run('listener:tiers', {
        teamId: s.teamId,
        args: { ids: [...picked, elsewhere].join(',') },
      });
    expect(await read()).toEqual({
      tiers: {
        [picked[0] as number]: 'important',
        [picked[1] as number]: 'secondary',
        [picked[2] as number]: 'normal',
        [picked[3] as number]: 'small',
      },
    });
    await s.core.plugins.disable(s.teamId, 'tiering', 'admin');
    expect(await read()).toEqual({ tiers: null });
  });

  test('a buyer near a boundary keeps its tier until it passes the margin', async () => {
    const ranked = await rankedTeam(dialect);
    s = ranked.s;
    const climber = ranked.ids[20] as number; // rank 21, normal, worth 8,000
    await recordAndPlace(s.core, s.teamId, [order(climber, 150)]); // 8,150: above rank 20
    expect((await tiersOf(s.core, s.teamId)).get(climber)).toBe('normal');
    await recordAndPlace(s.core, s.teamId, [order(climber, 200)]); // 8,350: above rank 18
    expect((await tiersOf(s.core, s.teamId)).get(climber)).toBe('secondary');
    expect(heard).toMatchObject([
      { customerId: climber, from: 'normal', to: 'secondary', threshold: 8_100 },
    ]);
  });

  test('without hysteresis a buyer moves as soon as it passes the boundary', async () => {
    const ranked = await rankedTeam(dialect);
    s = ranked.s;
    await s.core.plugins.configure(s.teamId, 'tiering', { hysteresis: 0 }, 'admin');
    const climber = ranked.ids[20] as number;
    await recordAndPlace(s.core, s.teamId, [order(climber, 150)]);
    expect((await tiersOf(s.core, s.teamId)).get(climber)).toBe('secondary');
  });

  test('a team with the plugin off is left alone, others are served', async () => {
    s = await setUp(dialect);
    await s.core.plugins.disable(s.teamId, 'tiering', 'admin');
    const other = await newTeam(s.core, 'south');
    await customersWithRevenue(s.core, s.teamId, [100, 200]);
    const served = await customersWithRevenue(s.core, other, [300]);
    expect((await tiersOf(s.core, s.teamId)).size).toBe(0);
    expect([...(await tiersOf(s.core, other)).keys()]).toEqual(served);
    await expect(recompute(s.core, s.teamId)).rejects.toMatchObject({
      code: 'GX_ERR_PLUGIN_DISABLED',
    });
  });
});
