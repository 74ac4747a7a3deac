import type { HookHandler } from '@guanxi/core';
import type { TieringConfig } from '../config';
import { factValue, storeValues } from '../values';

/** New customers start at their facts' value (0) and are placed against the thresholds. */
export const customerCreated: HookHandler<'customer:created', TieringConfig> = async (
  event,
  ctx,
) => {
  const facts = await ctx.core.facts.many(
    event.teamId,
    event.items.map((customer) => customer.id),
  );
  await storeValues(
    ctx,
    facts.map((f) => ({ facts: f, value: factValue(ctx.config.measure, f) })),
    { place: true },
  );
};
