import { PreparedBatch } from '@guanxi/core';
import { sql } from 'kysely';
import type { LoyaltyContext } from '../context';
import { type LoyaltyTables, loyaltyDb } from '../tables';
import { NumbersTable, shared } from './numbers-table';
import { statementChunks } from './statement-chunks';

/** What a batch of credits shares: who wrote them, when, and when their points expire. */
export interface CreditTimes {
  readonly actor: string;
  readonly at: string;
  readonly expiresAt: string | null;
}

/** An earn entry: its customer, its points (≥ 0), and the order and spend it is for, if any. */
export interface Earning {
  readonly customerId: number;
  readonly kind: 'earn';
  readonly points: number;
  readonly orderId: number | null;
  readonly amount: number | null;
}

/** Earn entries written together: with the same reference and note (a bonus's), or none. */
export interface EarnGroup {
  readonly earnings: readonly Earning[];
  readonly reference: string | null;
  readonly note: string | null;
}

/** A row of the insert: the entry's four numbers, and (read from the first row) the batch's. */
interface EarningRow {
  team_id: number;
  actor: string;
  at: string;
  expires_at: string | null;
  reference: string | null;
  note: string | null;
  customer_id: number;
  points: number;
  amount: number | null;
  order_id: number | null;
}

const numbers = new NumbersTable(['customer_id', 'points', 'amount', 'order_id']);

const SHARED = ['team_id', 'actor', 'at', 'expires_at', 'reference', 'note'] as const;

/**
 * Appends earn entries to the ledger: what the batch shares (team, actor, time, expiry,
 * reference, note) is bound once, from the first row, and each row only its four numbers. An
 * entry with points is a lot: it keeps them as `remaining` and expires; one of 0 points is
 * neither.
 */
const insertEarnings = new PreparedBatch<EarningRow, unknown, LoyaltyTables>(
  [...SHARED, ...numbers.columns],
  (db, rows) => {
    const batch = rows[0] as EarningRow;
    return db
      .insertInto('loyalty_ledger')
      .columns(['kind', ...SHARED, ...numbers.columns, 'remaining'])
      .expression(
        db
          .selectFrom(numbers.of(rows))
          .select([
            sql`'earn'`.as('kind'),
            shared(batch.team_id, 'bigint').as('team_id'),
            shared(batch.actor, 'text').as('actor'),
            shared(batch.at, 'text').as('at'),
            sql`case when ${numbers.ref('points')} > 0 then ${shared(batch.expires_at, 'text')} end`.as(
              'expires_at',
            ),
            shared(batch.reference, 'text').as('reference'),
            shared(batch.note, 'text').as('note'),
            ...numbers.all(),
            sql`nullif(${numbers.ref('points')}, 0)`.as('remaining'),
          ]),
      );
  },
);

/** Writes a group of earn entries, 500 a statement, with no read back. */
export async function appendEarnings(
  ctx: LoyaltyContext,
  group: EarnGroup,
  times: CreditTimes,
): Promise<void> {
  const rows = group.earnings.map((earning) => ({
    team_id: ctx.teamId,
    actor: times.actor,
    at: times.at,
    expires_at: times.expiresAt,
    reference: group.reference,
    note: group.note,
    customer_id: earning.customerId,
    points: earning.points,
    amount: earning.amount,
    order_id: earning.orderId,
  }));
  for (const chunk of statementChunks(rows)) await insertEarnings.execute(loyaltyDb(ctx), chunk);
}
