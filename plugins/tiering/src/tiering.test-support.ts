import {
  type AnyPlugin,
  type Core,
  type CoreTables,
  type Dialect,
  definePlugin,
} from '@guanxi/core';
import scoring from '@guanxi/plugin-scoring';
import { createTestCore, type TestCore } from '@guanxi/testing';
import { type Kysely, sql } from 'kysely';
import type { TierChange } from './events';
import tiering from './index';
import type { TieringDb } from './store';
import { tiersService } from './tier-reader';
import type { Tier } from './tiers';

/** Values the fixture scorer gives, by customer id; tests set them. */
export const fixtureValues = new Map<number, number>();

/** A company's own scorer, as `scorer:fixture/value`: whatever `fixtureValues` says. */
export const fixture = definePlugin({
  id: 'fixture',
  version: '1.0.0',
  scorers: [
    {
      id: 'value',
      version: '1',
      score: async (batch) =>
        batch.flatMap(({ customerId }) => {
          const value = fixtureValues.get(customerId);
          return value === undefined ? [] : [{ customerId, value, reasons: ['fixture'] }];
        }),
    },
  ],
});

/** Every `tier:changed` item the listener plugin heard, in order. */
export const heard: TierChange[] = [];

/**
 * Another plugin reacting to tier changes, and reading tiers through tiering's service: its
 * `tiers` job answers the tiers of the customers in `args.ids` (comma-separated), or null
 * when the team has tiering off.
 */
export const listener = definePlugin({
  id: 'listener',
  version: '1.0.0',
  dependsOn: { tiering: '^1.0.0' },
  uses: [tiersService],
  hooks: {
    'tier:changed': (event) => {
      heard.push(...event.items);
    },
  },
  jobs: {
    tiers: {
      description: 'The tiers of the customers in args.ids',
      run: async (ctx) => {
        const reader = await ctx.use(tiersService);
        const ids = (ctx.args.ids ?? '').split(',').map(Number);
        return { tiers: reader === undefined ? null : Object.fromEntries(await reader.tiers(ids)) };
      },
    },
    'in-tiers': {
      description: 'The ids of the customers in the tiers of args.tiers, by the subquery',
      run: async (ctx) => {
        const reader = await ctx.use(tiersService);
        if (reader === undefined) return { ids: null };
        const tiers = (ctx.args.tiers ?? '').split(',').filter((tier) => tier !== '') as Tier[];
        const rows = await (ctx.db as Kysely<CoreTables>)
          .selectFrom('customers')
          .select('id')
          .where(sql<boolean>`id in (${reader.customersIn(tiers)})`)
          .orderBy('id')
          .execute();
        return { ids: rows.map((row) => row.id) };
      },
    },
  },
});

export interface Setup {
  readonly t: TestCore;
  readonly core: Core;
  readonly teamId: number;
}

/**
 * A core with scoring, tiering, the fixture scorer and the listener installed, and a team
 * with tiering, the fixture and the listener enabled. Hooks get a generous budget: a batch
 * of 10,000 customers goes through them.
 */
export async function setUp(
  dialect: Dialect,
  options: { readonly now?: string; readonly plugins?: readonly AnyPlugin[] } = {},
): Promise<Setup> {
  fixtureValues.clear();
  heard.length = 0;
  const t = await createTestCore({
    dialect,
    plugins: [scoring, tiering, fixture, listener, ...(options.plugins ?? [])],
    now: options.now ?? '2025-01-01T00:00:00Z',
    hookTimeoutMs: 60_000,
  });
  const teamId = await newTeam(t.core, 'north');
  return { t, core: t.core, teamId };
}

/** A team with tiering, the fixture scorer and the listener enabled. */
export async function newTeam(core: Core, slug: string): Promise<number> {
  const teamId = (await core.teams.create({ name: slug, slug })).id;
  for (const plugin of ['tiering', 'fixture', 'listener']) {
    await core.plugins.enable(teamId, plugin, 'admin');
  }
  return teamId;
}

/** Creates one customer per amount, each with one order of that amount (0: no order). */
export async function customersWithRevenue(
  core: Core,
  teamId: number,
  amounts: readonly number[],
): Promise<number[]> {
  const created = await core.customers.createMany(
    teamId,
    amounts.map((_, i) => ({ kind: 'person' as const, name: `Customer ${i}` })),
  );
  const ids = created.map((c) => c.id);
  const orders = amounts.flatMap((amount, i) =>
    amount > 0 ? [{ customerId: ids[i] as number, amount, placedAt: '2024-06-01' }] : [],
  );
  if (orders.length > 0) await recordAndPlace(core, teamId, orders);
  return ids;
}

/**
 * Records orders and runs the background pass, as the server would soon after: the buyers'
 * placement is deferred work (place-buyers.ts).
 */
export async function recordAndPlace(
  core: Core,
  teamId: number,
  orders: Parameters<Core['orders']['record']>[1],
) {
  const result = await core.orders.record(teamId, orders);
  await core.deferred.drain();
  return result;
}

export function tieringTables(core: Core): TieringDb {
  return core.db as unknown as TieringDb;
}

/** Every customer's stored tier. */
export async function tiersOf(core: Core, teamId: number): Promise<Map<number, Tier>> {
  const rows = await tieringTables(core)
    .selectFrom('tiering_values')
    .select(['customer_id', 'tier'])
    .where('team_id', '=', teamId)
    .execute();
  return new Map(rows.map((r) => [r.customer_id, r.tier]));
}

/** How many customers each tier holds. */
export function countTiers(tiers: ReadonlyMap<number, Tier>): Record<Tier, number> {
  const counts: Record<Tier, number> = { important: 0, secondary: 0, normal: 0, small: 0 };
  for (const tier of tiers.values()) counts[tier] += 1;
  return counts;
}

export function recompute(core: Core, teamId: number, args: Record<string, string> = {}) {
  return core.jobs.run('tiering:recompute', { teamId, args });
}

/** A deterministic shuffle, so values do not follow customer ids. */
export function shuffled<T>(items: readonly T[], seed = 42): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
