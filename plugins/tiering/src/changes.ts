import type { PluginContext } from '@guanxi/core';
import { chunked } from '@guanxi/core';
import type { TieringConfig } from './config';
import type { TierChange } from './events';
import { tieringDb } from './store';

/** How many changes one `tier:changed` event carries. */
export const ANNOUNCE_BATCH = 5_000;

/** Writes tier changes made on write (no recompute run) to tiering_changes. */
export async function recordChanges(
  ctx: PluginContext<TieringConfig>,
  changes: readonly TierChange[],
): Promise<void> {
  for (const chunk of chunked(changes, 500)) {
    await tieringDb(ctx)
      .insertInto('tiering_changes')
      .values(
        chunk.map((c) => ({
          team_id: ctx.teamId,
          customer_id: c.customerId,
          run_id: null,
          from_tier: c.from,
          to_tier: c.to,
          value: c.value,
          rank: c.rank,
          threshold: c.threshold,
          measure: c.measure,
          changed_at: c.changedAt,
        })),
      )
      .execute();
  }
}

/**
 * Fires `tier:changed` for these changes, in batches of ANNOUNCE_BATCH, and unless `touch`
 * is off (a recompute refreshes the whole team's cards at once) refreshes the customers'
 * cached cards, which show the tier.
 */
export async function announceChanges(
  ctx: PluginContext<TieringConfig>,
  changes: readonly TierChange[],
  { touch }: { readonly touch: boolean },
): Promise<void> {
  for (const batch of chunked(changes, ANNOUNCE_BATCH)) {
    await ctx.emit('tier:changed', batch);
    if (touch) {
      await ctx.core.customers.touch(
        ctx.teamId,
        batch.map((c) => c.customerId),
      );
    }
  }
}
