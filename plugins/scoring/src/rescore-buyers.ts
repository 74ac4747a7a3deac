import type { DeferredDefinition } from '@guanxi/core';
import type { ScoringConfig } from './config';
import { computeScores, type Rescored, storeRescored } from './rescore';

/**
 * The re-score an order queues: every enabled scorer runs over the customers who bought
 * before the pass's transaction, which then only stores the scores (of the customers whose
 * work is still queued by then).
 */
export const rescoreBuyers: DeferredDefinition<ScoringConfig, Rescored> = {
  description: 're-scores customers whose orders changed',
  prepare: (customerIds, ctx) => computeScores(ctx, customerIds),
  async run(customerIds, ctx, rescored) {
    await storeRescored(ctx, rescored, customerIds);
  },
};
