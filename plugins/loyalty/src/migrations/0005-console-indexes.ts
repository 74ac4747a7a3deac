import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the tables exist
type AnyDb = Kysely<any>;

/**
 * For the console: a level's members (the level changes rarely, so earning, which rewrites
 * the balance, seldom touches this index), the team's redemptions, newest first, and the
 * unspent points by when they lapse with whose they are and how many, so the points to
 * lapse are added up from the index alone (the expiry job reads the same index by time).
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex('loyalty_ledger_lapsing')
    .on('loyalty_ledger')
    .columns(['team_id', 'expires_at', 'customer_id', 'remaining'])
    .where(sql.ref('remaining'), '>', 0)
    .execute();
  await db.schema.dropIndex('loyalty_ledger_unspent').execute();
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
  await db.schema
    .createIndex('loyalty_ledger_unspent')
    .on('loyalty_ledger')
    .columns(['team_id', 'expires_at'])
    .where(sql.ref('remaining'), '>', 0)
    .execute();
  await db.schema.dropIndex('loyalty_ledger_lapsing').execute();
}
