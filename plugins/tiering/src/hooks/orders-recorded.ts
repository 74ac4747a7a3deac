import type { HookHandler } from '@guanxi/core';
import type { TieringConfig } from '../config';
import { factValue, storeValues } from '../values';

/** Buyers get their new revenue or margin (and ladder facts) and are placed again. */
export const ordersRecorded: HookHandler<'orders:recorded', TieringConfig> = async (event, ctx) => {
  const ids = [...new Set(event.items.map((order) => order.customerId))];
  const facts = await ctx.core.facts.many(event.teamId, ids);
  await storeValues(
    ctx,
    facts.map((f) => ({ facts: f, value: factValue(ctx.config.measure, f) })),
    { place: true },
  );
};
