import { dialectOf } from '@guanxi/core';
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the tables exist
type AnyDb = Kysely<any>;

/**
 * SQLite: the customer index leads with the customer, so a lookup of many customers can use it
 * while the team test is kept off the ranking key (see `customersOfTeam`). PostgreSQL's primary
 * key (team, customer) already serves those lookups.
 */
export async function up(db: AnyDb): Promise<void> {
  if (dialectOf(db) !== 'sqlite') return;
  await sql`drop index tiering_values_customer`.execute(db);
  await sql`create unique index tiering_values_customer
    on tiering_values (customer_id, team_id)`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  if (dialectOf(db) !== 'sqlite') return;
  await sql`drop index tiering_values_customer`.execute(db);
  await sql`create unique index tiering_values_customer
    on tiering_values (team_id, customer_id)`.execute(db);
}
