import type { HookHandler } from '@guanxi/core';
import type { ScoringConfig } from '../config';
import { addPurchaseDays, type ScoringDb } from '../store';

/**
 * Folds new orders into purchase days at once, and queues the buyers' re-score for the
 * background pass (`rescoreBuyers`): the write does not wait for every scorer to run.
 */
export const ordersRecorded: HookHandler<'orders:recorded', ScoringConfig> = async (event, ctx) => {
  await addPurchaseDays(ctx.db as ScoringDb, event.teamId, ctx.timeZone, event.items);
  await ctx.defer(event.items.map((order) => order.customerId));
};
