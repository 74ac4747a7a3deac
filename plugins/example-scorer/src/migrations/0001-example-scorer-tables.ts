import { withIdColumn } from '@guanxi/core';
import { type Kysely, sql } from 'kysely';

// No foreign keys to core tables: a plugin's schema refers to the core by id only.
// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  const id = withIdColumn(db);

  await db.schema
    .createTable('example_scorer_payments')
    .$call(id)
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('invoice_ref', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount >= 0`))
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('paid_at', 'text')
    .addColumn('days_late', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('example_scorer_payments_invoice')
    .on('example_scorer_payments')
    .columns(['team_id', 'invoice_ref'])
    .unique()
    .execute();
  await db.schema
    .createIndex('example_scorer_payments_customer')
    .on('example_scorer_payments')
    .columns(['team_id', 'customer_id'])
    .execute();

  await db.schema
    .createTable('example_scorer_discounts')
    .$call(id)
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('order_ref', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull().check(sql`amount >= 0`))
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('example_scorer_discounts_order')
    .on('example_scorer_discounts')
    .columns(['team_id', 'order_ref'])
    .unique()
    .execute();
  await db.schema
    .createIndex('example_scorer_discounts_customer')
    .on('example_scorer_discounts')
    .columns(['team_id', 'customer_id'])
    .execute();

  await db.schema
    .createTable('example_scorer_service_contacts')
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('inbound_count', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('example_scorer_service_contacts_pk', ['team_id', 'customer_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('example_scorer_service_contacts').execute();
  await db.schema.dropTable('example_scorer_discounts').execute();
  await db.schema.dropTable('example_scorer_payments').execute();
}
