import type { Kysely } from 'kysely';

/**
 * Customer cards kept ready: each customer's rendered card per language, with the card and
 * settings versions it was built from and when the passing of time alone makes it stale.
 * A request serves the stored text as it is while both versions still match.
 */
// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('customer_cards')
    .addColumn('customer_id', 'bigint', (c) =>
      c.notNull().references('customers.id').onDelete('cascade'),
    )
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('card_version', 'bigint', (c) => c.notNull())
    .addColumn('settings_version', 'bigint', (c) => c.notNull())
    .addColumn('valid_until', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_cards_pk', ['customer_id', 'locale'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('customer_cards').execute();
}
