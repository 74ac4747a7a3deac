import { dialectOf } from '@guanxi/core';
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the tables exist
type AnyDb = Kysely<any>;

/**
 * Scores clustered by customer on SQLite (`without rowid`, keyed customer then scorer). A
 * re-score rewrites all of a customer's scores at once; in a rowid table each score lies where
 * its scorer first stored it, a page apart from the customer's others, so a re-score wrote
 * about four pages a customer where one now does. PostgreSQL keeps its table as it is.
 */
export async function up(db: AnyDb): Promise<void> {
  if (dialectOf(db) === 'sqlite') await rebuildScores(db, sql`without rowid`);
}

export async function down(db: AnyDb): Promise<void> {
  if (dialectOf(db) === 'sqlite') await rebuildScores(db, sql``);
}

async function rebuildScores(db: AnyDb, clustering: ReturnType<typeof sql>): Promise<void> {
  await sql`create table scoring_scores_rebuilt (
    customer_id bigint not null,
    scorer text not null,
    team_id bigint not null,
    version text not null,
    value double precision not null,
    reasons text not null,
    scored_at text not null,
    constraint scoring_scores_pk primary key (customer_id, scorer)) ${clustering}`.execute(db);
  await sql`insert into scoring_scores_rebuilt
    select customer_id, scorer, team_id, version, value, reasons, scored_at
    from scoring_scores order by customer_id, scorer`.execute(db);
  await db.schema.dropTable('scoring_scores').execute();
  await sql`alter table scoring_scores_rebuilt rename to scoring_scores`.execute(db);
}
