import type { HookHandler } from '@guanxi/core';

/**
 * Logs a welcome note for every new customer. A hook gets the whole batch of a write at
 * once, so it writes with one call, inside the write's transaction.
 */
export const welcome: HookHandler<'customer:created', unknown> = async ({ teamId, items }, ctx) => {
  await ctx.core.interactions.log(
    teamId,
    items.map((customer) => ({
      customerId: customer.id,
      channel: 'other',
      direction: 'outbound',
      summary: `Welcome, ${customer.name}`,
      occurredAt: ctx.clock.now().toISOString(),
      actor: `plugin:${ctx.pluginId}`,
    })),
  );
};
