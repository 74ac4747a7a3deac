import type { Kysely } from 'kysely';

/**
 * For the console's reports, which add up a range of days: a team's orders by the time they
 * were placed, holding the customer and the amount the sums read, so a range is one index
 * scan.
 */
// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('orders_team_id_placed_at_idx')
    .on('orders')
    .columns(['team_id', 'placed_at', 'customer_id', 'amount'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('orders_team_id_placed_at_idx').execute();
}
