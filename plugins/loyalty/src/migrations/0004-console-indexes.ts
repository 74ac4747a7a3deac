import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the tables exist
type AnyDb = Kysely<any>;

/**
 * For the console: a level's members (the level changes rarely, so earning, which rewrites
 * the balance, seldom touches this index) and the team's redemptions, newest first.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex('loyalty_accounts_level')
    .on('loyalty_accounts')
    .columns(['team_id', 'level', 'customer_id'])
    .execute();
  await db.schema
    .createIndex('loyalty_redemptions_team')
    .on('loyalty_redemptions')
    .columns(['team_id', 'id'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('loyalty_redemptions_team').execute();
  await db.schema.dropIndex('loyalty_accounts_level').execute();
}
