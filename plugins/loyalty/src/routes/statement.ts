import { notFound } from '@guanxi/core';
import type { LoyaltyContext } from '../context';
import { readAccounts } from '../ledger/accounts';
import { ENTRY_COLUMNS, type LedgerEntry, toEntry } from '../ledger/entries';
import { loyaltyDb } from '../tables';

export interface Statement {
  readonly customerId: number;
  readonly balance: number;
  readonly level: string;
  readonly levelSince: string | null;
  /** The latest 100 entries, newest first. */
  readonly entries: LedgerEntry[];
}

/** A customer's balance, level and latest ledger entries. */
export async function statement(ctx: LoyaltyContext, customerId: number): Promise<Statement> {
  if ((await ctx.core.customers.find(ctx.teamId, customerId)) === undefined) {
    throw notFound('customer', 'customerId', customerId);
  }
  const account = (await readAccounts(ctx, [customerId])).get(customerId);
  const rows = await loyaltyDb(ctx)
    .selectFrom('loyalty_ledger')
    .select(ENTRY_COLUMNS)
    .where('team_id', '=', ctx.teamId)
    .where('customer_id', '=', customerId)
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
  return {
    customerId,
    balance: account?.balance ?? 0,
    level: account?.level ?? ctx.config.levels.thresholds[0]?.id ?? 'member',
    levelSince: account?.levelSince ?? null,
    entries: rows.map(toEntry),
  };
}
