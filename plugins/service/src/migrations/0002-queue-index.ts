import { type Kysely, sql } from 'kysely';

/** For the console's queue: the team's open complaints by when their next step is due. */
// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('service_complaints_queue')
    .on('service_complaints')
    .columns(['team_id', 'due_at', 'id'])
    .where(sql.ref('closed_at'), 'is', null)
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('service_complaints_queue').execute();
}
