import type { JobDefinition } from '@guanxi/core';
import type { LoyaltyConfig } from '../config';
import { expireLots } from '../ledger/expire';

/** `loyalty:expire`: writes `expire` entries for what remains of the team's expired lots. */
export const expireJob: JobDefinition<LoyaltyConfig> = {
  description: 'Expires points past their expiry day, oldest lots first',
  async run(ctx) {
    const result = await expireLots(ctx);
    await ctx.core.customers.touch(ctx.teamId, result.customers);
    return { entries: result.entries, points: result.points, customers: result.customers.length };
  },
};
