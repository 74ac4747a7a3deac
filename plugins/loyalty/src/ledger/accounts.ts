import { chunked, dialectOf, notFound } from '@guanxi/core';
import { sql } from 'kysely';
import { isoDaysFrom, type LoyaltyContext } from '../context';
import { loyaltyDb } from '../tables';

export interface Account {
  readonly customerId: number;
  readonly balance: number;
  readonly level: string;
  readonly levelSince: string;
  readonly belowSince: string | null;
  /** Lifetime points earned and spend: no period's level value can be higher. */
  readonly earned: number;
  readonly spend: number;
}

const ACCOUNT_COLUMNS = [
  'customer_id',
  'balance',
  'level',
  'level_since',
  'below_since',
  'earned',
  'spend',
] as const;

/** Creates missing accounts at balance 0 and the first level. */
export async function ensureAccounts(
  ctx: LoyaltyContext,
  customerIds: readonly number[],
): Promise<void> {
  const now = isoDaysFrom(ctx);
  const level = ctx.config.levels.thresholds[0]?.id ?? 'member';
  for (const ids of chunked([...new Set(customerIds)], 500)) {
    await loyaltyDb(ctx)
      .insertInto('loyalty_accounts')
      .values(
        ids.map((customerId) => ({
          team_id: ctx.teamId,
          customer_id: customerId,
          balance: 0,
          level,
          level_since: now,
          below_since: null,
          updated_at: now,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

/**
 * Adds each signed delta to its customer's balance, one statement per 500 customers. The
 * accounts must exist; the balance check constraint refuses a negative result.
 */
export async function applyDeltas(
  ctx: LoyaltyContext,
  deltas: ReadonlyMap<number, number>,
): Promise<void> {
  const changed = [...deltas].filter(([, delta]) => delta !== 0);
  const now = isoDaysFrom(ctx);
  for (const chunk of chunked(changed, 500)) {
    const cases = sql.join(
      chunk.map(([id, delta]) => sql`when ${id} then cast(${delta} as bigint)`),
      sql` `,
    );
    await loyaltyDb(ctx)
      .updateTable('loyalty_accounts')
      .set({
        balance: sql<number>`balance + case customer_id ${cases} else 0 end`,
        updated_at: now,
      })
      .where('team_id', '=', ctx.teamId)
      .where(
        'customer_id',
        'in',
        chunk.map(([id]) => id),
      )
      .execute();
  }
}

/**
 * The customer's account, locked until the transaction ends (`for update` on PostgreSQL;
 * SQLite already serialises write transactions). Created at 0 if missing.
 */
export async function lockAccount(ctx: LoyaltyContext, customerId: number): Promise<Account> {
  const customer = await ctx.core.customers.find(ctx.teamId, customerId);
  if (customer === undefined) throw notFound('customer', 'customerId', customerId);
  await ensureAccounts(ctx, [customerId]);
  const row = await loyaltyDb(ctx)
    .selectFrom('loyalty_accounts')
    .select(ACCOUNT_COLUMNS)
    .where('team_id', '=', ctx.teamId)
    .where('customer_id', '=', customerId)
    .$if(dialectOf(ctx.db) === 'postgres', (q) => q.forUpdate())
    .executeTakeFirstOrThrow();
  return toAccount(row);
}

export async function readAccounts(
  ctx: LoyaltyContext,
  customerIds: readonly number[],
): Promise<Map<number, Account>> {
  const accounts = new Map<number, Account>();
  for (const ids of chunked([...new Set(customerIds)], 500)) {
    const rows = await loyaltyDb(ctx)
      .selectFrom('loyalty_accounts')
      .select(ACCOUNT_COLUMNS)
      .where('team_id', '=', ctx.teamId)
      .where('customer_id', 'in', ids)
      .execute();
    for (const row of rows) accounts.set(Number(row.customer_id), toAccount(row));
  }
  return accounts;
}

function toAccount(row: {
  customer_id: number;
  balance: number;
  level: string;
  level_since: string;
  below_since: string | null;
  earned: number;
  spend: number;
}): Account {
  return {
    customerId: Number(row.customer_id),
    balance: Number(row.balance),
    level: row.level,
    levelSince: row.level_since,
    belowSince: row.below_since,
    earned: Number(row.earned),
    spend: Number(row.spend),
  };
}
