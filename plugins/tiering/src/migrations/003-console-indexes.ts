import type { Kysely } from 'kysely';

/**
 * For the console: a customer's tier changes, newest last, for their timeline; and a tier's
 * customers, for the customer list's tier filter, read from the index alone.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the tables exist
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('tiering_changes_customer')
    .on('tiering_changes')
    .columns(['customer_id', 'changed_at'])
    .execute();
  await db.schema
    .createIndex('tiering_values_tier')
    .on('tiering_values')
    .columns(['team_id', 'tier', 'customer_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the tables exist
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tiering_values_tier').execute();
  await db.schema.dropIndex('tiering_changes_customer').execute();
}
