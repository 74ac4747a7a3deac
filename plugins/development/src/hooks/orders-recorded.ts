import type { HookHandler } from '@guanxi/core';
import type { DevelopmentConfig } from '../config';
import { oweAgentFees } from '../sources/agent-fees';

/** A first order of a customer an agent brought makes the agent's fee owed. */
export const ordersRecorded: HookHandler<'orders:recorded', DevelopmentConfig> = (event, ctx) =>
  oweAgentFees(ctx, event.items);
