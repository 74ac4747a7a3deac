import type { HookHandler } from '@guanxi/core';
import { keepComplaints, withoutOpenComplaints } from '../complaints';
import type { WinbackConfig } from '../config';
import { complaintsResolved } from '../playbook/playbooks';

/**
 * Records the complaint closed; a customer left with no open complaint has the "resolve the
 * complaint first" step of their playbook done.
 */
export const complaintClosed: HookHandler<'complaint:closed', WinbackConfig> = async (
  event,
  ctx,
) => {
  await keepComplaints(ctx, event.items);
  const customers = [...new Set(event.items.map((item) => item.customerId))];
  const resolved = await withoutOpenComplaints(ctx, customers);
  const actor = event.items.at(-1)?.actor ?? 'plugin:service';
  const touched = await complaintsResolved(ctx, resolved, actor);
  if (touched.length > 0) await ctx.core.customers.touch(ctx.teamId, touched);
};
