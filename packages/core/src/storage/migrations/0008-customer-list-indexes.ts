import type { Kysely } from 'kysely';

/**
 * For the console's customer list: a team's customers newest first (by id) and a rep's own
 * customers (by owner), each read by index rather than by sorting or scanning the team.
 */
// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('customers_team_id_id_idx')
    .on('customers')
    .columns(['team_id', 'id'])
    .execute();
  await db.schema
    .createIndex('customers_team_id_owner_user_id_idx')
    .on('customers')
    .columns(['team_id', 'owner_user_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('customers_team_id_owner_user_id_idx').execute();
  await db.schema.dropIndex('customers_team_id_id_idx').execute();
}
