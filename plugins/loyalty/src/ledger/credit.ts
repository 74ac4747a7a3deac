import { chunked, PreparedBatch, startOfDayFrom } from '@guanxi/core';
import { sql } from 'kysely';
import { isoNow, type LoyaltyContext } from '../context';
import { type LedgerKind, type LoyaltyTables, loyaltyDb } from '../tables';
import { type Account, hasEarned, openDates, openingLevel } from './accounts';
import { appendEarnings, type CreditTimes, type EarnGroup } from './earnings';
import { ENTRY_COLUMNS, type LedgerEntry, toEntry } from './entries';
import { NumbersTable, shared } from './numbers-table';
import { statementChunks } from './statement-chunks';

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

/** What a batch adds to an account: to its balance and to its level value. */
export interface Added {
  readonly balance: number;
  readonly earned: number;
  readonly spend: number;
}

interface AccountDelta {
  team_id: number;
  customer_id: number;
  balance: number;
  level: string;
  earned: number;
  spend: number;
}

const deltaNumbers = new NumbersTable(['customer_id', 'balance', 'earned', 'spend']);

/**
 * Opens missing accounts at the first level, and adds to the balance and the history's level
 * value. Team and level are bound once, from the first row, and each row only its numbers.
 * SQLite reads an upsert after a select only past a where clause, hence `where true`.
 */
const addToAccounts = new PreparedBatch<AccountDelta, unknown, LoyaltyTables>(
  ['team_id', 'level', ...deltaNumbers.columns],
  (db, rows) => {
    const batch = rows[0] as AccountDelta;
    return db
      .insertInto('loyalty_accounts')
      .columns(['team_id', 'level', ...deltaNumbers.columns])
      .expression(
        db
          .selectFrom(deltaNumbers.of(rows))
          .select([
            shared(batch.team_id, 'bigint').as('team_id'),
            shared(batch.level, 'text').as('level'),
            ...deltaNumbers.all(),
          ])
          .where(sql<boolean>`true`),
      )
      .onConflict((oc) =>
        oc.columns(['team_id', 'customer_id']).doUpdateSet({
          balance: sql`loyalty_accounts.balance + excluded.balance`,
          earned: sql`loyalty_accounts.earned + excluded.earned`,
          spend: sql`loyalty_accounts.spend + excluded.spend`,
        }),
      );
  },
);

/**
 * The actor, the time and the expiry of credits written now: points earned on one of the
 * team's days last to the end of its day `expiryDays` later.
 */
function creditTimes(ctx: LoyaltyContext, actor: string): CreditTimes {
  const days = ctx.config.expiryDays;
  const at = isoNow(ctx);
  return { actor, at, expiresAt: days > 0 ? startOfDayFrom(at, days + 1, ctx.timeZone) : null };
}

function creditRows(
  ctx: LoyaltyContext,
  credits: readonly Credit[],
  times: CreditTimes,
): CreditRow[] {
  return credits.map((c) => ({
    team_id: ctx.teamId,
    customer_id: c.customerId,
    kind: c.kind,
    points: c.points,
    amount: c.amount ?? null,
    order_id: c.orderId ?? null,
    reward_id: null,
    reference: c.reference ?? null,
    expires_at: c.points > 0 ? times.expiresAt : null,
    shortfall: null,
    note: c.note ?? null,
    actor: times.actor,
    at: times.at,
    remaining: c.points > 0 ? c.points : null,
  }));
}

/** A credit as written, for its account. */
interface Written {
  readonly customerId: number;
  readonly kind: LedgerKind;
  readonly points: number;
  readonly amount?: number | null;
}

/** The customer's delta in `deltas`, opened at 0 (an account it opens starts at `level`). */
function deltaOf(
  deltas: Map<number, AccountDelta>,
  ctx: LoyaltyContext,
  customerId: number,
): AccountDelta {
  let delta = deltas.get(customerId);
  if (delta === undefined) {
    delta = {
      team_id: ctx.teamId,
      customer_id: customerId,
      balance: 0,
      level: openingLevel(ctx),
      earned: 0,
      spend: 0,
    };
    deltas.set(customerId, delta);
  }
  return delta;
}

/**
 * Adds credits written at `at` to their accounts: balance, and the history's level value;
 * returns what each account gained. Customers who may be new or earning for the first time
 * also get their account's dates: all of them, or those of `before` (the accounts as they
 * were) that show no earning.
 */
async function credited(
  ctx: LoyaltyContext,
  written: readonly Written[],
  at: string,
  before?: ReadonlyMap<number, Account>,
): Promise<ReadonlyMap<number, Added>> {
  const deltas = new Map<number, AccountDelta>();
  const earners = new Set<number>();
  for (const entry of written) {
    const delta = deltaOf(deltas, ctx, entry.customerId);
    delta.balance += entry.points;
    if (entry.kind === 'earn') {
      delta.earned += entry.points;
      delta.spend += entry.amount ?? 0;
      earners.add(entry.customerId);
    }
  }
  const ordered = [...deltas.values()].sort((a, b) => a.customer_id - b.customer_id);
  for (const chunk of statementChunks(ordered)) await addToAccounts.execute(loyaltyDb(ctx), chunk);
  const firstEarnings = new Map<number, string | null>();
  for (const customerId of deltas.keys()) {
    if (before === undefined || !hasEarned(before.get(customerId))) {
      firstEarnings.set(customerId, earners.has(customerId) ? at : null);
    }
  }
  await openDates(ctx, firstEarnings);
  return deltas;
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
  const times = creditTimes(ctx, actor);
  const written: LedgerEntry[] = [];
  for (const chunk of chunked(creditRows(ctx, credits, times), 500)) {
    const entries = await loyaltyDb(ctx)
      .insertInto('loyalty_ledger')
      .values(chunk)
      .onConflict((oc) => oc.doNothing())
      .returning(ENTRY_COLUMNS)
      .execute();
    written.push(...entries.map(toEntry));
  }
  await credited(ctx, written, times.at);
  return written;
}

/**
 * Writes groups of earn entries the caller has checked are new (no order or reference already
 * in the ledger), 500 rows a statement with no read back, and adds them to the balances of the
 * accounts, `before` being those the caller read; returns what each account's level value
 * gained. A duplicate fails the batch instead of being skipped, so balances never drift from
 * the ledger.
 */
export async function creditNew(
  ctx: LoyaltyContext,
  groups: readonly EarnGroup[],
  actor: string,
  before: ReadonlyMap<number, Account>,
): Promise<ReadonlyMap<number, Added>> {
  const times = creditTimes(ctx, actor);
  for (const group of groups) await appendEarnings(ctx, group, times);
  return credited(
    ctx,
    groups.flatMap((group) => group.earnings),
    times.at,
    before,
  );
}
