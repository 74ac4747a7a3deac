import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the tables exist
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('scoring_purchase_days')
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('scoring_purchase_days_pk', ['customer_id', 'day'])
    .execute();
  await db.schema
    .createIndex('scoring_purchase_days_team')
    .on('scoring_purchase_days')
    .columns(['team_id', 'customer_id'])
    .execute();

  await db.schema
    .createTable('scoring_scores')
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('scorer', 'text', (c) => c.notNull())
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('scored_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('scoring_scores_pk', ['customer_id', 'scorer'])
    .execute();
  await db.schema
    .createIndex('scoring_scores_team')
    .on('scoring_scores')
    .columns(['team_id', 'scorer', 'value'])
    .execute();

  await db.schema
    .createTable('scoring_fits')
    .addColumn('team_id', 'bigint', (c) => c.primaryKey())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('until', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('log_likelihood', 'double precision', (c) => c.notNull())
    .addColumn('spend_params', 'text')
    .addColumn('customers', 'integer', (c) => c.notNull())
    .addColumn('repeat_buyers', 'integer', (c) => c.notNull())
    .addColumn('fitted_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('scoring_rfm_cuts')
    .addColumn('team_id', 'bigint', (c) => c.primaryKey())
    .addColumn('cuts', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .execute();
}
