import { chunked, type Score, type ScorerDefinition } from '@guanxi/core';
import type { TieringConfig } from '../config';
import { TIER_LABELS } from '../labels';
import { customersOfTeam, tieringDb } from '../store';
import type { Tier } from '../tiers';

/** 4 for important, 3 secondary, 2 normal, 1 small: how other plugins learn a customer's tier. */
export const TIER_SCORE: Readonly<Record<Tier, number>> = {
  important: 4,
  secondary: 3,
  normal: 2,
  small: 1,
};

/**
 * Each customer's current tier as a score (see TIER_SCORE), so loyalty, win-back and service
 * can read tiers through `core.plugins.scorers` without touching tiering's tables.
 */
export const tierScorer: ScorerDefinition<TieringConfig> = {
  id: 'tier',
  version: '1',
  lookup: true,
  async score(batch, ctx) {
    const scores: Score[] = [];
    for (const ids of chunked(
      batch.map((input) => input.customerId),
      500,
    )) {
      const rows = await tieringDb(ctx)
        .selectFrom('tiering_values')
        .select(['customer_id', 'tier'])
        .where(customersOfTeam(tieringDb(ctx), ctx.teamId, ids))
        .execute();
      for (const row of rows) {
        scores.push({
          customerId: Number(row.customer_id),
          value: TIER_SCORE[row.tier],
          reasons: [TIER_LABELS[row.tier].en],
        });
      }
    }
    return scores;
  },
};
