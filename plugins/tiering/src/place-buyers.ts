import type { DeferredDefinition } from '@guanxi/core';
import type { TieringConfig } from './config';
import { placeByFacts } from './values';

/**
 * The placement an order queues: buyers get their new revenue or margin (and ladder facts)
 * from the facts as they are when the pass runs, and are placed against the thresholds.
 */
export const placeBuyers: DeferredDefinition<TieringConfig> = {
  description: 'places customers whose orders changed against the tier thresholds',
  async run(customerIds, ctx) {
    await placeByFacts(ctx, customerIds);
  },
};
