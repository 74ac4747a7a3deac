import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run before the tables exist
type AnyDb = Kysely<any>;

/**
 * How the stored fit's model was chosen (fits from before were all named by the setting), and
 * the team's latest backtest: its window, the model with the lowest holdout error, and every
 * model's figures as JSON.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('scoring_fits')
    .addColumn('selection', 'text', (c) => c.notNull().defaultTo('named'))
    .execute();
  await db.schema
    .createTable('scoring_backtests')
    .addColumn('team_id', 'bigint', (c) => c.primaryKey())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('until', 'text', (c) => c.notNull())
    .addColumn('holdout_end', 'text', (c) => c.notNull())
    .addColumn('best', 'text')
    .addColumn('results', 'text', (c) => c.notNull())
    .addColumn('ran_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('scoring_backtests').execute();
  await db.schema.alterTable('scoring_fits').dropColumn('selection').execute();
}
