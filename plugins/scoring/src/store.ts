import { chunked, dayOf, type Order, PreparedBatch } from '@guanxi/core';
import type { Kysely } from 'kysely';
import type { ScoreRecord } from './events';

export interface ScoringTables {
  scoring_purchase_days: { customer_id: number; team_id: number; day: string; amount: number };
  scoring_scores: {
    customer_id: number;
    scorer: string;
    team_id: number;
    version: string;
    value: number;
    reasons: string;
    scored_at: string;
  };
  scoring_fits: {
    team_id: number;
    model: string;
    unit: string;
    until: string;
    params: string;
    log_likelihood: number;
    spend_params: string | null;
    customers: number;
    repeat_buyers: number;
    fitted_at: string;
    selection: string;
  };
  scoring_backtests: {
    team_id: number;
    unit: string;
    until: string;
    holdout_end: string;
    best: string | null;
    results: string;
    ran_at: string;
  };
  scoring_rfm_cuts: { team_id: number; cuts: string; computed_at: string };
}

export type ScoringDb = Kysely<ScoringTables>;

/** One purchase day of one customer: all of that day's orders, summed. */
export interface PurchaseDay {
  readonly customerId: number;
  readonly day: string;
  readonly amount: number;
}

type DayRow = ScoringTables['scoring_purchase_days'];

const upsertDays = new PreparedBatch<DayRow, unknown, ScoringTables>(
  ['customer_id', 'team_id', 'day', 'amount'],
  (db, rows) =>
    db
      .insertInto('scoring_purchase_days')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['team_id', 'customer_id', 'day']).doUpdateSet((eb) => ({
          amount: eb('scoring_purchase_days.amount', '+', eb.ref('excluded.amount')),
        })),
      ),
);

/** Folds orders into purchase days; several orders on one of the team's days are one purchase. */
export async function addPurchaseDays(
  db: ScoringDb,
  teamId: number,
  timeZone: string,
  orders: readonly Order[],
): Promise<void> {
  const byDay = new Map<string, DayRow>();
  for (const order of orders) {
    const day = dayOf(order.placedAt, timeZone);
    const key = `${order.customerId}|${day}`;
    const row = byDay.get(key);
    if (row === undefined) {
      byDay.set(key, { customer_id: order.customerId, team_id: teamId, day, amount: order.amount });
    } else {
      row.amount += order.amount;
    }
  }
  for (const rows of chunked([...byDay.values()], 500)) await upsertDays.execute(db, rows);
}

/**
 * The team's first and last purchase days, up to and including `until` when given; null
 * without any.
 */
export async function purchaseDayRange(
  db: ScoringDb,
  teamId: number,
  until?: string,
): Promise<{ first: string; last: string } | null> {
  const row = await db
    .selectFrom('scoring_purchase_days')
    .select((eb) => [eb.fn.min('day').as('first'), eb.fn.max('day').as('last')])
    .where('team_id', '=', teamId)
    .$if(until !== undefined, (qb) => qb.where('day', '<=', until as string))
    .executeTakeFirst();
  return row?.first == null || row.last == null ? null : { first: row.first, last: row.last };
}

/** The purchase days of these customers up to and including `until` (YYYY-MM-DD). */
export async function purchaseDaysOf(
  db: ScoringDb,
  teamId: number,
  customerIds: readonly number[],
  until: string,
): Promise<PurchaseDay[]> {
  const days: PurchaseDay[] = [];
  for (const ids of chunked(customerIds, 500)) {
    const rows = await db
      .selectFrom('scoring_purchase_days')
      .select(['customer_id', 'day', 'amount'])
      .where('team_id', '=', teamId)
      .where('customer_id', 'in', ids)
      .where('day', '<=', until)
      .orderBy('customer_id')
      .orderBy('day')
      .execute();
    for (const row of rows) {
      days.push({ customerId: Number(row.customer_id), day: row.day, amount: Number(row.amount) });
    }
  }
  return days;
}

/**
 * Every purchase day of a team up to and including `until`, grouped by customer in day
 * order, a page of customers at a time.
 */
export async function* teamPurchaseDays(
  db: ScoringDb,
  teamId: number,
  until: string,
  pageSize = 5_000,
): AsyncGenerator<PurchaseDay[]> {
  let after = 0;
  for (;;) {
    const ids = await db
      .selectFrom('scoring_purchase_days')
      .select('customer_id')
      .distinct()
      .where('team_id', '=', teamId)
      .where('customer_id', '>', after)
      .where('day', '<=', until)
      .orderBy('customer_id')
      .limit(pageSize)
      .execute();
    if (ids.length === 0) return;
    const first = Number(ids[0]?.customer_id);
    after = Number(ids[ids.length - 1]?.customer_id);
    const rows = await db
      .selectFrom('scoring_purchase_days')
      .select(['customer_id', 'day', 'amount'])
      .where('team_id', '=', teamId)
      .where('customer_id', '>=', first)
      .where('customer_id', '<=', after)
      .where('day', '<=', until)
      .orderBy('customer_id')
      .orderBy('day')
      .execute();
    yield rows.map((row) => ({
      customerId: Number(row.customer_id),
      day: row.day,
      amount: Number(row.amount),
    }));
  }
}

export async function storeScores(
  db: ScoringDb,
  teamId: number,
  records: readonly ScoreRecord[],
): Promise<void> {
  for (const chunk of chunked(records, 500)) {
    await db
      .insertInto('scoring_scores')
      .values(
        chunk.map((r) => ({
          customer_id: r.customerId,
          scorer: r.scorer,
          team_id: teamId,
          version: r.version,
          value: r.value,
          reasons: JSON.stringify(r.reasons),
          scored_at: r.scoredAt,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['customer_id', 'scorer']).doUpdateSet((eb) => ({
          version: eb.ref('excluded.version'),
          value: eb.ref('excluded.value'),
          reasons: eb.ref('excluded.reasons'),
          scored_at: eb.ref('excluded.scored_at'),
        })),
      )
      .execute();
  }
}

/** Deletes the stored scores of `scorer` for these customers. */
export async function dropScores(
  db: ScoringDb,
  scorer: string,
  customerIds: readonly number[],
): Promise<void> {
  for (const ids of chunked(customerIds, 500)) {
    await db
      .deleteFrom('scoring_scores')
      .where('customer_id', 'in', ids)
      .where('scorer', '=', scorer)
      .execute();
  }
}

/** The stored scores of one customer, by scorer key. */
export async function scoresOf(db: ScoringDb, customerId: number): Promise<ScoreRecord[]> {
  const rows = await db
    .selectFrom('scoring_scores')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('scorer')
    .execute();
  return rows.map((row) => ({
    customerId: Number(row.customer_id),
    scorer: row.scorer,
    version: row.version,
    value: Number(row.value),
    reasons: JSON.parse(row.reasons) as string[],
    scoredAt: row.scored_at,
  }));
}
