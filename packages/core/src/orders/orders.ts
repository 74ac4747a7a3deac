import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { CoreRuntime } from '../core-runtime';
import { requireCustomers } from '../customers/require-customers';
import { addOrdersToFacts } from '../facts/facts-writer';
import { activateByOrders } from '../lifecycle/lifecycle';
import type { StageEvent } from '../lifecycle/stage-event';
import { dayOf } from '../local-days';
import type { ReportRange } from '../plugins/report-range';
import { PreparedBatch } from '../storage/prepared-batch';
import { PreparedQuery } from '../storage/prepared-query';
import type { CoreTables, OrdersTable } from '../storage/schema';
import { chunked, inTransaction } from '../storage/transaction';
import { requireTeam } from '../teams/teams';
import { instantIn } from '../time';
import { parseBatch } from '../validation';
import type { Order } from './order';
import { type OrderInput, orderInputSchema, type ParsedOrderInput } from './order-input';
import {
  buyersInTouch,
  type OrderSummary,
  orderSummary,
  orderSummaryByOwner,
} from './order-summary';

type OrderRow = Omit<Insertable<OrdersTable>, 'id'>;

const insertOrders = new PreparedBatch<OrderRow, { id: number; external_id: string | null }>(
  [
    'team_id',
    'customer_id',
    'external_id',
    'amount',
    'cost',
    'currency',
    'placed_at',
    'created_at',
  ],
  (db, rows) =>
    db
      .insertInto('orders')
      .values(rows)
      .onConflict((oc) => oc.columns(['team_id', 'external_id']).doNothing())
      .returning(['id', 'external_id']),
);

const latestOrders = new PreparedQuery<
  { teamId: number; customerId: number; limit: number },
  Selectable<OrdersTable>
>((db, param) =>
  db
    .selectFrom('orders')
    .selectAll()
    .where('customer_id', '=', param('customerId'))
    .where('team_id', '=', param('teamId'))
    .orderBy('placed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(param('limit')),
);

/** A row to insert, with the index of its input in the batch. */
interface IndexedRow {
  readonly index: number;
  readonly row: OrderRow;
}

/** An order the insert stored, with the index of its input in the batch. */
interface StoredOrder {
  readonly index: number;
  readonly order: Order;
}

/**
 * The orders of `rows` the insert stored, with their ids. Only an external id already
 * stored is skipped (the batch has no repeats), and ids are drawn in row order.
 */
function storedOrders(
  rows: readonly IndexedRow[],
  inserted: readonly { id: number; external_id: string | null }[],
): StoredOrder[] {
  const ids = inserted.map((row) => row.id).sort((a, b) => a - b);
  let kept = rows;
  if (inserted.length < rows.length) {
    const stored = new Set(inserted.map((row) => row.external_id));
    kept = rows.filter(({ row }) => row.external_id == null || stored.has(row.external_id));
  }
  return kept.map(({ index, row }, position) => ({
    index,
    order: {
      id: ids[position] as number,
      teamId: row.team_id,
      customerId: row.customer_id,
      externalId: row.external_id ?? null,
      amount: row.amount,
      cost: row.cost ?? null,
      currency: row.currency,
      placedAt: row.placed_at,
      createdAt: row.created_at,
    },
  }));
}

/**
 * Splits a joint batch's outcome among its calls, by the index of each input: a call's
 * orders, its duplicates (indexed within the call), and the stage changes of customers whose
 * first recorded order in the batch is the call's, as if the calls had run one after another.
 */
function eachCallsPart(
  calls: readonly OrderCall[],
  stored: readonly StoredOrder[],
  duplicates: readonly { index: number; externalId: string }[],
  transitions: readonly StageEvent[],
): RecordOrdersResult[] {
  // For each input of the batch, the position of its call and its index within the call.
  const callOf: number[] = [];
  const indexInCall: number[] = [];
  for (const [position, call] of calls.entries()) {
    for (const index of call.orders.keys()) {
      callOf.push(position);
      indexInCall.push(index);
    }
  }
  const parts = calls.map(() => ({
    recorded: [] as Order[],
    duplicates: [] as { index: number; externalId: string }[],
    transitions: [] as StageEvent[],
  }));
  const firstBuyer = new Map<number, number>();
  for (const { index, order } of stored) {
    const position = callOf[index] as number;
    parts[position]?.recorded.push(order);
    if (!firstBuyer.has(order.customerId)) firstBuyer.set(order.customerId, position);
  }
  for (const { index, externalId } of [...duplicates].sort((a, b) => a.index - b.index)) {
    const position = callOf[index] as number;
    parts[position]?.duplicates.push({ index: indexInCall[index] as number, externalId });
  }
  for (const transition of transitions) {
    parts[firstBuyer.get(transition.customerId) as number]?.transitions.push(transition);
  }
  return parts;
}

/** One customer's orders of one of the team's days. */
export interface DayTotal {
  readonly day: string;
  readonly amount: number;
}

export interface RecordOrdersOptions {
  /** Who recorded the orders; kept on the stage changes they cause. */
  readonly actor?: string;
}

/** A call of `record`, its input checked. */
interface OrderCall {
  readonly teamId: number;
  readonly orders: readonly ParsedOrderInput[];
  readonly actor: string;
}

export interface RecordOrdersResult {
  readonly recorded: readonly Order[];
  /** Inputs whose external id was already recorded (or repeated in the batch): not recorded again. */
  readonly duplicates: readonly { readonly index: number; readonly externalId: string }[];
  readonly transitions: readonly StageEvent[];
}

export function toOrder(row: Selectable<OrdersTable>): Order {
  return {
    id: row.id,
    teamId: row.team_id,
    customerId: row.customer_id,
    externalId: row.external_id,
    amount: row.amount,
    cost: row.cost,
    currency: row.currency,
    placedAt: row.placed_at,
    createdAt: row.created_at,
  };
}

/** Orders, recorded in batches and idempotent by external id within a team. */
export class Orders {
  readonly #rt: CoreRuntime;
  readonly #db: Kysely<CoreTables>;

  constructor(rt: CoreRuntime, db: Kysely<CoreTables>) {
    this.#rt = rt;
    this.#db = db;
  }

  /**
   * Records a batch in one transaction: the orders, the customers' facts, the stage
   * changes they cause, then `orders:recorded`, `lifecycle:transitioned` and
   * `customer:wonBack`. Invalid input rejects the whole batch and writes nothing. Outside a
   * transaction, small batches arriving together (a shop's feed of single orders) share one
   * (see GroupCommit): each call still gets its own orders, duplicates and stage changes.
   */
  async record(
    teamId: number,
    inputs: readonly OrderInput[],
    options: RecordOrdersOptions = {},
  ): Promise<RecordOrdersResult> {
    const call: OrderCall = {
      teamId,
      orders: parseBatch(orderInputSchema, inputs, 'orders'),
      actor: options.actor ?? 'system',
    };
    return this.#rt.groupCommit.submit(
      this.#db,
      `orders:${teamId}:${call.actor}`,
      call,
      call.orders.length,
      (take: () => readonly OrderCall[]) =>
        inTransaction(this.#db, (trx) => this.#write(trx, take())),
    );
  }

  /** Records the orders of calls of one team and actor as one batch; each call's part of it. */
  async #write(
    trx: Kysely<CoreTables>,
    calls: readonly OrderCall[],
  ): Promise<RecordOrdersResult[]> {
    const { teamId, actor } = calls[0] as OrderCall;
    const parsed = calls.flatMap((call) => call.orders);
    const team = await requireTeam(trx, teamId);
    const stages = await requireCustomers(trx, teamId, parsed, 'orders');
    const now = this.#rt.now();
    const seen = new Set<string>();
    const duplicates: { index: number; externalId: string }[] = [];
    const rows: IndexedRow[] = [];
    for (const [index, order] of parsed.entries()) {
      if (order.externalId !== undefined) {
        if (seen.has(order.externalId)) {
          duplicates.push({ index, externalId: order.externalId });
          continue;
        }
        seen.add(order.externalId);
      }
      rows.push({
        index,
        row: {
          team_id: teamId,
          customer_id: order.customerId,
          external_id: order.externalId ?? null,
          amount: order.amount,
          cost: order.cost ?? null,
          currency: order.currency ?? team.currency,
          placed_at: instantIn(order.placedAt, team.timeZone),
          created_at: now,
        },
      });
    }
    const stored: StoredOrder[] = [];
    for (const chunk of chunked(rows, 500)) {
      const inserted = await insertOrders.execute(
        trx,
        chunk.map((each) => each.row),
      );
      stored.push(...storedOrders(chunk, inserted));
    }
    if (stored.length < rows.length) {
      const kept = new Set(stored.map((each) => each.index));
      for (const { index, row } of rows) {
        if (!kept.has(index)) duplicates.push({ index, externalId: row.external_id as string });
      }
    }
    const recorded = stored.map((each) => each.order);
    await addOrdersToFacts(trx, recorded, now);
    await this.#rt.hooks.emit(trx, 'orders:recorded', teamId, recorded);
    const transitions = await activateByOrders(
      this.#rt,
      trx,
      teamId,
      stages,
      recorded.map((order) => order.customerId),
      actor,
    );
    return eachCallsPart(calls, stored, duplicates, transitions);
  }

  /**
   * Each customer's distinct order days (YYYY-MM-DD in the team's time zone), oldest first;
   * customers with no orders are left out. One indexed read per 500 customers.
   */
  async days(teamId: number, customerIds: readonly number[]): Promise<Map<number, string[]>> {
    const totals = await this.dayTotals(teamId, customerIds);
    return new Map([...totals].map(([id, days]) => [id, days.map((d) => d.day)]));
  }

  /** As `days`, with each day's order amounts summed (minor units, any currency). */
  async dayTotals(
    teamId: number,
    customerIds: readonly number[],
  ): Promise<Map<number, DayTotal[]>> {
    const { timeZone } = await requireTeam(this.#db, teamId);
    const days = new Map<number, { day: string; amount: number }[]>();
    for (const ids of chunked([...new Set(customerIds)], 500)) {
      const rows = await this.#ofCustomers(teamId, ids)
        .select(['customer_id', 'placed_at', 'amount'])
        .orderBy('customer_id')
        .orderBy('placed_at')
        .execute();
      for (const row of rows) {
        const id = Number(row.customer_id);
        const day = dayOf(row.placed_at, timeZone);
        const list = days.get(id);
        const last = list?.[list.length - 1];
        if (last?.day === day) last.amount += Number(row.amount);
        else if (list === undefined) days.set(id, [{ day, amount: Number(row.amount) }]);
        else list.push({ day, amount: Number(row.amount) });
      }
    }
    return days;
  }

  /** The ids of every order of these customers, in no particular order. One read per 500. */
  async idsOf(teamId: number, customerIds: readonly number[]): Promise<number[]> {
    const ids: number[] = [];
    for (const chunk of chunked([...new Set(customerIds)], 500)) {
      const rows = await this.#ofCustomers(teamId, chunk).select('id').execute();
      for (const row of rows) ids.push(Number(row.id));
    }
    return ids;
  }

  /**
   * The team's buyers of a range of time (`from` inclusive, `to` exclusive): how many, how
   * many came back, their orders and revenue, and how many orders each placed. One query.
   */
  async summary(teamId: number, range: Pick<ReportRange, 'from' | 'to'>): Promise<OrderSummary> {
    return orderSummary(this.#db, teamId, range);
  }

  /** `summary` for each owner's customers, keyed by owner (null: nobody's). One query. */
  async summaryByOwner(
    teamId: number,
    range: Pick<ReportRange, 'from' | 'to'>,
  ): Promise<Map<number | null, OrderSummary>> {
    return orderSummaryByOwner(this.#db, teamId, range);
  }

  /** How many buyers of the range also got in touch with the team on their own in it. */
  async buyersInTouch(teamId: number, range: Pick<ReportRange, 'from' | 'to'>): Promise<number> {
    return buyersInTouch(this.#db, teamId, range);
  }

  /** The team's orders of these customers, read through the customer index. */
  #ofCustomers(teamId: number, customerIds: readonly number[]) {
    return (
      this.#db
        .selectFrom('orders')
        .where('customer_id', 'in', customerIds)
        // `+team_id` keeps SQLite's planner on the customer index: offered team_id, it walks the
        // team's orders through the (team, external id) index instead.
        .where(sql<boolean>`+team_id = ${teamId}`)
    );
  }

  /** A customer's orders, newest first. */
  async forCustomer(teamId: number, customerId: number, limit = 50): Promise<Order[]> {
    const rows = await latestOrders.execute(this.#db, { teamId, customerId, limit });
    return rows.map(toOrder);
  }
}
