import { GuanxiError, notFound, parseInput } from '@guanxi/core';
import { z } from 'zod';
import type { LoyaltyContext } from './context';
import { lockAccount } from './ledger/accounts';
import { credit } from './ledger/credit';
import { debit } from './ledger/debit';
import type { LedgerEntry } from './ledger/entries';
import { expireCustomerLots } from './ledger/expire';

export const adjustmentInputSchema = z.strictObject({
  customerId: z.number().int().positive(),
  points: z
    .number()
    .int('must be a whole number of points')
    .refine((points) => points !== 0, 'must not be 0'),
  reason: z.string().trim().min(1, 'must say why').max(500),
});

/**
 * A manual correction: positive points are a new lot (which expires like earned points),
 * negative ones are taken oldest first and may not exceed the balance.
 */
export async function adjust(
  ctx: LoyaltyContext,
  input: unknown,
  actor: string,
): Promise<LedgerEntry> {
  const a = parseInput(adjustmentInputSchema, input);
  if (a.points > 0) {
    if ((await ctx.core.customers.find(ctx.teamId, a.customerId)) === undefined) {
      throw notFound('customer', 'customerId', a.customerId);
    }
    const [entry] = await credit(
      ctx,
      [{ customerId: a.customerId, kind: 'adjust', points: a.points, note: a.reason }],
      actor,
    );
    await ctx.core.customers.touch(ctx.teamId, [a.customerId]);
    return entry as LedgerEntry;
  }
  const account = await lockAccount(ctx, a.customerId);
  const expired = await expireCustomerLots(ctx, a.customerId);
  const balance = account.balance - expired.points;
  if (balance < -a.points) {
    throw new GuanxiError(
      'GX_ERR_CONFLICT',
      `Cannot take ${-a.points} points: balance ${balance} points`,
      { issues: [{ path: 'points', message: `balance is ${balance} points` }] },
    );
  }
  const entry = await debit(
    ctx,
    { customerId: a.customerId, kind: 'adjust', points: -a.points, note: a.reason },
    actor,
  );
  await ctx.core.customers.touch(ctx.teamId, [a.customerId]);
  return entry;
}
