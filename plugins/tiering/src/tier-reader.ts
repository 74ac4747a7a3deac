import { chunked, customerKeys, defineService, type PluginContext } from '@guanxi/core';
import { type Expression, sql } from 'kysely';
import type { TieringConfig } from './config';
import { storedValues, tieringDb } from './store';
import type { Tier } from './tiers';

/** What other plugins read of tiering: customers' current tiers. */
export interface TierReader {
  /** The current tier of each of these customers tiering has placed; others are left out. */
  tiers(customerIds: readonly number[]): Promise<ReadonlyMap<number, Tier>>;
  /**
   * The ids (column `customer_id`) of the team's customers now in one of these tiers, as a
   * subquery to keep in a query of the caller's own (`customer_id in (…)`), read by the
   * (team, tier, customer) index: a queue filtered by tier at any size of team.
   */
  customersIn(tiers: readonly Tier[]): Expression<{ customer_id: number }>;
}

/** The tier reader, for `uses` and `ctx.use` in plugins that act by tier. */
export const tiersService = defineService<TierReader>('tiering.tiers');

/** Reads the tiers of the context's team in its transaction, 500 customers a query. */
export function tierReader(ctx: PluginContext<TieringConfig>): TierReader {
  return {
    async tiers(customerIds) {
      const tiers = new Map<number, Tier>();
      for (const ids of chunked(customerIds, 500)) {
        const rows = await storedValues.execute(tieringDb(ctx), customerKeys(ctx.teamId, ids));
        for (const row of rows) tiers.set(Number(row.customer_id), row.tier);
      }
      return tiers;
    },
    customersIn(tiers) {
      return tieringDb(ctx)
        .selectFrom('tiering_values')
        .select('customer_id')
        .where('team_id', '=', ctx.teamId)
        .where(
          tiers.length === 0 ? sql<boolean>`1 = 0` : sql<boolean>`tier in (${sql.join(tiers)})`,
        );
    },
  };
}
