import type { CoreTables, Stage } from '@guanxi/core';
import type { Kysely } from 'kysely';

export interface TopCustomer {
  readonly id: number;
  readonly name: string;
  readonly stage: Stage;
  readonly orderCount: number;
  /** Minor units. */
  readonly revenue: number;
}

/** The team's customers with the most revenue, from the facts kept current on write. */
export async function topCustomers(
  db: Kysely<CoreTables>,
  teamId: number,
  limit: number,
): Promise<TopCustomer[]> {
  const rows = await db
    .selectFrom('customer_facts as f')
    .innerJoin('customers as c', 'c.id', 'f.customer_id')
    .select(['c.id', 'c.name', 'c.stage', 'f.order_count', 'f.revenue'])
    .where('f.team_id', '=', teamId)
    .where('f.revenue', '>', 0)
    .orderBy('f.revenue', 'desc')
    .orderBy('c.id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    stage: row.stage,
    orderCount: Number(row.order_count),
    revenue: Number(row.revenue),
  }));
}
