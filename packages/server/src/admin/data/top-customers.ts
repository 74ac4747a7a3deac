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

/** The team's customers (a rep: their own) with the most revenue, from the facts kept on write. */
export async function topCustomers(
  db: Kysely<CoreTables>,
  teamId: number,
  limit: number,
  owner?: number,
): Promise<TopCustomer[]> {
  const rows = await db
    .selectFrom('customer_facts as f')
    .innerJoin('customers as c', 'c.id', 'f.customer_id')
    .select(['c.id', 'c.name', 'c.stage', 'f.order_count', 'f.revenue'])
    .where('f.team_id', '=', teamId)
    .where('f.revenue', '>', 0)
    .$if(owner !== undefined, (q) => q.where('c.owner_user_id', '=', owner as number))
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

/** Orders and revenue of the customers a member owns: a rep's own figures. */
export async function ownedTotals(
  db: Kysely<CoreTables>,
  teamId: number,
  owner: number,
): Promise<{ orders: number; revenue: number }> {
  const row = await db
    .selectFrom('customer_facts as f')
    .innerJoin('customers as c', 'c.id', 'f.customer_id')
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number | string>('f.order_count'), eb.lit(0)).as('orders'),
      eb.fn.coalesce(eb.fn.sum<number | string>('f.revenue'), eb.lit(0)).as('revenue'),
    ])
    .where('c.team_id', '=', teamId)
    .where('c.owner_user_id', '=', owner)
    .executeTakeFirstOrThrow();
  return { orders: Number(row.orders), revenue: Number(row.revenue) };
}
