import type { DeferredDefinition } from '@guanxi/core';
import type { ScoringConfig } from './config';
import { rescore } from './rescore';

/** The re-score an order queues: every enabled scorer over the customers who bought. */
export const rescoreBuyers: DeferredDefinition<ScoringConfig> = {
  description: 're-scores customers whose orders changed',
  async run(customerIds, ctx) {
    await rescore(ctx, customerIds);
  },
};
