import type { HookHandler } from '@guanxi/core';
import type { TieringConfig } from '../config';
import { unrank } from '../unrank';
import { placeByFacts } from '../values';

/**
 * A customer who becomes a non-customer leaves the pyramid; one who stops being a
 * non-customer comes back, placed against the thresholds at their value.
 */
export const lifecycleTransitioned: HookHandler<'lifecycle:transitioned', TieringConfig> = async (
  event,
  ctx,
) => {
  const left = event.items.filter((e) => e.to === 'non_customer').map((e) => e.customerId);
  const back = event.items
    .filter((e) => e.from === 'non_customer' && e.to !== 'non_customer')
    .map((e) => e.customerId);
  await unrank(ctx, left);
  await placeByFacts(ctx, back);
};
