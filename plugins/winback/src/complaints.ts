import type { PluginContext } from '@guanxi/core';
import type { ComplaintEvent } from '@guanxi/plugin-service';
import { tablesOf } from './tables';

type Ctx = Pick<PluginContext, 'teamId' | 'db' | 'clock'>;

/** Keeps the latest state of each complaint the service plugin reports, a row a complaint. */
export async function keepComplaints(ctx: Ctx, items: readonly ComplaintEvent[]): Promise<void> {
  const latest = new Map(items.map((item) => [item.complaintId, item]));
  const now = ctx.clock.now().toISOString();
  for (const item of latest.values()) {
    const row = {
      customer_id: item.customerId,
      cause: item.cause,
      step: item.step,
      opened_at: item.openedAt,
      closed_at: item.closedAt,
      updated_at: now,
    };
    await tablesOf(ctx)
      .insertInto('winback_complaints')
      .values({ team_id: ctx.teamId, complaint_id: item.complaintId, ...row })
      .onConflict((oc) => oc.columns(['team_id', 'complaint_id']).doUpdateSet(row))
      .execute();
  }
}

/** Of these customers, those with no complaint left open. */
export async function withoutOpenComplaints(
  ctx: Ctx,
  customerIds: readonly number[],
): Promise<number[]> {
  if (customerIds.length === 0) return [];
  const open = await tablesOf(ctx)
    .selectFrom('winback_complaints')
    .select('customer_id')
    .where('team_id', '=', ctx.teamId)
    .where('customer_id', 'in', customerIds)
    .where('closed_at', 'is', null)
    .execute();
  const stillOpen = new Set(open.map((r) => r.customer_id));
  return customerIds.filter((id) => !stillOpen.has(id));
}
