import type { HookHandler } from '@guanxi/core';
import type { DevelopmentConfig } from '../config';
import { recordCustomerStages } from '../relationship/relationship';
import { recordGivenSources } from '../sources/store';

/** Records the sources given in new customers' attributes, and the stages they start at. */
export const customerCreated: HookHandler<'customer:created', DevelopmentConfig> = async (
  event,
  ctx,
) => {
  await recordGivenSources(ctx, event.items);
  await recordCustomerStages(
    ctx,
    event.items.filter((customer) => customer.relationshipStage !== null),
  );
};
