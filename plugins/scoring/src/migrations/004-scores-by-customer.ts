import { dialectOf } from '@guanxi/core';
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the tables exist
type AnyDb = Kysely<any>;

/**
 * On SQLite, a customer's scores are kept together: the table is clustered by its key
 * (customer, scorer) instead of by rowid. A re-score rewrites every scorer's score of a
 * customer at once, and the card reads them at once; in rowid order each scorer's scores lay
 * where its first pass stored them, one page a scorer. PostgreSQL keeps its heap as it is.
 */
export async function up(db: AnyDb): Promise<void> {
  if (dialectOf(db) !== 'sqlite') return;
  await rebuild(db, sql`without rowid`);
}

export async function down(db: AnyDb): Promise<void> {
  if (dialectOf(db) !== 'sqlite') return;
  await rebuild(db, sql``);
}

async function rebuild(db: AnyDb, layout: ReturnType<typeof sql>): Promise<void> {
  await sql`create table scoring_scores_rebuilt (
    customer_id bigint not null,
    scorer text not null,
    team_id bigint not null,
    version text not null,
    value double precision not null,
    reasons text not null,
    scored_at text not null,
    constraint scoring_scores_pk primary key (customer_id, scorer)) ${layout}`.execute(db);
  await sql`insert into scoring_scores_rebuilt
    select customer_id, scorer, team_id, version, value, reasons, scored_at
    from scoring_scores order by customer_id, scorer`.execute(db);
  await db.schema.dropTable('scoring_scores').execute();
  await sql`alter table scoring_scores_rebuilt rename to scoring_scores`.execute(db);
}
