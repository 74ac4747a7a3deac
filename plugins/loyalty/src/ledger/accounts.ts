import {
  chunked,
  customerKeys,
  dialectOf,
  notFound,
  PreparedBatch,
  packedCustomerRows,
  unpackRows,
} from '@guanxi/core';
import { sql } from 'kysely';
import { isoNow, type LoyaltyContext } from '../context';
import { type LoyaltyTables, loyaltyDb } from '../tables';
import { statementChunks } from './statement-chunks';

/** What earning and spending keep current on every change. */
export interface Account {
  readonly customerId: number;
  readonly balance: number;
  readonly level: string;
  /** The whole history's level value, points and spend: no period's value is higher. */
  readonly earned: number;
  readonly spend: number;
}

/** The times an account's level rules look at. */
export interface AccountDates {
  readonly customerId: number;
  readonly levelSince: string;
  readonly belowSince: string | null;
  /** When the customer first earned, or null. */
  readonly firstEarnedAt: string | null;
}

const ACCOUNT_COLUMNS = ['customer_id', 'balance', 'level', 'earned', 'spend'] as const;

const DATE_COLUMNS = ['customer_id', 'level_since', 'below_since', 'first_earned_at'] as const;

interface DatesRow {
  team_id: number;
  customer_id: number;
  level_since: string;
  below_since: null;
  first_earned_at: string | null;
  updated_at: string;
}

/** Opens missing date rows, and records a first earning where none is recorded yet. */
const openDateRows = new PreparedBatch<DatesRow, unknown, LoyaltyTables>(
  ['team_id', 'customer_id', 'level_since', 'below_since', 'first_earned_at', 'updated_at'],
  (db, rows) =>
    db
      .insertInto('loyalty_account_dates')
      .values(rows)
      .onConflict((oc) =>
        oc
          .columns(['team_id', 'customer_id'])
          .doUpdateSet({ first_earned_at: sql`excluded.first_earned_at` })
          .where(
            sql<boolean>`loyalty_account_dates.first_earned_at is null
              and excluded.first_earned_at is not null`,
          ),
      ),
);

/**
 * Opens the date rows of accounts that have none (the level reached now), and records when
 * each customer first earned (`firstEarnedAt`) unless an earlier one is recorded. The clock
 * is taken to move forward: a first earning, once recorded, is not moved back.
 */
export async function openDates(
  ctx: LoyaltyContext,
  firstEarnings: ReadonlyMap<number, string | null>,
): Promise<void> {
  const now = isoNow(ctx);
  const rows = [...firstEarnings]
    .sort(([a], [b]) => a - b)
    .map(([customerId, firstEarnedAt]) => ({
      team_id: ctx.teamId,
      customer_id: customerId,
      level_since: now,
      below_since: null,
      first_earned_at: firstEarnedAt,
      updated_at: now,
    }));
  for (const chunk of statementChunks(rows)) await openDateRows.execute(loyaltyDb(ctx), chunk);
}

/** The level a new account opens at: the first configured. */
export function openingLevel(ctx: Pick<LoyaltyContext, 'config'>): string {
  return ctx.config.levels.thresholds[0]?.id ?? 'member';
}

/** Creates missing accounts at balance 0 and the first level. */
export async function ensureAccounts(
  ctx: LoyaltyContext,
  customerIds: readonly number[],
): Promise<void> {
  const level = openingLevel(ctx);
  const ids = [...new Set(customerIds)];
  for (const chunk of chunked(ids, 500)) {
    await loyaltyDb(ctx)
      .insertInto('loyalty_accounts')
      .values(
        chunk.map((customerId) => ({
          team_id: ctx.teamId,
          customer_id: customerId,
          balance: 0,
          level,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  await openDates(ctx, new Map(ids.map((id) => [id, null])));
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
  for (const chunk of chunked(changed, 500)) {
    const cases = sql.join(
      chunk.map(([id, delta]) => sql`when ${id} then cast(${delta} as bigint)`),
      sql` `,
    );
    await loyaltyDb(ctx)
      .updateTable('loyalty_accounts')
      .set({ balance: sql<number>`balance + case customer_id ${cases} else 0 end` })
      .where('team_id', '=', ctx.teamId)
      .where(
        'customer_id',
        'in',
        chunk.map(([id]) => id),
      )
      .execute();
  }
}

/** Takes a refunded order's points and spend out of the level value of the customer's history. */
export async function unearn(
  ctx: LoyaltyContext,
  customerId: number,
  refunded: { points: number; amount: number },
): Promise<void> {
  await loyaltyDb(ctx)
    .updateTable('loyalty_accounts')
    .set({
      earned: sql<number>`earned - ${refunded.points}`,
      spend: sql<number>`spend - ${refunded.amount}`,
    })
    .where('team_id', '=', ctx.teamId)
    .where('customer_id', '=', customerId)
    .execute();
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

/** Distinct ids in key order: each statement of a chunked read then reads neighbouring rows. */
function inKeyOrder(customerIds: readonly number[]): number[] {
  return [...new Set(customerIds)].sort((a, b) => a - b);
}

const accountsOf = packedCustomerRows<LoyaltyTables>('loyalty_accounts', ACCOUNT_COLUMNS);

const datesOf = packedCustomerRows<LoyaltyTables>('loyalty_account_dates', DATE_COLUMNS);

export async function readAccounts(
  ctx: Pick<LoyaltyContext, 'teamId' | 'db'>,
  customerIds: readonly number[],
): Promise<Map<number, Account>> {
  const accounts = new Map<number, Account>();
  const keys = customerKeys(ctx.teamId, inKeyOrder(customerIds));
  for (const chunk of statementChunks(keys)) {
    const packed = await accountsOf.execute(loyaltyDb(ctx), chunk);
    for (const [customerId, balance, level, earned, spend] of unpackRows(packed)) {
      accounts.set(Number(customerId), {
        customerId: Number(customerId),
        balance: Number(balance),
        level: level as string,
        earned: Number(earned),
        spend: Number(spend),
      });
    }
  }
  return accounts;
}

export async function readAccountDates(
  ctx: Pick<LoyaltyContext, 'teamId' | 'db'>,
  customerIds: readonly number[],
): Promise<Map<number, AccountDates>> {
  const dates = new Map<number, AccountDates>();
  const keys = customerKeys(ctx.teamId, inKeyOrder(customerIds));
  for (const chunk of statementChunks(keys)) {
    const packed = await datesOf.execute(loyaltyDb(ctx), chunk);
    for (const [customerId, levelSince, belowSince, firstEarnedAt] of unpackRows(packed)) {
      dates.set(Number(customerId), {
        customerId: Number(customerId),
        levelSince: levelSince as string,
        belowSince: belowSince as string | null,
        firstEarnedAt: firstEarnedAt as string | null,
      });
    }
  }
  return dates;
}

/** Whether the account shows earning: a customer with none may be earning for the first time. */
export function hasEarned(account: Account | undefined): boolean {
  return account !== undefined && (account.earned !== 0 || account.spend !== 0);
}

interface AccountRow {
  customer_id: number;
  balance: number;
  level: string;
  earned: number;
  spend: number;
}

function toAccount(row: AccountRow): Account {
  return {
    customerId: Number(row.customer_id),
    balance: Number(row.balance),
    level: row.level,
    earned: Number(row.earned),
    spend: Number(row.spend),
  };
}
