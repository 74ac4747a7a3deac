import { pAliveService } from '@guanxi/plugin-scoring';
import { TIERS, type Tier, tiersService } from '@guanxi/plugin-tiering';
import type { DevelopmentContext } from '../tables';

/** What other plugins say of a customer as a good customer, where they are on for the team. */
export interface GoodCustomerSignals {
  /** The customer's tier in tiering's pyramid (value to the team). */
  readonly tier?: Tier;
  /** Scoring's chance that the customer is still buying (low risk, good prospects). */
  readonly pAlive?: number;
}

/** The top of tiering's pyramid: the team's loyal, most valuable customers. */
export const TOP_TIER: Tier = TIERS[0];

/**
 * Each customer's tier from tiering and P(alive) from scoring, each read through the
 * plugin's service; a plugin off for the team gives nothing, and a customer it has no value
 * for is left without it.
 */
export async function goodCustomerSignals(
  ctx: DevelopmentContext,
  customerIds: readonly number[],
): Promise<Map<number, GoodCustomerSignals>> {
  const [tierReader, pAliveReader] = await Promise.all([
    ctx.use(tiersService),
    ctx.use(pAliveService),
  ]);
  const [tiers, pAlive] = await Promise.all([
    tierReader?.tiers(customerIds) ?? new Map<number, Tier>(),
    pAliveReader?.pAlive(customerIds) ?? new Map<number, number>(),
  ]);
  const signals = new Map<number, GoodCustomerSignals>();
  for (const id of customerIds) {
    const tier = tiers.get(id);
    const p = pAlive.get(id);
    signals.set(id, {
      ...(tier === undefined ? {} : { tier }),
      ...(p === undefined ? {} : { pAlive: p }),
    });
  }
  return signals;
}

/**
 * Which of these customers tiering places in its top tier; undefined when tiering is off for
 * the team, so the caller ranks by revenue instead.
 */
export async function topTierOf(
  ctx: DevelopmentContext,
  customerIds: readonly number[],
): Promise<Set<number> | undefined> {
  const reader = await ctx.use(tiersService);
  if (reader === undefined) return undefined;
  const tiers = await reader.tiers(customerIds);
  return new Set(customerIds.filter((id) => tiers.get(id) === TOP_TIER));
}
