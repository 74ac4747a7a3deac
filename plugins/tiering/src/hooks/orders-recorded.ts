import type { HookHandler } from '@guanxi/core';
import type { TieringConfig } from '../config';

/**
 * Queues the buyers' placement for the background pass (`placeBuyers`): the write does not
 * wait for their new values, ladder rungs and tiers; the card says the tier is pending.
 */
export const ordersRecorded: HookHandler<'orders:recorded', TieringConfig> = async (event, ctx) => {
  await ctx.defer(event.items.map((order) => order.customerId));
};
