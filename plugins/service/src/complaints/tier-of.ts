import type { PluginContext } from '@guanxi/core';
import type { Tier } from './complaint';

const BY_SCORE: Readonly<Record<number, Tier>> = {
  4: 'important',
  3: 'secondary',
  2: 'normal',
  1: 'small',
};

/**
 * The customer's tier from the tiering plugin's `tiering/tier` scorer; `normal` when the team
 * has tiering off or the customer has no tier yet.
 */
export async function tierOf(
  ctx: Pick<PluginContext, 'teamId' | 'core'>,
  customerId: number,
): Promise<Tier> {
  const scorer = (await ctx.core.plugins.scorers(ctx.teamId)).find(
    (candidate) => candidate.key === 'tiering/tier',
  );
  if (scorer === undefined) return 'normal';
  const facts = await ctx.core.facts.get(ctx.teamId, customerId);
  const [score] = await scorer.score([{ customerId, facts }]);
  return (score && BY_SCORE[score.value]) ?? 'normal';
}
