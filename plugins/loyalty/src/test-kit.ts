import { type Dialect, definePlugin, type OrderInput, provide } from '@guanxi/core';
import { type Tier, tiersService } from '@guanxi/plugin-tiering';
import { createTestCore, type TestCore } from '@guanxi/testing';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { configSchema } from './config';
import type { LoyaltyContext } from './context';
import plugin from './index';
import { loyaltyDb } from './tables';

/** Where every test's clock starts. */
export const NOW = '2024-06-01T00:00:00.000Z';

/** A stand-in for the tiering plugin: its tiers service gives the tiers set here. */
export function fakeTiering(tiers: Map<number, Tier>, calls = { count: 0 }) {
  return definePlugin({
    id: 'tiering',
    version: '1.0.0',
    provides: [
      provide(tiersService, () => ({
        async tiers(customerIds) {
          calls.count += 1;
          return new Map(
            customerIds.flatMap((id) => {
              const tier = tiers.get(id);
              return tier === undefined ? [] : [[id, tier] as const];
            }),
          );
        },
        customersIn() {
          throw new Error('loyalty never filters by tier: the stand-in has no subquery to give');
        },
      })),
    ],
  });
}

export interface Kit {
  readonly t: TestCore;
  readonly teamId: number;
  /** The tiers the fake tiering plugin reports, by customer id. */
  readonly tiers: Map<number, Tier>;
  /** How many times the tiers were read. */
  readonly tierCalls: { count: number };
  /**
   * A loyalty context on the test core with the team's current config; it is given no other
   * plugin's service, so tiers count as with tiering off.
   */
  ctx(): Promise<LoyaltyContext>;
  configure(config: unknown): Promise<void>;
  customer(name?: string): Promise<number>;
  /** Records orders for one customer; returns their ids. */
  orders(customerId: number, orders: readonly Omit<OrderInput, 'customerId'>[]): Promise<number[]>;
  balance(customerId: number): Promise<number>;
  /**
   * Asserts every account equals its ledger sum and its credits' remaining, is ≥ 0, and holds
   * its entries' level value and first earning.
   */
  expectConsistent(): Promise<void>;
}

export async function openKit(dialect: Dialect): Promise<Kit> {
  const tiers = new Map<number, Tier>();
  const tierCalls = { count: 0 };
  const t = await createTestCore({
    dialect,
    plugins: [fakeTiering(tiers, tierCalls), plugin],
    now: NOW,
  });
  const teamId = (await t.core.teams.create({ name: 'North', slug: 'north' })).id;
  await t.core.plugins.enable(teamId, 'loyalty', 'test');
  await t.core.plugins.enable(teamId, 'tiering', 'test');
  let customers = 0;
  const kit: Kit = {
    t,
    teamId,
    tiers,
    tierCalls,
    async ctx() {
      const setting = await t.core.plugins.settings(teamId, 'loyalty');
      return {
        teamId,
        db: t.core.db,
        core: t.core,
        clock: t.clock,
        config: configSchema.parse(setting.config),
        timeZone: (await t.core.teams.get(teamId)).timeZone,
        use: async () => undefined,
      };
    },
    async configure(config) {
      await t.core.plugins.configure(teamId, 'loyalty', config, 'test');
    },
    async customer(name) {
      customers += 1;
      const created = await t.core.customers.create(teamId, {
        kind: 'person',
        name: name ?? `Customer ${customers}`,
      });
      return created.id;
    },
    async orders(customerId, orders) {
      const { recorded } = await t.core.orders.record(
        teamId,
        orders.map((order) => ({ ...order, customerId })),
      );
      return recorded.map((order) => order.id);
    },
    async balance(customerId) {
      const row = await loyaltyDb({ db: t.core.db })
        .selectFrom('loyalty_accounts')
        .select('balance')
        .where('team_id', '=', teamId)
        .where('customer_id', '=', customerId)
        .executeTakeFirst();
      return Number(row?.balance ?? 0);
    },
    async expectConsistent() {
      const db = loyaltyDb({ db: t.core.db });
      const accounts = await db
        .selectFrom('loyalty_accounts as a')
        .select([
          'a.customer_id',
          'a.balance',
          'a.earned',
          'a.spend',
          sql<string | null>`(select d.first_earned_at from loyalty_account_dates d
            where d.team_id = a.team_id and d.customer_id = a.customer_id)`.as('first_earned_at'),
          sql<number>`(select coalesce(sum(l.points), 0) from loyalty_ledger l
            where l.team_id = a.team_id and l.customer_id = a.customer_id)`.as('ledger'),
          sql<number>`(select coalesce(sum(c.remaining), 0) from loyalty_ledger c
            where c.team_id = a.team_id and c.customer_id = a.customer_id)`.as('unspent'),
          sql<number>`(select coalesce(sum(case when l.kind = 'reverse'
              then l.points - coalesce(l.shortfall, 0) else l.points end), 0)
            from loyalty_ledger l where l.team_id = a.team_id and l.customer_id = a.customer_id
              and l.kind in ('earn', 'reverse'))`.as('levelPoints'),
          sql<number>`(select coalesce(sum(l.amount), 0) from loyalty_ledger l
            where l.team_id = a.team_id and l.customer_id = a.customer_id
              and l.kind in ('earn', 'reverse'))`.as('levelSpend'),
          sql<string | null>`(select min(l.at) from loyalty_ledger l
            where l.team_id = a.team_id and l.customer_id = a.customer_id
              and l.kind = 'earn')`.as('firstEarn'),
        ])
        .where('a.team_id', '=', teamId)
        .execute();
      for (const account of accounts) {
        const customer = Number(account.customer_id);
        const balance = Number(account.balance);
        expect({ customer, ledger: Number(account.ledger) }).toEqual({ customer, ledger: balance });
        expect(Number(account.unspent)).toBe(balance);
        expect(balance).toBeGreaterThanOrEqual(0);
        expect({
          customer,
          earned: Number(account.earned),
          spend: Number(account.spend),
          firstEarnedAt: account.first_earned_at,
        }).toEqual({
          customer,
          earned: Number(account.levelPoints),
          spend: Number(account.levelSpend),
          firstEarnedAt: account.firstEarn,
        });
      }
    },
  };
  return kit;
}

/** An order of `amount` minor units placed at the kit's NOW. */
export function order(amount: number, externalId?: string): Omit<OrderInput, 'customerId'> {
  return { amount, placedAt: NOW, ...(externalId === undefined ? {} : { externalId }) };
}
