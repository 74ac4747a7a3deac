import type { Kysely } from 'kysely';

/** A customer's tier changes, newest last, for their timeline in the console. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the tables exist
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('tiering_changes_customer')
    .on('tiering_changes')
    .columns(['customer_id', 'changed_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the tables exist
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tiering_changes_customer').execute();
}
