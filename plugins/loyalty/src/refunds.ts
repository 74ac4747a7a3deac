import { GuanxiError, parseInput } from '@guanxi/core';
import { z } from 'zod';
import type { LoyaltyContext } from './context';
import { lockAccount, unearn } from './ledger/accounts';
import { debit } from './ledger/debit';
import { ENTRY_COLUMNS, type LedgerEntry, toEntry } from './ledger/entries';
import { expireCustomerLots } from './ledger/expire';
import { loyaltyDb } from './tables';

export const refundInputSchema = z.strictObject({
  orderId: z.number().int().positive(),
});

export interface RefundResult {
  readonly entry: LedgerEntry;
  /** Points the order earned. */
  readonly earned: number;
  /** Points taken back: what the balance still held, at most `earned`. */
  readonly reversed: number;
  /** Points already spent or expired, which a balance never below 0 cannot return. */
  readonly shortfall: number;
  readonly replayed: boolean;
}

async function orderEntry(
  ctx: LoyaltyContext,
  orderId: number,
  kind: 'earn' | 'reverse',
): Promise<LedgerEntry | undefined> {
  const row = await loyaltyDb(ctx)
    .selectFrom('loyalty_ledger')
    .select(ENTRY_COLUMNS)
    .where('team_id', '=', ctx.teamId)
    .where('order_id', '=', orderId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return row === undefined ? undefined : toEntry(row);
}

function result(earn: LedgerEntry, reverse: LedgerEntry, replayed: boolean): RefundResult {
  return {
    entry: reverse,
    earned: earn.points,
    reversed: -reverse.points,
    shortfall: reverse.shortfall ?? 0,
    replayed,
  };
}

/**
 * Cancels the points an order earned with one `reverse` entry. The balance never goes
 * below 0: if some of those points were already spent or expired, only what the balance
 * holds is taken back (the order's own lot first, then the oldest) and the rest is recorded
 * as the entry's shortfall. The order no longer counts toward the level; the first-order
 * bonus stays. A second refund of the same order returns the first.
 */
export async function refundOrder(
  ctx: LoyaltyContext,
  input: unknown,
  actor: string,
): Promise<RefundResult> {
  const { orderId } = parseInput(refundInputSchema, input);
  const earn = await orderEntry(ctx, orderId, 'earn');
  if (earn === undefined) {
    throw new GuanxiError(
      'GX_ERR_NOT_FOUND',
      `Order ${orderId} earned no points: it is not in this team's loyalty ledger`,
      { issues: [{ path: 'orderId', message: 'no loyalty points were earned for this order' }] },
    );
  }
  const done = await orderEntry(ctx, orderId, 'reverse');
  if (done !== undefined) return result(earn, done, true);
  const account = await lockAccount(ctx, earn.customerId);
  const raced = await orderEntry(ctx, orderId, 'reverse');
  if (raced !== undefined) return result(earn, raced, true);
  const expired = await expireCustomerLots(ctx, earn.customerId);
  const balance = account.balance - expired.points;
  const reversed = Math.min(earn.points, balance);
  const entry = await debit(
    ctx,
    {
      customerId: earn.customerId,
      kind: 'reverse',
      points: reversed,
      amount: -(earn.amount ?? 0),
      orderId,
      shortfall: earn.points - reversed,
      firstLot: earn.id,
      note: 'refund',
    },
    actor,
  );
  await unearn(ctx, earn.customerId, { points: earn.points, amount: earn.amount ?? 0 });
  await ctx.core.customers.touch(ctx.teamId, [earn.customerId]);
  return result(earn, entry, false);
}
