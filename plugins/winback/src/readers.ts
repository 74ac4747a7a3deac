import { type CustomerFacts, chunked, type PluginContext } from '@guanxi/core';

type Ctx = Pick<PluginContext, 'teamId' | 'core'>;

export const TIER_SCORER = 'tiering/tier';
export const P_ALIVE_SCORER = 'scoring/p-alive';

/**
 * Another plugin's score for each customer, by scorer key; empty when that plugin is off for
 * the team, and without the customers it does not score.
 */
export async function scoresOf(
  ctx: Ctx,
  key: string,
  facts: readonly CustomerFacts[],
): Promise<Map<number, number>> {
  const scores = new Map<number, number>();
  const scorer = (await ctx.core.plugins.scorers(ctx.teamId)).find((s) => s.key === key);
  if (scorer === undefined || facts.length === 0) return scores;
  for (const chunk of chunked(facts, 500)) {
    const batch = chunk.map((f) => ({ customerId: f.customerId, facts: f }));
    for (const score of await scorer.score(batch)) scores.set(score.customerId, score.value);
  }
  return scores;
}
