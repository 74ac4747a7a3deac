import type { PrivacyDefinition } from '@guanxi/core';
import type { ScoringConfig } from './config';
import type { ScoringDb } from './store';

/**
 * Purchase days and scores are figures, with reasons the scorers wrote; they stay when the
 * customer is erased, so there is only an export.
 */
export const privacy: PrivacyDefinition<ScoringConfig> = {
  async export(customerId, ctx) {
    const db = ctx.db as ScoringDb;
    const purchaseDays = await db
      .selectFrom('scoring_purchase_days')
      .select(['day', 'amount'])
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .orderBy('day')
      .execute();
    const scores = await db
      .selectFrom('scoring_scores')
      .select(['scorer', 'version', 'value', 'reasons', 'scored_at'])
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', '=', customerId)
      .orderBy('scorer')
      .execute();
    return {
      purchaseDays,
      scores: scores.map((s) => ({
        scorer: s.scorer,
        version: s.version,
        value: s.value,
        reasons: JSON.parse(s.reasons) as string[],
        scoredAt: s.scored_at,
      })),
    };
  },
};
