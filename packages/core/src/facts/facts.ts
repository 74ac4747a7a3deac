import type { Kysely, Selectable } from 'kysely';
import { notFound } from '../errors';
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
      const rows = await this.#db
        .selectFrom('customer_facts')
        .selectAll()
        .where('team_id', '=', teamId)
        .where('customer_id', 'in', chunk)
        .execute();
      facts.push(...rows.map(toFacts));
    }
    return facts;
  }
}
