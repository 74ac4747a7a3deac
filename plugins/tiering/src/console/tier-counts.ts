import type { PluginContext } from '@guanxi/core';
import type { TieringConfig } from '../config';
import { tieringDb } from '../store';
import { TIERS, type Tier } from '../tiers';

export interface TierCount {
  readonly tier: Tier;
  readonly customers: number;
  /** The sum of the customers' values by the team's measure. */
  readonly value: number;
}

export interface LastRun {
  readonly ranAt: string;
  readonly customers: number;
  readonly measure: string;
}

/** The team's customers in each tier as the plugin holds them now, best tier first. */
export async function tierCounts(ctx: PluginContext<TieringConfig>): Promise<TierCount[]> {
  const rows = await tieringDb(ctx)
    .selectFrom('tiering_values')
    .select((eb) => [
      'tier',
      eb.fn.countAll<number | string>().as('customers'),
      eb.fn.sum<number | string>('value').as('value'),
    ])
    .where('team_id', '=', ctx.teamId)
    .groupBy('tier')
    .execute();
  return TIERS.map((tier) => {
    const row = rows.find((each) => each.tier === tier);
    return { tier, customers: Number(row?.customers ?? 0), value: Number(row?.value ?? 0) };
  });
}

/** The team's last recompute, or undefined before the first. */
export async function lastRun(ctx: PluginContext<TieringConfig>): Promise<LastRun | undefined> {
  const row = await tieringDb(ctx)
    .selectFrom('tiering_runs')
    .select(['ran_at', 'customers', 'measure'])
    .where('team_id', '=', ctx.teamId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : { ranAt: row.ran_at, customers: Number(row.customers), measure: row.measure };
}
