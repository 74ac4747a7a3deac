import { chunked, instantIn, isoTimeSchema, parseInput } from '@guanxi/core';
import { z } from 'zod';
import { tablesOf } from '../tables';
import { checkBatch } from './check-batch';
import type { StoreContext } from './store-context';

export const discountInputSchema = z.strictObject({
  customerId: z.number().int().positive(),
  /** The order the discount was given on (its external id); recording it again updates it. */
  orderRef: z.string().trim().min(1, 'must not be empty').max(200),
  /** Taken off the list price, in minor units. */
  amount: z
    .number()
    .int('must be whole minor units')
    .min(0, 'must be 0 or more')
    .max(Number.MAX_SAFE_INTEGER),
  grantedAt: isoTimeSchema,
});

export type DiscountInput = z.input<typeof discountInputSchema>;

/** Records discounts granted on orders, one per order. */
export async function recordDiscounts(
  ctx: StoreContext,
  inputs: readonly DiscountInput[],
): Promise<number> {
  const discounts = parseInput(z.array(discountInputSchema), inputs, ['discounts']);
  if (discounts.length === 0) return 0;
  await checkBatch(ctx, discounts, 'discounts', 'orderRef');
  const now = ctx.clock.now().toISOString();
  for (const chunk of chunked(discounts, 500)) {
    await tablesOf(ctx)
      .insertInto('example_scorer_discounts')
      .values(
        chunk.map((discount) => ({
          team_id: ctx.teamId,
          customer_id: discount.customerId,
          order_ref: discount.orderRef,
          amount: discount.amount,
          granted_at: instantIn(discount.grantedAt, ctx.timeZone),
          created_at: now,
          updated_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['team_id', 'order_ref']).doUpdateSet((eb) => ({
          customer_id: eb.ref('excluded.customer_id'),
          amount: eb.ref('excluded.amount'),
          granted_at: eb.ref('excluded.granted_at'),
          updated_at: now,
        })),
      )
      .execute();
  }
  await ctx.core.customers.touch(ctx.teamId, [...new Set(discounts.map((d) => d.customerId))]);
  return discounts.length;
}

/**
 * Each customer's discounts in total, or undefined while the team has recorded none: then
 * nobody can be told apart by price sensitivity.
 */
export async function discountTotals(
  ctx: StoreContext,
  customerIds: readonly number[],
): Promise<Map<number, number> | undefined> {
  const db = tablesOf(ctx);
  const any = await db
    .selectFrom('example_scorer_discounts')
    .select('id')
    .where('team_id', '=', ctx.teamId)
    .limit(1)
    .executeTakeFirst();
  if (any === undefined) return undefined;
  const totals = new Map<number, number>();
  for (const chunk of chunked(customerIds, 500)) {
    const rows = await db
      .selectFrom('example_scorer_discounts')
      .select((eb) => ['customer_id', eb.fn.sum<number>('amount').as('total')])
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', 'in', chunk)
      .groupBy('customer_id')
      .execute();
    for (const row of rows) totals.set(row.customer_id, Number(row.total));
  }
  return totals;
}
