import type { HookHandler } from '@guanxi/core';
import type { ScoringConfig } from '../config';
import { rescore } from '../rescore';
import { addPurchaseDays, type ScoringDb } from '../store';

/**
 * Folds new orders into purchase days and re-scores the customers who bought; the orders
 * have already refreshed their cards.
 */
export const ordersRecorded: HookHandler<'orders:recorded', ScoringConfig> = async (event, ctx) => {
  await addPurchaseDays(ctx.db as ScoringDb, event.teamId, ctx.timeZone, event.items);
  await rescore(ctx, [...new Set(event.items.map((order) => order.customerId))]);
};
