import { formatAmount, type ScorerDefinition } from '@guanxi/core';
import type { ScoringConfig } from '../config';
import { modelBatch } from './model-batch';

/** Customer lifetime value: discounted expected margin over the horizon, minor units. */
export const clvScorer: ScorerDefinition<ScoringConfig> = {
  id: 'clv',
  version: '2',
  async score(batch, ctx) {
    const result = await modelBatch(batch, ctx);
    if (result === null) return [];
    const { currency } = await ctx.core.teams.get(ctx.teamId);
    return result.scores.map((s) => ({
      customerId: s.customerId,
      value: Math.round(s.clv),
      reasons: [
        ...(s.pAliveDefined ? [`P(alive) ${Math.round(s.p_alive * 100)}%`] : []),
        `${s.expected_purchases.toFixed(1)} purchases expected in ${ctx.config.horizon} ${ctx.config.unit}s`,
        `spend per purchase ${formatAmount(s.expected_spend, currency, 'en')}`,
        `margin ${Math.round(s.margin * 100)}%`,
      ],
    }));
  },
};
