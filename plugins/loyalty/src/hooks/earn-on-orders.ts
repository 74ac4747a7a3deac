import type { HookRegistration } from '@guanxi/core';
import type { LoyaltyConfig } from '../config';
import { earnForOrders } from '../earn/earn-orders';

/** Runs after tiering's handler (order `post`), so this batch's tiers are current. */
export const earnOnOrders: HookRegistration<'orders:recorded', LoyaltyConfig> = {
  order: 'post',
  handler: async (event, ctx) => {
    await earnForOrders(ctx, event.items);
  },
};
