import { chunked } from '@guanxi/core';
import { isoDaysFrom, type LoyaltyContext } from '../context';
import { loyaltyDb } from '../tables';
import { applyDeltas } from './accounts';

export interface ExpiryResult {
  readonly entries: number;
  readonly points: number;
  readonly customers: number[];
}

/**
 * Writes an `expire` entry for what remains of each credit past its expiry (of these
 * customers, or of the whole team), 500 credits at a time, and lowers the balances.
 */
export async function expireLots(
  ctx: LoyaltyContext,
  customerIds?: readonly number[],
): Promise<ExpiryResult> {
  const db = loyaltyDb(ctx);
  const now = isoDaysFrom(ctx);
  const customers = new Set<number>();
  let entries = 0;
  let points = 0;
  for (;;) {
    const lots = await db
      .selectFrom('loyalty_ledger')
      .select(['id', 'customer_id', 'remaining'])
      .where('team_id', '=', ctx.teamId)
      .where('remaining', '>', 0)
      .where('expires_at', '<=', now)
      .$if(customerIds !== undefined, (q) => q.where('customer_id', 'in', customerIds ?? []))
      .orderBy('id')
      .limit(500)
      .execute();
    if (lots.length === 0) break;
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
    for (const ids of chunked(
      lots.map((lot) => lot.id),
      500,
    )) {
      await db.updateTable('loyalty_ledger').set({ remaining: 0 }).where('id', 'in', ids).execute();
    }
    const deltas = new Map<number, number>();
    for (const lot of lots) {
      const id = Number(lot.customer_id);
      deltas.set(id, (deltas.get(id) ?? 0) - Number(lot.remaining));
      customers.add(id);
      points += Number(lot.remaining);
    }
    entries += lots.length;
    await applyDeltas(ctx, deltas);
  }
  return { entries, points, customers: [...customers] };
}
