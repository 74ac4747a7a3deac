import { chunked, type PluginContext } from '@guanxi/core';
import type { ScoringConfig } from './config';
import type { ScoreRecord } from './events';
import { dropScores, type ScoringDb, storeScores } from './store';

/**
 * Runs every scorer the team has enabled (the scoring plugin's own and other plugins') over
 * these customers, stores the scores with each scorer's version and time, and reports them
 * as `scoring:scored`. A customer a scorer no longer scores loses that scorer's stored score.
 * Returns how many scores were stored. The caller refreshes cached cards where the write
 * itself did not.
 */
export async function rescore(
  ctx: PluginContext<ScoringConfig>,
  customerIds: readonly number[],
): Promise<number> {
  const scorers = await ctx.core.plugins.scorers(ctx.teamId);
  const scoredAt = ctx.clock.now().toISOString();
  let stored = 0;
  for (const ids of chunked(customerIds, 2_000)) {
    const facts = await ctx.core.facts.many(ctx.teamId, ids);
    const batch = facts.map((f) => ({ customerId: f.customerId, facts: f }));
    const records: ScoreRecord[] = [];
    for (const scorer of scorers) {
      const scored = new Set<number>();
      for (const score of await scorer.score(batch)) {
        scored.add(score.customerId);
        records.push({
          customerId: score.customerId,
          scorer: scorer.key,
          version: scorer.version,
          value: score.value,
          reasons: score.reasons,
          scoredAt,
        });
      }
      const unscored = ids.filter((id) => !scored.has(id));
      if (unscored.length > 0) await dropScores(ctx.db as ScoringDb, scorer.key, unscored);
    }
    await storeScores(ctx.db as ScoringDb, ctx.teamId, records);
    if (records.length > 0) await ctx.emit('scoring:scored', records);
    stored += records.length;
  }
  return stored;
}
