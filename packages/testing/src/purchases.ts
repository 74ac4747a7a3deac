import { type CoreApi, chunked } from '@guanxi/core';
import { defined } from '@guanxi/core/testing';

/** One line of a purchase log: who (any name), when (a date or ISO time) and how much. */
export interface LoggedPurchase {
  readonly customer: string;
  readonly at: string;
  /** In units of a currency of two minor digits, such as CNY: 12.5 is recorded as 1,250. */
  readonly amount: number;
}

/**
 * Records a purchase log as a team's orders through the core, one customer per purchaser named
 * by `externalRef`, then runs the work the orders deferred, as a running server would; returns
 * the customer ids by purchaser. Scoring's tests and the scenarios read real logs (the CDNOW
 * sample) this way.
 */
export async function recordPurchases(
  core: Pick<CoreApi, 'customers' | 'orders' | 'deferred'>,
  teamId: number,
  purchases: readonly LoggedPurchase[],
): Promise<Map<string, number>> {
  const idOf = new Map<string, number>();
  const refs = [...new Set(purchases.map((p) => p.customer))];
  for (const page of chunked(refs, 1_000)) {
    const created = await core.customers.createMany(
      teamId,
      page.map((ref) => ({ kind: 'person' as const, name: `Customer ${ref}`, externalRef: ref })),
    );
    created.forEach((customer, i) => {
      idOf.set(page[i] as string, customer.id);
    });
  }
  for (const page of chunked(purchases, 2_000)) {
    await core.orders.record(
      teamId,
      page.map((p) => ({
        customerId: defined(idOf.get(p.customer)),
        amount: Math.round(p.amount * 100),
        placedAt: p.at,
      })),
    );
  }
  await core.deferred.drain({ teamId });
  return idOf;
}
