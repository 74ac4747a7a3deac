import { chunked } from '@guanxi/core';
import { tablesOf } from '../tables';
import type { StoreContext } from './store-context';

/** Adds inbound contacts to each customer's count: customer id → how many more. */
export async function addServiceContacts(
  ctx: StoreContext,
  added: ReadonlyMap<number, number>,
): Promise<void> {
  const now = ctx.clock.now().toISOString();
  for (const chunk of chunked([...added], 500)) {
    await tablesOf(ctx)
      .insertInto('example_scorer_service_contacts')
      .values(
        chunk.map(([customerId, count]) => ({
          team_id: ctx.teamId,
          customer_id: customerId,
          inbound_count: count,
          updated_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['team_id', 'customer_id']).doUpdateSet((eb) => ({
          inbound_count: eb(
            eb.ref('example_scorer_service_contacts.inbound_count'),
            '+',
            eb.ref('excluded.inbound_count'),
          ),
          updated_at: now,
        })),
      )
      .execute();
  }
}

/** Inbound contacts counted per customer; customers never counted are left out. */
export async function serviceContacts(
  ctx: StoreContext,
  customerIds: readonly number[],
): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  for (const chunk of chunked(customerIds, 500)) {
    const rows = await tablesOf(ctx)
      .selectFrom('example_scorer_service_contacts')
      .select(['customer_id', 'inbound_count'])
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', 'in', chunk)
      .execute();
    for (const row of rows) counts.set(row.customer_id, row.inbound_count);
  }
  return counts;
}
