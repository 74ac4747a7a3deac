import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then
type AnyDb = Kysely<any>;

/** The team's churns and playbooks by time, so the console's reports read a range by index. */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex('winback_churns_churned')
    .on('winback_churns')
    .columns(['team_id', 'churned_at'])
    .execute();
  await db.schema
    .createIndex('winback_playbooks_created')
    .on('winback_playbooks')
    .columns(['team_id', 'created_at'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('winback_playbooks_created').execute();
  await db.schema.dropIndex('winback_churns_churned').execute();
}
