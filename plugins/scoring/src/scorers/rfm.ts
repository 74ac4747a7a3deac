import type { ScorerDefinition } from '@guanxi/core';
import type { ScoringConfig } from '../config';
import { cutsOfTeam, rfmInputs, rfmScore, SEGMENT_LABELS } from '../rfm';
import { purchaseDaysOf, type ScoringDb } from '../store';
import { today } from './model-batch';

/**
 * RFM against the team's quintiles from its last score job: the value is R×100 + F×10 + M
 * (555 is best), the reasons name the segment and the three scores.
 */
export const rfmScorer: ScorerDefinition<ScoringConfig> = {
  id: 'rfm',
  version: '1',
  async score(batch, ctx) {
    const db = ctx.db as ScoringDb;
    const cuts = await cutsOfTeam(db, ctx.teamId);
    if (cuts === null) return [];
    const days = await purchaseDaysOf(
      db,
      batch.map((input) => input.customerId),
      today(ctx),
    );
    return rfmInputs(days).map((input) => {
      const { r, f, m, segment } = rfmScore(input, cuts);
      return {
        customerId: input.customerId,
        value: r * 100 + f * 10 + m,
        reasons: [SEGMENT_LABELS[segment].en, `R${r} F${f} M${m}`],
      };
    });
  },
};
