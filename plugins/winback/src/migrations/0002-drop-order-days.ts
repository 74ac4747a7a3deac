import type { Kysely } from 'kysely';

// Order days are read from the core's orders (`core.orders.days`) instead of a copy kept on
// every import.
// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('winback_order_days').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('winback_order_days')
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('winback_order_days_pk', ['team_id', 'customer_id', 'day'])
    .execute();
}
