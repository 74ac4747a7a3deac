import type { HookHandler } from '@guanxi/core';
import type { TieringConfig } from '../config';
import { placeByFacts } from '../values';

/** New customers start at their facts' value (0) and are placed against the thresholds. */
export const customerCreated: HookHandler<'customer:created', TieringConfig> = async (
  event,
  ctx,
) => {
  await placeByFacts(
    ctx,
    event.items.map((customer) => customer.id),
  );
};
