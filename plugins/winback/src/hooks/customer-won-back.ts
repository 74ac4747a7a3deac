import type { HookHandler } from '@guanxi/core';
import { markWonBack } from '../churns';
import type { WinbackConfig } from '../config';
import { closePlaybooks } from '../playbook/playbooks';

/** Closes the customers' open playbooks as won back. */
export const customerWonBack: HookHandler<'customer:wonBack', WinbackConfig> = async (
  event,
  ctx,
) => {
  const ids = [...new Set(event.items.map((item) => item.customerId))];
  await markWonBack(ctx, ids);
  await closePlaybooks(ctx, ids, 'won_back');
  await ctx.core.customers.touch(ctx.teamId, ids);
};
