import type { Dialect, OrderInput, Score } from '@guanxi/core';
import scoring from '@guanxi/plugin-scoring';
import { createTestCore, defined, type TestCore } from '@guanxi/testing';
import plugin from './index';
import type { StoreContext } from './signals/store-context';

/** Where every test's clock starts. */
export const NOW = '2024-06-01T00:00:00.000Z';

export interface Kit {
  readonly t: TestCore;
  readonly teamId: number;
  /** What recordPayments and the other store functions need, on the test core. */
  readonly ctx: StoreContext;
  /** A company with these orders (amount, cost, placedAt); returns its id. */
  customer(name: string, orders?: readonly Omit<OrderInput, 'customerId'>[]): Promise<number>;
  /** Runs the team's good-customer scorer, as the scoring plugin would. */
  score(...customerIds: number[]): Promise<readonly Score[]>;
}

/** A test core with scoring and example-scorer installed, example-scorer enabled for one team. */
export async function openKit(dialect: Dialect): Promise<Kit> {
  const t = await createTestCore({ dialect, plugins: [scoring, plugin], now: NOW });
  const team = await t.core.teams.create({ name: 'North', slug: 'north' });
  const teamId = team.id;
  await t.core.plugins.enable(teamId, 'example-scorer', 'admin');
  return {
    t,
    teamId,
    ctx: { teamId, db: t.core.db, core: t.core, clock: t.clock, timeZone: team.timeZone },
    async customer(name, orders = []) {
      const { id } = await t.core.customers.create(teamId, { kind: 'company', name });
      if (orders.length > 0) {
        await t.core.orders.record(
          teamId,
          orders.map((order) => ({ ...order, customerId: id })),
        );
      }
      return id;
    },
    async score(...customerIds) {
      const scorers = await t.core.plugins.scorers(teamId);
      const scorer = defined(scorers.find((s) => s.key === 'example-scorer/good-customer'));
      const facts = await t.core.facts.many(teamId, customerIds);
      const byId = new Map(facts.map((f) => [f.customerId, f]));
      return scorer.score(
        customerIds.map((customerId) => ({ customerId, facts: defined(byId.get(customerId)) })),
      );
    },
  };
}

/** `count` orders of `amount` (with `cost`), a month apart, the last one `lastDaysAgo` before NOW. */
export function monthly(
  count: number,
  amount: number,
  cost: number,
  lastDaysAgo = 10,
): Omit<OrderInput, 'customerId'>[] {
  const last = Date.parse(NOW) - lastDaysAgo * 86_400_000;
  return Array.from({ length: count }, (_, i) => ({
    amount,
    cost,
    placedAt: new Date(last - (count - 1 - i) * 30 * 86_400_000).toISOString(),
  }));
}
