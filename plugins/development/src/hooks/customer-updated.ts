import type { HookHandler } from '@guanxi/core';
import type { DevelopmentConfig } from '../config';
import { recordCustomerStages, relationshipChanged } from '../relationship/relationship';

/** Keeps the relationship history when the stage is set on the customer through the core. */
export const customerUpdated: HookHandler<'customer:updated', DevelopmentConfig> = (event, ctx) =>
  recordCustomerStages(ctx, relationshipChanged(event.items));
