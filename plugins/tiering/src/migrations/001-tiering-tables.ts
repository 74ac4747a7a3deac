import { dialectOf, withIdColumn } from '@guanxi/core';
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the tables exist
type AnyDb = Kysely<any>;

/**
 * Each customer's value, tier and ladder level. On SQLite the table is clustered by rank
 * order (team, value descending, customer), so ranking a team is one ordered walk and tier
 * updates write in place; PostgreSQL gets the same order as an index.
 */
async function createValues(db: AnyDb): Promise<void> {
  const columns = sql`
    team_id bigint not null,
    customer_id bigint not null,
    value double precision not null,
    tier text not null,
    previous_tier text,
    tier_since text not null,
    ladder text not null,
    order_count bigint not null,
    first_order_at text,
    last_order_at text,
    updated_at text not null`;
  if (dialectOf(db) === 'sqlite') {
    await sql`create table tiering_values (${columns},
      primary key (team_id, value desc, customer_id)) without rowid`.execute(db);
    await sql`create unique index tiering_values_customer
      on tiering_values (team_id, customer_id)`.execute(db);
  } else {
    await sql`create table tiering_values (${columns},
      primary key (team_id, customer_id))`.execute(db);
    await sql`create index tiering_values_rank
      on tiering_values (team_id, value desc, customer_id)`.execute(db);
  }
}

export async function up(db: AnyDb): Promise<void> {
  await createValues(db);

  await db.schema
    .createTable('tiering_thresholds')
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('boundary', 'text', (c) => c.notNull())
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('customers', 'bigint', (c) => c.notNull())
    .addColumn('rank', 'bigint', (c) => c.notNull())
    .addColumn('value', 'double precision')
    .addColumn('customer_id', 'bigint')
    .addColumn('margin', 'bigint', (c) => c.notNull())
    .addColumn('keep_above_value', 'double precision')
    .addColumn('keep_above_customer_id', 'bigint')
    .addColumn('keep_below_value', 'double precision')
    .addColumn('keep_below_customer_id', 'bigint')
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('tiering_thresholds_pk', ['team_id', 'boundary'])
    .execute();

  await db.schema
    .createTable('tiering_marks')
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('rank', 'bigint', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('tiering_marks_pk', ['team_id', 'rank'])
    .execute();
  await db.schema
    .createIndex('tiering_marks_key')
    .on('tiering_marks')
    .columns(['team_id', 'value desc', 'customer_id'])
    .execute();

  await db.schema
    .createTable('tiering_runs')
    .$call(withIdColumn(db))
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('customers', 'bigint', (c) => c.notNull())
    .addColumn('changed', 'bigint', (c) => c.notNull())
    .addColumn('hysteresis', 'integer', (c) => c.notNull())
    .addColumn('ran_at', 'text', (c) => c.notNull())
    .execute();

  // The log of tier changes, written in id order; a recompute reads its own run's rows back by
  // id, so the log needs no index of its own (the card reads the last change from the value).
  await db.schema
    .createTable('tiering_changes')
    .$call(withIdColumn(db))
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('run_id', 'bigint')
    .addColumn('from_tier', 'text', (c) => c.notNull())
    .addColumn('to_tier', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('rank', 'bigint')
    .addColumn('threshold', 'double precision')
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    'tiering_changes',
    'tiering_runs',
    'tiering_marks',
    'tiering_thresholds',
    'tiering_values',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
