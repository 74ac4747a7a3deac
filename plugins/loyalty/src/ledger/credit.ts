import { chunked } from '@guanxi/core';
import { isoDaysFrom, type LoyaltyContext } from '../context';
import { loyaltyDb } from '../tables';
import { applyDeltas, ensureAccounts } from './accounts';
import { ENTRY_COLUMNS, type LedgerEntry, toEntry } from './entries';

export interface Credit {
  readonly customerId: number;
  readonly kind: 'earn' | 'adjust';
  readonly points: number;
  readonly amount?: number;
  readonly orderId?: number;
  readonly reference?: string;
  readonly note?: string;
}

/**
 * Writes credits (points ≥ 0) as ledger entries with their lots and balances, 500 rows a
 * statement. A credit whose order or reference is already in the ledger is skipped, so
 * replaying a batch earns nothing twice; the entries actually written are returned.
 */
export async function credit(
  ctx: LoyaltyContext,
  credits: readonly Credit[],
  actor: string,
): Promise<LedgerEntry[]> {
  if (credits.length === 0) return [];
  const db = loyaltyDb(ctx);
  const at = isoDaysFrom(ctx);
  const days = ctx.config.expiryDays;
  const expiresAt = days > 0 ? isoDaysFrom(ctx, days) : null;
  await ensureAccounts(
    ctx,
    credits.map((c) => c.customerId),
  );
  const written: LedgerEntry[] = [];
  for (const chunk of chunked(credits, 500)) {
    const rows = await db
      .insertInto('loyalty_ledger')
      .values(
        chunk.map((c) => ({
          team_id: ctx.teamId,
          customer_id: c.customerId,
          kind: c.kind,
          points: c.points,
          amount: c.amount ?? null,
          order_id: c.orderId ?? null,
          reward_id: null,
          reference: c.reference ?? null,
          expires_at: c.points > 0 ? expiresAt : null,
          shortfall: null,
          note: c.note ?? null,
          actor,
          at,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .returning(ENTRY_COLUMNS)
      .execute();
    written.push(...rows.map(toEntry));
  }
  const lots = written.filter((entry) => entry.points > 0);
  for (const chunk of chunked(lots, 500)) {
    await db
      .insertInto('loyalty_lots')
      .values(
        chunk.map((entry) => ({
          ledger_id: entry.id,
          team_id: ctx.teamId,
          customer_id: entry.customerId,
          earned_at: at,
          expires_at: entry.expiresAt,
          remaining: entry.points,
        })),
      )
      .execute();
  }
  const deltas = new Map<number, number>();
  for (const entry of lots) {
    deltas.set(entry.customerId, (deltas.get(entry.customerId) ?? 0) + entry.points);
  }
  await applyDeltas(ctx, deltas);
  return written;
}
