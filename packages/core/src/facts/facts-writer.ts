import { type Kysely, sql } from 'kysely';
import type { Interaction } from '../interactions/interaction';
import type { Order } from '../orders/order';
import { dialectOf } from '../storage/columns';
import { PreparedBatch } from '../storage/prepared-batch';
import type { CoreTables } from '../storage/schema';
import { chunked } from '../storage/transaction';
import { FACT_COLUMNS } from './facts';

interface FactsDelta {
  customer_id: number;
  team_id: number;
  first_order_at: string | null;
  last_order_at: string | null;
  order_count: number;
  revenue: number;
  margin: number;
  last_interaction_at: string | null;
  interaction_count: number;
  updated_at: string;
}

const earliest = (column: string) =>
  sql.raw<string | null>(
    `case when customer_facts.${column} is null or excluded.${column} < customer_facts.${column} then excluded.${column} else customer_facts.${column} end`,
  );
const latest = (column: string) =>
  sql.raw<string | null>(
    `case when customer_facts.${column} is null or excluded.${column} > customer_facts.${column} then excluded.${column} else customer_facts.${column} end`,
  );

const upsertOrderFacts = new PreparedBatch<FactsDelta>(FACT_COLUMNS, (db, rows) =>
  db
    .insertInto('customer_facts')
    .values(rows)
    .onConflict((oc) =>
      oc.column('customer_id').doUpdateSet({
        order_count: sql`customer_facts.order_count + excluded.order_count`,
        revenue: sql`customer_facts.revenue + excluded.revenue`,
        margin: sql`customer_facts.margin + excluded.margin`,
        first_order_at: earliest('first_order_at'),
        last_order_at: latest('last_order_at'),
        version: sql`customer_facts.version + 1`,
        updated_at: sql`excluded.updated_at`,
      }),
    ),
);

const upsertInteractionFacts = new PreparedBatch<FactsDelta>(FACT_COLUMNS, (db, rows) =>
  db
    .insertInto('customer_facts')
    .values(rows)
    .onConflict((oc) =>
      oc.column('customer_id').doUpdateSet({
        interaction_count: sql`customer_facts.interaction_count + excluded.interaction_count`,
        last_interaction_at: latest('last_interaction_at'),
        version: sql`customer_facts.version + 1`,
        updated_at: sql`excluded.updated_at`,
      }),
    ),
);

/** Adds one batch's orders to each customer's facts: one upsert per 500 customers. */
export async function addOrdersToFacts(
  trx: Kysely<CoreTables>,
  orders: readonly Order[],
  now: string,
): Promise<void> {
  const deltas = new Map<number, FactsDelta>();
  for (const order of orders) {
    const delta = deltas.get(order.customerId) ?? emptyDelta(order.customerId, order.teamId, now);
    delta.order_count += 1;
    delta.revenue += order.amount;
    if (order.cost !== null) delta.margin += order.amount - order.cost;
    if (delta.first_order_at === null || order.placedAt < delta.first_order_at) {
      delta.first_order_at = order.placedAt;
    }
    if (delta.last_order_at === null || order.placedAt > delta.last_order_at) {
      delta.last_order_at = order.placedAt;
    }
    deltas.set(order.customerId, delta);
  }
  for (const chunk of chunked(inKeyOrder(deltas), 500)) await upsertOrderFacts.execute(trx, chunk);
}

/** Adds one batch's interactions to each customer's facts. */
export async function addInteractionsToFacts(
  trx: Kysely<CoreTables>,
  interactions: readonly Interaction[],
  now: string,
): Promise<void> {
  const deltas = new Map<number, FactsDelta>();
  for (const interaction of interactions) {
    const delta =
      deltas.get(interaction.customerId) ??
      emptyDelta(interaction.customerId, interaction.teamId, now);
    delta.interaction_count += 1;
    if (delta.last_interaction_at === null || interaction.occurredAt > delta.last_interaction_at) {
      delta.last_interaction_at = interaction.occurredAt;
    }
    deltas.set(interaction.customerId, delta);
  }
  for (const chunk of chunked(inKeyOrder(deltas), 500)) {
    await upsertInteractionFacts.execute(trx, chunk);
  }
}

function emptyDelta(customerId: number, teamId: number, now: string): FactsDelta {
  return {
    customer_id: customerId,
    team_id: teamId,
    first_order_at: null,
    last_order_at: null,
    order_count: 0,
    revenue: 0,
    margin: 0,
    last_interaction_at: null,
    interaction_count: 0,
    updated_at: now,
  };
}

/**
 * Marks these customers' cards as changed, so cached cards are rebuilt on the next read;
 * given a team, only its customers. Returns how many were marked.
 *
 * Rows are locked in key order, as the facts upserts lock them: on PostgreSQL an update by a
 * list of ids locks rows in whatever order its plan visits them, and a writer recording
 * orders for some of the same customers (in key order) could then deadlock with it.
 */
export async function touchCards(
  trx: Kysely<CoreTables>,
  customerIds: Iterable<number>,
  teamId?: number,
): Promise<number> {
  const postgres = dialectOf(trx) === 'postgres';
  let touched = 0;
  const ids = [...new Set(customerIds)].sort((a, b) => a - b);
  for (const chunk of chunked(ids, 500)) {
    const rows = postgres
      ? trx
          .selectFrom('customer_facts')
          .select('customer_id')
          .where('customer_id', 'in', chunk)
          .orderBy('customer_id')
          .forUpdate()
      : chunk;
    let update = trx
      .updateTable('customer_facts')
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('customer_id', 'in', rows);
    if (teamId !== undefined) update = update.where('team_id', '=', teamId);
    const result = await update.executeTakeFirst();
    touched += Number(result.numUpdatedRows);
  }
  return touched;
}

/** Deltas by customer id, so each upsert walks the facts B-tree in order. */
function inKeyOrder(deltas: Map<number, FactsDelta>): FactsDelta[] {
  return [...deltas.values()].sort((a, b) => a.customer_id - b.customer_id);
}
