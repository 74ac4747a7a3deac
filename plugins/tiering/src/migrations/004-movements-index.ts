import type { Kysely } from 'kysely';

/**
 * For the console's movements page: the team's tier changes since a time, counted by from,
 * to and cause from the index alone.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the tables exist
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('tiering_changes_team_time')
    .on('tiering_changes')
    .columns(['team_id', 'changed_at', 'from_tier', 'to_tier', 'run_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the tables exist
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tiering_changes_team_time').execute();
}
