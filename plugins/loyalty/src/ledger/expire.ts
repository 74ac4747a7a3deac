import { chunked } from '@guanxi/core';
import { isoNow, type LoyaltyContext } from '../context';
import { loyaltyDb } from '../tables';
import { applyDeltas } from './accounts';
import { expiredBy, unspentCredits } from './customer-entries';

export interface ExpiryResult {
  readonly entries: number;
  readonly points: number;
  readonly customers: number[];
}

/** A credit past its expiry with points left. */
interface ExpiredLot {
  readonly id: number;
  readonly customer_id: number;
  readonly remaining: number | null;
}

/**
 * Writes an `expire` entry for what remains of each lot, empties the lots and lowers the
 * balances; at most 500 lots.
 */
async function expire(ctx: LoyaltyContext, lots: readonly ExpiredLot[]): Promise<ExpiryResult> {
  const db = loyaltyDb(ctx);
  const now = isoNow(ctx);
  await db
    .insertInto('loyalty_ledger')
    .values(
      lots.map((lot) => ({
        team_id: ctx.teamId,
        customer_id: lot.customer_id,
        kind: 'expire' as const,
        points: -Number(lot.remaining),
        amount: null,
        order_id: null,
        reward_id: null,
        reference: `expire:${lot.id}`,
        expires_at: null,
        shortfall: null,
        note: null,
        actor: 'system',
        at: now,
        remaining: null,
      })),
    )
    .execute();
  await db
    .updateTable('loyalty_ledger')
    .set({ remaining: 0 })
    .where(
      'id',
      'in',
      lots.map((lot) => lot.id),
    )
    .execute();
  const deltas = new Map<number, number>();
  for (const lot of lots) {
    const id = Number(lot.customer_id);
    deltas.set(id, (deltas.get(id) ?? 0) - Number(lot.remaining));
  }
  await applyDeltas(ctx, deltas);
  return {
    entries: lots.length,
    points: -[...deltas.values()].reduce((sum, delta) => sum + delta, 0),
    customers: [...deltas.keys()],
  };
}

/** Adds up expiries, counting each customer once. */
function total(results: readonly ExpiryResult[]): ExpiryResult {
  return {
    entries: results.reduce((sum, r) => sum + r.entries, 0),
    points: results.reduce((sum, r) => sum + r.points, 0),
    customers: [...new Set(results.flatMap((r) => r.customers))],
  };
}

/** Expires what remains of every credit of the team past its expiry, 500 credits at a time. */
export async function expireLots(ctx: LoyaltyContext): Promise<ExpiryResult> {
  const now = isoNow(ctx);
  const results: ExpiryResult[] = [];
  for (;;) {
    const lots = await loyaltyDb(ctx)
      .selectFrom('loyalty_ledger')
      .select(['id', 'customer_id', 'remaining'])
      .where('team_id', '=', ctx.teamId)
      .where('remaining', '>', 0)
      .where('expires_at', '<=', now)
      .orderBy('id')
      .limit(500)
      .execute();
    if (lots.length === 0) break;
    results.push(await expire(ctx, lots));
  }
  return total(results);
}

/** Expires what remains of the customer's credits past their expiry. */
export async function expireCustomerLots(
  ctx: LoyaltyContext,
  customerId: number,
): Promise<ExpiryResult> {
  const now = isoNow(ctx);
  const lots = (await unspentCredits(ctx, customerId)).filter((lot) => expiredBy(lot, now));
  const results: ExpiryResult[] = [];
  for (const chunk of chunked(lots, 500)) results.push(await expire(ctx, chunk));
  return total(results);
}
