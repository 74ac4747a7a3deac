import type { LoyaltyContext } from '../context';

const TIER_BY_SCORE = { 4: 'important', 3: 'secondary', 2: 'normal', 1: 'small' } as const;

/**
 * Each customer's tier multiplier, from the tiering plugin's `tiering/tier` scorer in one
 * call for the batch (with the customers' facts, read only then). Without tiering for the
 * team, or a customer not yet tiered: 1.
 */
export async function tierMultipliers(
  ctx: LoyaltyContext,
  customerIds: readonly number[],
): Promise<Map<number, number>> {
  const multipliers = new Map<number, number>();
  const scorers = await ctx.core.plugins.scorers(ctx.teamId);
  const scorer = scorers.find((s) => s.key === 'tiering/tier');
  if (scorer === undefined || customerIds.length === 0) return multipliers;
  const facts = await ctx.core.facts.many(ctx.teamId, customerIds);
  const scores = await scorer.score(facts.map((f) => ({ customerId: f.customerId, facts: f })));
  for (const score of scores) {
    const tier = TIER_BY_SCORE[score.value as keyof typeof TIER_BY_SCORE];
    if (tier !== undefined) {
      multipliers.set(score.customerId, ctx.config.earning.tierMultipliers[tier]);
    }
  }
  return multipliers;
}
