import { discountTotals } from './discounts';
import { type PaymentRecord, paymentRecords } from './payments';
import { serviceContacts } from './service-contacts';
import type { StoreContext } from './store-context';

/** What the plugin knows about one customer beyond the core's facts. */
export interface Signals {
  readonly payments: PaymentRecord | undefined;
  /** Undefined while the team records no discounts at all. */
  readonly discounts: number | undefined;
  readonly inboundContacts: number;
}

/**
 * The plugin's own facts for a batch of customers, read with a few grouped queries per 500
 * customers, as a look-up by customer id.
 */
export async function loadSignals(
  ctx: StoreContext,
  customerIds: readonly number[],
  graceDays: number,
): Promise<(customerId: number) => Signals> {
  const payments = await paymentRecords(ctx, customerIds, graceDays);
  const discounts = await discountTotals(ctx, customerIds);
  const contacts = await serviceContacts(ctx, customerIds);
  return (id) => ({
    payments: payments.get(id),
    discounts: discounts === undefined ? undefined : (discounts.get(id) ?? 0),
    inboundContacts: contacts.get(id) ?? 0,
  });
}
