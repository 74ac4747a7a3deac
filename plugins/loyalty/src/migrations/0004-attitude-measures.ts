import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then
type AnyDb = Kysely<any>;

/**
 * What an attitude survey may also ask for the loyalty report: the days the customer spent
 * choosing, their attitude to competitors and their tolerance of quality problems (each 1–5);
 * and attitudes and discount flags by time, so a report reads its range by index.
 */
export async function up(db: AnyDb): Promise<void> {
  for (const column of ['choosing_days', 'competitors', 'quality_tolerance']) {
    await db.schema.alterTable('loyalty_attitudes').addColumn(column, 'integer').execute();
  }
  await db.schema
    .createIndex('loyalty_attitudes_at')
    .on('loyalty_attitudes')
    .columns(['team_id', 'at'])
    .execute();
  await db.schema
    .createIndex('loyalty_discounts_at')
    .on('loyalty_discounts')
    .columns(['team_id', 'at'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('loyalty_discounts_at').execute();
  await db.schema.dropIndex('loyalty_attitudes_at').execute();
  for (const column of ['quality_tolerance', 'competitors', 'choosing_days']) {
    await db.schema.alterTable('loyalty_attitudes').dropColumn(column).execute();
  }
}
