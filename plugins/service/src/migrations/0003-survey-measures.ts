import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then
type AnyDb = Kysely<any>;

/**
 * What a survey may also ask for the reports: whether the customer asked for the company by
 * name (1 or 0), how much of their need it met and what share of their spending on such
 * products comes to it (each 0–100 %); and the team's complaints and surveys by time, so a
 * report reads its range by index.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('service_surveys')
    .addColumn('by_name', 'integer', (c) => c.check(sql`by_name in (0, 1)`))
    .execute();
  await db.schema.alterTable('service_surveys').addColumn('needs_met', 'integer').execute();
  await db.schema.alterTable('service_surveys').addColumn('wallet_share', 'integer').execute();
  await db.schema
    .createIndex('service_complaints_opened')
    .on('service_complaints')
    .columns(['team_id', 'opened_at'])
    .execute();
  await db.schema
    .createIndex('service_surveys_answered')
    .on('service_surveys')
    .columns(['team_id', 'answered_at'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('service_surveys_answered').execute();
  await db.schema.dropIndex('service_complaints_opened').execute();
  for (const column of ['wallet_share', 'needs_met', 'by_name']) {
    await db.schema.alterTable('service_surveys').dropColumn(column).execute();
  }
}
