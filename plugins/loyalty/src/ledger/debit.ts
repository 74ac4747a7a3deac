import { isoNow, type LoyaltyContext } from '../context';
import { loyaltyDb } from '../tables';
import { applyDeltas } from './accounts';
import { expiredBy, unspentCredits } from './customer-entries';
import { ENTRY_COLUMNS, type LedgerEntry, toEntry } from './entries';

export interface Debit {
  readonly customerId: number;
  readonly kind: 'redeem' | 'reverse' | 'adjust';
  /** Points taken, 0 or more; the entry stores them negated. */
  readonly points: number;
  readonly amount?: number;
  readonly orderId?: number;
  readonly rewardId?: number;
  readonly reference?: string;
  readonly shortfall?: number;
  readonly note?: string;
  /** A credit to take from before the others (a reverse takes from its own order's earn). */
  readonly firstLot?: number;
}

/**
 * Takes points from the customer's unexpired credits, oldest first, and writes the entry. The
 * caller holds the account lock and has checked the balance covers `points`.
 */
export async function debit(ctx: LoyaltyContext, d: Debit, actor: string): Promise<LedgerEntry> {
  const db = loyaltyDb(ctx);
  const now = isoNow(ctx);
  const lots = (await unspentCredits(ctx, d.customerId)).filter((lot) => !expiredBy(lot, now));
  const first = lots.findIndex((lot) => Number(lot.id) === d.firstLot);
  if (first > 0) lots.unshift(...lots.splice(first, 1));
  let left = d.points;
  for (const lot of lots) {
    if (left === 0) break;
    const take = Math.min(left, Number(lot.remaining));
    await db
      .updateTable('loyalty_ledger')
      .set({ remaining: Number(lot.remaining) - take })
      .where('id', '=', lot.id)
      .execute();
    left -= take;
  }
  if (left > 0) {
    throw new Error(
      `credits of customer ${d.customerId} hold ${d.points - left} of ${d.points} points`,
    );
  }
  const row = await db
    .insertInto('loyalty_ledger')
    .values({
      team_id: ctx.teamId,
      customer_id: d.customerId,
      kind: d.kind,
      points: -d.points,
      amount: d.amount ?? null,
      order_id: d.orderId ?? null,
      reward_id: d.rewardId ?? null,
      reference: d.reference ?? null,
      expires_at: null,
      shortfall: d.shortfall ?? null,
      note: d.note ?? null,
      actor,
      at: now,
      remaining: null,
    })
    .returning(ENTRY_COLUMNS)
    .executeTakeFirstOrThrow();
  await applyDeltas(ctx, new Map([[d.customerId, -d.points]]));
  return toEntry(row);
}
