import { chunked } from '@guanxi/core';
import type { Selectable, SelectQueryBuilder } from 'kysely';
import type { LoyaltyContext } from '../context';
import { type LoyaltyTables, loyaltyDb } from '../tables';

export type LedgerRow = Selectable<LoyaltyTables['loyalty_ledger']>;

/** A select of whole ledger rows, for callers to narrow with more conditions. */
export type LedgerQuery = SelectQueryBuilder<LoyaltyTables, 'loyalty_ledger', LedgerRow>;

/**
 * The ledger rows of these customers that `narrow` keeps, in no particular order. Each entry
 * is found one way: through the customer's orders and the order index if it is an order's (its
 * earn and its reverse), through the reference index if it has a reference (bonuses,
 * redemptions, expiries), and through the customer index otherwise. So earning on an order,
 * or a bonus, writes at no random place in an index of the customer's entries.
 */
export async function customerEntries(
  ctx: Pick<LoyaltyContext, 'teamId' | 'db' | 'core'>,
  customerIds: readonly number[],
  narrow: (query: LedgerQuery) => LedgerQuery = (query) => query,
): Promise<LedgerRow[]> {
  const team = loyaltyDb(ctx)
    .selectFrom('loyalty_ledger')
    .selectAll()
    .where('team_id', '=', ctx.teamId);
  const ids = [...new Set(customerIds)];
  const rows: LedgerRow[] = [];
  for (const chunk of chunked(ids, 500)) {
    const direct = team.where('customer_id', 'in', chunk).where('order_id', 'is', null);
    rows.push(...(await narrow(direct.where('reference', 'is', null)).execute()));
    rows.push(...(await narrow(direct.where('reference', 'is not', null)).execute()));
  }
  for (const chunk of chunked(await ctx.core.orders.idsOf(ctx.teamId, ids), 500)) {
    rows.push(...(await narrow(team.where('order_id', 'in', chunk)).execute()));
  }
  return rows;
}

/** Oldest first: by time, then by id. */
function byAge(a: LedgerRow, b: LedgerRow): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return Number(a.id) - Number(b.id);
}

/**
 * The customer's credits with points left, oldest first, expired or not: callers split them
 * by expiry, so the read stays on the customer's entries rather than the team's expiry index.
 */
export async function unspentCredits(
  ctx: LoyaltyContext,
  customerId: number,
): Promise<LedgerRow[]> {
  const credits = await customerEntries(ctx, [customerId], (query) =>
    query.where('remaining', '>', 0),
  );
  return credits.sort(byAge);
}

/** Whether a credit has expired by `now`. */
export function expiredBy(credit: Pick<LedgerRow, 'expires_at'>, now: string): boolean {
  return credit.expires_at !== null && credit.expires_at <= now;
}
