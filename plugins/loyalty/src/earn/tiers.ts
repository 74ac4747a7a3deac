import { tiersService } from '@guanxi/plugin-tiering';
import type { LoyaltyContext } from '../context';

/**
 * Each customer's tier multiplier, from tiering's tier reader in one call for the batch.
 * With tiering off for the team, or a customer not yet tiered: 1.
 */
export async function tierMultipliers(
  ctx: LoyaltyContext,
  customerIds: readonly number[],
): Promise<Map<number, number>> {
  const multipliers = new Map<number, number>();
  const reader = await ctx.use(tiersService);
  if (reader === undefined || customerIds.length === 0) return multipliers;
  for (const [customerId, tier] of await reader.tiers(customerIds)) {
    multipliers.set(customerId, ctx.config.earning.tierMultipliers[tier]);
  }
  return multipliers;
}
