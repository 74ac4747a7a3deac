import { chunked, PreparedBatch } from '@guanxi/core';
import { sql } from 'kysely';
import { isoDaysFrom, type LoyaltyContext } from '../context';
import { type LedgerKind, type LoyaltyTables, loyaltyDb } from '../tables';
import { ENTRY_COLUMNS, ENTRY_FIELDS, type LedgerEntry, toEntry } from './entries';

export interface Credit {
  readonly customerId: number;
  readonly kind: 'earn' | 'adjust';
  readonly points: number;
  readonly amount?: number;
  readonly orderId?: number;
  readonly reference?: string;
  readonly note?: string;
}

interface CreditRow {
  team_id: number;
  customer_id: number;
  kind: LedgerKind;
  points: number;
  amount: number | null;
  order_id: number | null;
  reward_id: null;
  reference: string | null;
  expires_at: string | null;
  shortfall: null;
  note: string | null;
  actor: string;
  at: string;
  remaining: number | null;
}

const CREDIT_COLUMNS = ['team_id', ...ENTRY_FIELDS, 'remaining'] as const;

interface AccountDelta {
  team_id: number;
  customer_id: number;
  balance: number;
  level: string;
  level_since: string;
  below_since: null;
  updated_at: string;
  earned: number;
  spend: number;
}

const ACCOUNT_COLUMNS = [
  'team_id',
  'customer_id',
  'balance',
  'level',
  'level_since',
  'below_since',
  'updated_at',
  'earned',
  'spend',
] as const;

const insertCredits = new PreparedBatch<CreditRow, unknown, LoyaltyTables>(
  CREDIT_COLUMNS,
  (db, rows) => db.insertInto('loyalty_ledger').values(rows),
);

/** Opens missing accounts at the first level, and adds to the balance and lifetime sums. */
const addToAccounts = new PreparedBatch<AccountDelta, unknown, LoyaltyTables>(
  ACCOUNT_COLUMNS,
  (db, rows) =>
    db
      .insertInto('loyalty_accounts')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['team_id', 'customer_id']).doUpdateSet({
          balance: sql`loyalty_accounts.balance + excluded.balance`,
          earned: sql`loyalty_accounts.earned + excluded.earned`,
          spend: sql`loyalty_accounts.spend + excluded.spend`,
          updated_at: sql`excluded.updated_at`,
        }),
      ),
);

function creditRows(ctx: LoyaltyContext, credits: readonly Credit[], actor: string): CreditRow[] {
  const at = isoDaysFrom(ctx);
  const days = ctx.config.expiryDays;
  const expiresAt = days > 0 ? isoDaysFrom(ctx, days) : null;
  return credits.map((c) => ({
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
    remaining: c.points > 0 ? c.points : null,
  }));
}

type Written = Pick<LedgerEntry, 'customerId' | 'kind' | 'points' | 'amount'>;

/** Adds written credits to their accounts: balance, and lifetime points earned and spend. */
async function credited(ctx: LoyaltyContext, written: readonly Written[]): Promise<void> {
  const now = isoDaysFrom(ctx);
  const level = ctx.config.levels.thresholds[0]?.id ?? 'member';
  const deltas = new Map<number, AccountDelta>();
  for (const entry of written) {
    let delta = deltas.get(entry.customerId);
    if (delta === undefined) {
      delta = {
        team_id: ctx.teamId,
        customer_id: entry.customerId,
        balance: 0,
        level,
        level_since: now,
        below_since: null,
        updated_at: now,
        earned: 0,
        spend: 0,
      };
      deltas.set(entry.customerId, delta);
    }
    delta.balance += entry.points;
    if (entry.kind === 'earn') {
      delta.earned += entry.points;
      delta.spend += entry.amount ?? 0;
    }
  }
  const ordered = [...deltas.values()].sort((a, b) => a.customer_id - b.customer_id);
  for (const chunk of chunked(ordered, 500)) await addToAccounts.execute(loyaltyDb(ctx), chunk);
}

/**
 * Writes credits (points ≥ 0) as ledger entries, each holding its unspent points, and adds
 * them to the balances. A credit whose order or reference is already in the ledger is
 * skipped, so replaying earns nothing twice; the entries actually written are returned.
 */
export async function credit(
  ctx: LoyaltyContext,
  credits: readonly Credit[],
  actor: string,
): Promise<LedgerEntry[]> {
  const written: LedgerEntry[] = [];
  for (const chunk of chunked(creditRows(ctx, credits, actor), 500)) {
    const entries = await loyaltyDb(ctx)
      .insertInto('loyalty_ledger')
      .values(chunk)
      .onConflict((oc) => oc.doNothing())
      .returning(ENTRY_COLUMNS)
      .execute();
    written.push(...entries.map(toEntry));
  }
  await credited(ctx, written);
  return written;
}

/**
 * Writes a batch of credits the caller has checked are new (no order or reference already in
 * the ledger), 500 rows a statement with no read back, and adds them to the balances. A
 * duplicate fails the batch instead of being skipped, so balances never drift from the ledger.
 */
export async function creditNew(
  ctx: LoyaltyContext,
  credits: readonly Credit[],
  actor: string,
): Promise<void> {
  const rows = creditRows(ctx, credits, actor);
  for (const chunk of chunked(rows, 500)) await insertCredits.execute(loyaltyDb(ctx), chunk);
  await credited(
    ctx,
    rows.map((row) => ({
      customerId: row.customer_id,
      kind: row.kind,
      points: row.points,
      amount: row.amount,
    })),
  );
}
