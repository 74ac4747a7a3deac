import type { HookRegistration } from '@guanxi/core';
import type { LoyaltyConfig } from '../config';
import { earnForOrders } from '../earn/earn-orders';

/**
 * Runs after the other plugins' handlers (order `post`). The tier multiplier is the tier the
 * customer was last placed in: tiering places this batch's buyers in the background pass.
 */
export const earnOnOrders: HookRegistration<'orders:recorded', LoyaltyConfig> = {
  order: 'post',
  handler: async (event, ctx) => {
    await earnForOrders(ctx, event.items);
  },
};
