import type { HookHandler } from '@guanxi/core';
import type { ExampleScorerConfig } from '../config';
import { addServiceContacts } from '../signals/service-contacts';

/**
 * Counts inbound interactions (the customer calling, writing or complaining) as the service
 * they cost; outbound contacts are the company's own selling and do not count.
 */
export const countServiceContacts: HookHandler<'interactions:logged', ExampleScorerConfig> = async (
  event,
  ctx,
) => {
  const added = new Map<number, number>();
  for (const interaction of event.items) {
    if (interaction.direction !== 'inbound') continue;
    added.set(interaction.customerId, (added.get(interaction.customerId) ?? 0) + 1);
  }
  await addServiceContacts(ctx, added);
};
