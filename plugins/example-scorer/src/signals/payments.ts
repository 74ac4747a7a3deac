import {
  chunked,
  daysBetween,
  instantIn,
  isoTimeSchema,
  parseInput,
  startOfDayFrom,
} from '@guanxi/core';
import { z } from 'zod';
import { tablesOf } from '../tables';
import { checkBatch } from './check-batch';
import type { StoreContext } from './store-context';

export const paymentInputSchema = z.strictObject({
  customerId: z.number().int().positive(),
  /** The invoice's number in the company's books; recording it again updates it. */
  invoiceRef: z.string().trim().min(1, 'must not be empty').max(200),
  amount: z
    .number()
    .int('must be whole minor units')
    .min(0, 'must be 0 or more')
    .max(Number.MAX_SAFE_INTEGER),
  dueAt: isoTimeSchema,
  /** Null while the invoice is unpaid. */
  paidAt: isoTimeSchema.nullable().default(null),
});

export type PaymentInput = z.input<typeof paymentInputSchema>;

/** The team's days from the due day to the day paid; a payment on the due day itself is 0. */
function daysLate(dueAt: string, paidAt: string | null, timeZone: string): number | null {
  if (paidAt === null) return null;
  return Math.max(0, daysBetween(dueAt, paidAt, timeZone));
}

/**
 * Records invoices and their payments; an invoice already recorded (same `invoiceRef`) is
 * updated, so the same call records an invoice when issued and again when paid.
 */
export async function recordPayments(
  ctx: StoreContext,
  inputs: readonly PaymentInput[],
): Promise<number> {
  const payments = parseInput(z.array(paymentInputSchema), inputs, ['payments']);
  if (payments.length === 0) return 0;
  await checkBatch(ctx, payments, 'payments', 'invoiceRef');
  const now = ctx.clock.now().toISOString();
  for (const chunk of chunked(payments, 500)) {
    await tablesOf(ctx)
      .insertInto('example_scorer_payments')
      .values(
        chunk.map((payment) => {
          const dueAt = instantIn(payment.dueAt, ctx.timeZone);
          const paidAt = payment.paidAt === null ? null : instantIn(payment.paidAt, ctx.timeZone);
          return {
            team_id: ctx.teamId,
            customer_id: payment.customerId,
            invoice_ref: payment.invoiceRef,
            amount: payment.amount,
            due_at: dueAt,
            paid_at: paidAt,
            days_late: daysLate(dueAt, paidAt, ctx.timeZone),
            created_at: now,
            updated_at: now,
          };
        }),
      )
      .onConflict((oc) =>
        oc.columns(['team_id', 'invoice_ref']).doUpdateSet((eb) => ({
          customer_id: eb.ref('excluded.customer_id'),
          amount: eb.ref('excluded.amount'),
          due_at: eb.ref('excluded.due_at'),
          paid_at: eb.ref('excluded.paid_at'),
          days_late: eb.ref('excluded.days_late'),
          updated_at: now,
        })),
      )
      .execute();
  }
  await ctx.core.customers.touch(ctx.teamId, [...new Set(payments.map((p) => p.customerId))]);
  return payments.length;
}

/** Invoiced amounts whose outcome is known by now: paid, or unpaid past the grace period. */
export interface PaymentRecord {
  readonly settled: number;
  readonly onTime: number;
}

/**
 * Per customer, the amount of invoices settled or overdue as of the clock, and how much of
 * it was paid within `graceDays` of the due date. Invoices not yet due are left out.
 */
export async function paymentRecords(
  ctx: StoreContext,
  customerIds: readonly number[],
  graceDays: number,
): Promise<Map<number, PaymentRecord>> {
  const now = ctx.clock.now();
  const nowIso = now.toISOString();
  // Unpaid and due before this day of the team's, the invoice can no longer be paid on time.
  const overdueBefore = startOfDayFrom(now, -graceDays, ctx.timeZone);
  const records = new Map<number, PaymentRecord>();
  for (const chunk of chunked(customerIds, 500)) {
    const rows = await tablesOf(ctx)
      .selectFrom('example_scorer_payments')
      .select((eb) => {
        const paid = eb.and([eb('paid_at', 'is not', null), eb('paid_at', '<=', nowIso)]);
        return [
          'customer_id',
          eb.fn
            .sum<number>(
              eb
                .case()
                .when(paid)
                .then(eb.ref('amount'))
                .when('due_at', '<', overdueBefore)
                .then(eb.ref('amount'))
                .else(0)
                .end(),
            )
            .as('settled'),
          eb.fn
            .sum<number>(
              eb
                .case()
                .when(eb.and([paid, eb('days_late', '<=', graceDays)]))
                .then(eb.ref('amount'))
                .else(0)
                .end(),
            )
            .as('on_time'),
        ];
      })
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', 'in', chunk)
      .groupBy('customer_id')
      .execute();
    for (const row of rows) {
      records.set(row.customer_id, { settled: Number(row.settled), onTime: Number(row.on_time) });
    }
  }
  return records;
}
