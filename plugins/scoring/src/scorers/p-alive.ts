import type { ScorerDefinition } from '@guanxi/core';
import type { ScoringConfig } from '../config';
import { modelBatch } from './model-batch';

/**
 * The probability that the customer is still buying, 0–1; no score where the team's model cannot
 * tell (BG/NBD for a customer without a repeat purchase), so readers fall back to their own rules.
 */
export const pAliveScorer: ScorerDefinition<ScoringConfig> = {
  id: 'p-alive',
  version: '2',
  async score(batch, ctx) {
    const result = await modelBatch(batch, ctx);
    if (result === null) return [];
    return result.scores
      .filter((s) => s.pAliveDefined)
      .map((s) => ({
        customerId: s.customerId,
        value: s.p_alive,
        reasons: [
          `${s.frequency} repeat purchases`,
          `last purchase ${(s.T - s.recency).toFixed(1)} ${result.unit}s ago`,
        ],
      }));
  },
};
