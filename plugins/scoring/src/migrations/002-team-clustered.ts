import { dialectOf } from '@guanxi/core';
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the tables exist
type AnyDb = Kysely<any>;

/**
 * Purchase days keyed (team, customer, day), clustered in that order on SQLite: a team's days
 * are read a page of customers at a time, in order, with no sort and no lookup per row. The
 * scores lose their (team, scorer, value) index, which nothing reads and every score wrote.
 */
export async function up(db: AnyDb): Promise<void> {
  const clustered = dialectOf(db) === 'sqlite' ? sql`without rowid` : sql``;
  await sql`create table scoring_purchase_days_by_team (
    team_id bigint not null,
    customer_id bigint not null,
    day text not null,
    amount bigint not null,
    primary key (team_id, customer_id, day)) ${clustered}`.execute(db);
  await sql`insert into scoring_purchase_days_by_team (team_id, customer_id, day, amount)
    select team_id, customer_id, day, amount from scoring_purchase_days`.execute(db);
  await db.schema.dropTable('scoring_purchase_days').execute();
  await sql`alter table scoring_purchase_days_by_team rename to scoring_purchase_days`.execute(db);
  await db.schema.dropIndex('scoring_scores_team').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex('scoring_scores_team')
    .on('scoring_scores')
    .columns(['team_id', 'scorer', 'value'])
    .execute();
  await sql`create table scoring_purchase_days_by_customer (
    customer_id bigint not null,
    team_id bigint not null,
    day text not null,
    amount bigint not null,
    constraint scoring_purchase_days_pk primary key (customer_id, day))`.execute(db);
  await sql`insert into scoring_purchase_days_by_customer (customer_id, team_id, day, amount)
    select customer_id, team_id, day, amount from scoring_purchase_days`.execute(db);
  await db.schema.dropTable('scoring_purchase_days').execute();
  await sql`alter table scoring_purchase_days_by_customer
    rename to scoring_purchase_days`.execute(db);
  await db.schema
    .createIndex('scoring_purchase_days_team')
    .on('scoring_purchase_days')
    .columns(['team_id', 'customer_id'])
    .execute();
}
