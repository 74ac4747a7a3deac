import type { HookHandler } from '@guanxi/core';
import { recordChurns } from '../churns';
import type { WinbackConfig } from '../config';

/** Records the churn's kind and policy and opens a playbook unless the customer is let go. */
export const customerChurned: HookHandler<'customer:churned', WinbackConfig> = async (
  event,
  ctx,
) => {
  await recordChurns(ctx, event.items);
};
