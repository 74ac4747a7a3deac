import type { PluginContext } from '@guanxi/core';
import { pAliveService } from '@guanxi/plugin-scoring';
import { tiersService } from '@guanxi/plugin-tiering';
import { TIER_RANK } from './policy';

type Ctx = Pick<PluginContext, 'use'>;

/** Each customer's P(alive) from scoring; empty when scoring is off for the team or unfitted. */
export async function pAliveOf(
  ctx: Ctx,
  customerIds: readonly number[],
): Promise<ReadonlyMap<number, number>> {
  const reader = await ctx.use(pAliveService);
  return reader === undefined ? new Map() : reader.pAlive(customerIds);
}

/**
 * Each customer's tier from tiering, as win-back stores it (TIER_RANK); empty when tiering is
 * off for the team, and without customers not yet tiered.
 */
export async function tierRanksOf(
  ctx: Ctx,
  customerIds: readonly number[],
): Promise<Map<number, number>> {
  const ranks = new Map<number, number>();
  const reader = await ctx.use(tiersService);
  if (reader === undefined) return ranks;
  for (const [customerId, tier] of await reader.tiers(customerIds)) {
    ranks.set(customerId, TIER_RANK[tier]);
  }
  return ranks;
}
