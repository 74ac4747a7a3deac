import { type Kysely, sql } from 'kysely';

/**
 * Each team's IANA time zone, in which its dates without a time and its days are read.
 * Existing teams get their locale's default: Beijing time for Chinese teams, else UTC.
 */
// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('teams')
    .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .execute();
  await db
    .updateTable('teams')
    .set({ time_zone: sql`case when locale = 'zh-CN' then 'Asia/Shanghai' else 'UTC' end` })
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('teams').dropColumn('time_zone').execute();
}
