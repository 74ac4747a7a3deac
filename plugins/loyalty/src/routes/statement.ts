import { notFound } from '@guanxi/core';
import type { LoyaltyContext } from '../context';
import { openingLevel, readAccountDates, readAccounts } from '../ledger/accounts';
import { customerEntries } from '../ledger/customer-entries';
import { type LedgerEntry, toEntry } from '../ledger/entries';

const STATEMENT_ENTRIES = 100;

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
  const dates = (await readAccountDates(ctx, [customerId])).get(customerId);
  const latest = await customerEntries(ctx, [customerId], (query) =>
    query.orderBy('id', 'desc').limit(STATEMENT_ENTRIES),
  );
  const entries = latest
    .sort((a, b) => Number(b.id) - Number(a.id))
    .slice(0, STATEMENT_ENTRIES)
    .map(toEntry);
  return {
    customerId,
    balance: account?.balance ?? 0,
    level: account?.level ?? openingLevel(ctx),
    levelSince: dates?.levelSince ?? null,
    entries,
  };
}
