import type { PageInput, StatsBlock } from '@guanxi/core';
import { defined, testDialects } from '@guanxi/testing';
import { afterEach, describe, expect, test } from 'vitest';
import {
  countTiers,
  customersWithRevenue,
  newTeam,
  recompute,
  recordAndPlace,
  type Setup,
  setUp,
  tiersOf,
} from './tiering.test-support';

const input: PageInput = {
  locale: 'en',
  viewer: { userId: 1, role: 'manager', actor: 'user:1' },
  query: {},
  purpose: 'page',
};

const disqualify = (s: Setup, customerId: number) =>
  s.core.lifecycle.transition(s.teamId, customerId, {
    to: 'non_customer',
    reason: 'fraud',
    actor: 'rep',
  });

/** 100 customers worth 10,000 down to 100, best first, ranked. */
async function rankedHundred(s: Setup): Promise<number[]> {
  const ids = await customersWithRevenue(
    s.core,
    s.teamId,
    Array.from({ length: 100 }, (_, i) => (100 - i) * 100),
  );
  await recompute(s.core, s.teamId);
  return ids;
}

describe.each(testDialects())('non-customers and the pyramid on %s', (dialect) => {
  let s: Setup;
  afterEach(() => s.t.destroy());

  test('a non-customer is not ranked: not on creation, not on an order, not by a recompute', async () => {
    s = await setUp(dialect);
    const ids = await customersWithRevenue(
      s.core,
      s.teamId,
      Array.from({ length: 100 }, (_, i) => (i + 1) * 100),
    );
    const [outsider] = await s.core.customers.createMany(s.teamId, [
      { kind: 'person', name: 'Outsider', stage: 'non_customer' },
    ]);
    const outsiderId = defined(outsider).id;
    await recordAndPlace(s.core, s.teamId, [
      { customerId: outsiderId, amount: 1_000_000, placedAt: '2024-06-01' },
    ]);
    await recompute(s.core, s.teamId);
    const tiers = await tiersOf(s.core, s.teamId);
    expect(tiers.has(outsiderId)).toBe(false);
    expect(countTiers(tiers)).toEqual({ important: 1, secondary: 19, normal: 30, small: 50 });
    expect(tiers.get(defined(ids.at(-1)))).toBe('important');
    const { blocks } = await s.core.console.render(s.teamId, 'tiering', 'pyramid', input);
    expect((blocks[1] as StatsBlock).items[0]).toEqual({ label: 'Customers ranked', value: 100 });
  });

  test('disqualifying a customer takes them out; requalifying puts them back in their place', async () => {
    s = await setUp(dialect);
    const ids = await rankedHundred(s);
    const top = defined(ids[0]);
    await disqualify(s, top);
    expect((await tiersOf(s.core, s.teamId)).has(top)).toBe(false);
    await recordAndPlace(s.core, s.teamId, [
      { customerId: top, amount: 500, placedAt: '2024-07-01' },
    ]);
    expect((await tiersOf(s.core, s.teamId)).has(top)).toBe(false);
    expect((await recompute(s.core, s.teamId)).customers).toBe(99);
    await s.core.lifecycle.transition(s.teamId, top, {
      to: 'active',
      reason: 'cleared',
      actor: 'rep',
    });
    expect((await tiersOf(s.core, s.teamId)).get(top)).toBe('important');
  });

  test('one disqualified while tiering was off leaves at the next recompute', async () => {
    s = await setUp(dialect);
    const ids = await customersWithRevenue(s.core, s.teamId, [100, 200, 300]);
    await recompute(s.core, s.teamId);
    await s.core.plugins.disable(s.teamId, 'tiering', 'admin');
    await disqualify(s, defined(ids[2]));
    await s.core.plugins.enable(s.teamId, 'tiering', 'admin');
    expect((await tiersOf(s.core, s.teamId)).size).toBe(3);
    expect((await recompute(s.core, s.teamId)).customers).toBe(2);
    expect([...(await tiersOf(s.core, s.teamId)).keys()].sort()).toEqual([ids[0], ids[1]]);
  });

  test('the tiers service gives a tier’s customers as a subquery, of the asking team only', async () => {
    s = await setUp(dialect);
    const ids = await rankedHundred(s);
    const south = await newTeam(s.core, 'south');
    await customersWithRevenue(s.core, south, [1_000_000]);
    await recompute(s.core, south);
    const inTiers = async (tiers: string) =>
      (await s.core.jobs.run('listener:in-tiers', { teamId: s.teamId, args: { tiers } })) as {
        ids: number[] | null;
      };
    expect((await inTiers('important')).ids).toEqual([ids[0]]);
    expect((await inTiers('important,secondary')).ids).toEqual(ids.slice(0, 20));
    expect((await inTiers('')).ids).toEqual([]);
  });
});
