import type { Kysely, Selectable } from 'kysely';
import { notFound } from '../errors';
import { customerKeys, packedCustomerRows, unpackRows } from '../storage/packed-rows';
import { PreparedQuery } from '../storage/prepared-query';
import type { CoreTables, CustomerFactsTable } from '../storage/schema';
import { chunked } from '../storage/transaction';
import type { CustomerFacts } from './customer-facts';

const factsOf = new PreparedQuery<{ teamId: number; id: number }, Selectable<CustomerFactsTable>>(
  (db, param) =>
    db
      .selectFrom('customer_facts')
      .selectAll()
      .where('customer_id', '=', param('id'))
      .where('team_id', '=', param('teamId')),
);

export function toFacts(row: Selectable<CustomerFactsTable>): CustomerFacts {
  return {
    customerId: row.customer_id,
    teamId: row.team_id,
    firstOrderAt: row.first_order_at,
    lastOrderAt: row.last_order_at,
    orderCount: row.order_count,
    revenue: row.revenue,
    margin: row.margin,
    lastInteractionAt: row.last_interaction_at,
    interactionCount: row.interaction_count,
    updatedAt: row.updated_at,
  };
}

/** The facts' columns, `version` aside: what reads return and what writes add up. */
export const FACT_COLUMNS = [
  'customer_id',
  'team_id',
  'first_order_at',
  'last_order_at',
  'order_count',
  'revenue',
  'margin',
  'last_interaction_at',
  'interaction_count',
  'updated_at',
] as const;

/** Facts from a packed row: its values in the order of `FACT_COLUMNS`. */
function packedFacts(values: unknown[]): CustomerFacts {
  const [customerId, teamId, firstOrderAt, lastOrderAt, orderCount, revenue, margin] = values;
  const [lastInteractionAt, interactionCount, updatedAt] = values.slice(7);
  return {
    customerId: Number(customerId),
    teamId: Number(teamId),
    firstOrderAt: firstOrderAt as string | null,
    lastOrderAt: lastOrderAt as string | null,
    orderCount: Number(orderCount),
    revenue: Number(revenue),
    margin: Number(margin),
    lastInteractionAt: lastInteractionAt as string | null,
    interactionCount: Number(interactionCount),
    updatedAt: updatedAt as string,
  };
}

/** The facts of a list of customers, packed. */
const manyFacts = packedCustomerRows('customer_facts', FACT_COLUMNS);

/** Reads of the per-customer aggregates; one indexed read, never a scan of orders. */
export class Facts {
  readonly #db: Kysely<CoreTables>;

  constructor(db: Kysely<CoreTables>) {
    this.#db = db;
  }

  async get(teamId: number, customerId: number): Promise<CustomerFacts> {
    const row = await factsOf.first(this.#db, { teamId, id: customerId });
    if (row === undefined) throw notFound('customer', 'customerId', customerId);
    return toFacts(row);
  }

  async many(teamId: number, customerIds: readonly number[]): Promise<CustomerFacts[]> {
    const facts: CustomerFacts[] = [];
    for (const chunk of chunked(customerIds, 500)) {
      const packed = await manyFacts.execute(this.#db, customerKeys(teamId, chunk));
      for (const values of unpackRows(packed)) facts.push(packedFacts(values));
    }
    return facts;
  }
}
