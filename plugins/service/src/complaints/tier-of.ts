import type { PluginContext } from '@guanxi/core';
import { tiersService } from '@guanxi/plugin-tiering';
import type { Tier } from './complaint';

/**
 * The customer's tier from tiering's tier reader; `normal` when the team has tiering off or
 * the customer has no tier yet.
 */
export async function tierOf(ctx: Pick<PluginContext, 'use'>, customerId: number): Promise<Tier> {
  const reader = await ctx.use(tiersService);
  if (reader === undefined) return 'normal';
  return (await reader.tiers([customerId])).get(customerId) ?? 'normal';
}
