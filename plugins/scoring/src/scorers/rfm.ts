import type { ScorerDefinition } from '@guanxi/core';
import type { ScoringConfig } from '../config';
import { cutsOfTeam, rfmInputs, rfmScore, SEGMENT_LABELS } from '../rfm';
import type { ScoringDb } from '../store';
import { batchDays } from './model-batch';

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
    return rfmInputs(await batchDays(batch, ctx)).map((input) => {
      const { r, f, m, segment } = rfmScore(input, cuts);
      return {
        customerId: input.customerId,
        value: r * 100 + f * 10 + m,
        reasons: [SEGMENT_LABELS[segment].en, `R${r} F${f} M${m}`],
      };
    });
  },
};
