import { type Kysely, sql } from 'kysely';
import type { ReportRange } from '../plugins/report-range';
import type { CoreTables } from '../storage/schema';

/** What a team's buyers did in a range of time, for the console's reports. */
export interface OrderSummary {
  /** Customers with an order in the range. */
  readonly buyers: number;
  /** Buyers who came back: more than one order in the range, or one before it. */
  readonly returning: number;
  readonly orders: number;
  /** The range's order amounts summed, minor units (any currency, as the facts sum them). */
  readonly revenue: number;
  /** Buyers by their orders in the range: one, two, three to five, six or more. */
  readonly byOrders: readonly [number, number, number, number];
}

export const NO_ORDERS: OrderSummary = {
  buyers: 0,
  returning: 0,
  orders: 0,
  revenue: 0,
  byOrders: [0, 0, 0, 0],
};

/** Summaries of customers apart (each owner's) added up: every customer is in one. */
export function addSummaries(summaries: Iterable<OrderSummary>): OrderSummary {
  let total = NO_ORDERS;
  for (const each of summaries) {
    total = {
      buyers: total.buyers + each.buyers,
      returning: total.returning + each.returning,
      orders: total.orders + each.orders,
      revenue: total.revenue + each.revenue,
      byOrders: [
        total.byOrders[0] + each.byOrders[0],
        total.byOrders[1] + each.byOrders[1],
        total.byOrders[2] + each.byOrders[2],
        total.byOrders[3] + each.byOrders[3],
      ],
    };
  }
  return total;
}

type Db = Kysely<CoreTables>;

/** Each buyer of the range with their orders and amount in it, read by the (team, time) index. */
function perBuyer(db: Db, teamId: number, range: Pick<ReportRange, 'from' | 'to'>) {
  return db
    .selectFrom('orders')
    .select((eb) => [
      'customer_id',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>('amount').as('amount'),
    ])
    .where('team_id', '=', teamId)
    .where('placed_at', '>=', range.from)
    .where('placed_at', '<', range.to)
    .groupBy('customer_id');
}

/** The range's buyers `o`, each joined to their facts `f`. */
function buyersWithFacts(db: Db, teamId: number, range: Pick<ReportRange, 'from' | 'to'>) {
  return db
    .selectFrom(perBuyer(db, teamId, range).as('o'))
    .innerJoin('customer_facts as f', 'f.customer_id', 'o.customer_id');
}

/** The sums of a summary over per-buyer rows `o` joined to the buyers' facts `f`. */
function totals(from: string) {
  return [
    sql<number>`count(*)`.as('buyers'),
    sql<number>`sum(case when o.n > 1 or f.first_order_at < ${from} then 1 else 0 end)`.as(
      'returning',
    ),
    sql<number>`sum(o.n)`.as('orders'),
    sql<number>`sum(o.amount)`.as('revenue'),
    sql<number>`sum(case when o.n = 1 then 1 else 0 end)`.as('one'),
    sql<number>`sum(case when o.n = 2 then 1 else 0 end)`.as('two'),
    sql<number>`sum(case when o.n between 3 and 5 then 1 else 0 end)`.as('few'),
    sql<number>`sum(case when o.n > 5 then 1 else 0 end)`.as('many'),
  ] as const;
}

type TotalsRow = Record<
  'buyers' | 'returning' | 'orders' | 'revenue' | 'one' | 'two' | 'few' | 'many',
  number | string | null
>;

function toSummary(row: TotalsRow | undefined): OrderSummary {
  if (row === undefined) return NO_ORDERS;
  const n = (value: number | string | null) => Number(value ?? 0);
  return {
    buyers: n(row.buyers),
    returning: n(row.returning),
    orders: n(row.orders),
    revenue: n(row.revenue),
    byOrders: [n(row.one), n(row.two), n(row.few), n(row.many)],
  };
}

/** The team's buyers of the range, in one aggregated query. */
export async function orderSummary(
  db: Db,
  teamId: number,
  range: Pick<ReportRange, 'from' | 'to'>,
): Promise<OrderSummary> {
  const row = await buyersWithFacts(db, teamId, range)
    .select(totals(range.from))
    .executeTakeFirst();
  return toSummary(row);
}

/** The same for each owner's customers (null: customers nobody owns), in one query. */
export async function orderSummaryByOwner(
  db: Db,
  teamId: number,
  range: Pick<ReportRange, 'from' | 'to'>,
): Promise<Map<number | null, OrderSummary>> {
  // A join, not the owner by primary key row by row: PostgreSQL hashes the customers once.
  const rows = await buyersWithFacts(db, teamId, range)
    .innerJoin('customers as c', 'c.id', 'o.customer_id')
    .select(['c.owner_user_id as owner', ...totals(range.from)])
    .groupBy('c.owner_user_id')
    .execute();
  return new Map(
    rows.map((row) => [row.owner === null ? null : Number(row.owner), toSummary(row)]),
  );
}

/**
 * How many of the range's buyers also got in touch on their own in it (an inbound
 * interaction): the attention they pay the company, by each buyer's interaction index.
 */
export async function buyersInTouch(
  db: Db,
  teamId: number,
  range: Pick<ReportRange, 'from' | 'to'>,
): Promise<number> {
  const row = await db
    .selectFrom(perBuyer(db, teamId, range).as('o'))
    .select(sql<number>`count(*)`.as('n'))
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('interactions as i')
          .select(sql`1`.as('one'))
          .whereRef('i.customer_id', '=', 'o.customer_id')
          .where('i.direction', '=', 'inbound')
          .where('i.occurred_at', '>=', range.from)
          .where('i.occurred_at', '<', range.to),
      ),
    )
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
