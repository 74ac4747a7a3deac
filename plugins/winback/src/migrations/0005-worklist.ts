import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was then
type AnyDb = Kysely<any>;

/**
 * For the console's worklist: the active customers the last detection found past half the
 * way to churn, by tier and days since their last order, each with who checked in on them;
 * and the team's open playbooks by tier.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('winback_at_risk')
    .addColumn('team_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('tier', 'integer', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('p_alive', 'real')
    .addColumn('days_since', 'integer', (c) => c.notNull())
    .addColumn('threshold_days', 'real')
    .addColumn('run', 'bigint', (c) => c.notNull())
    .addColumn('assessed_at', 'text', (c) => c.notNull())
    .addColumn('checked_at', 'text')
    .addColumn('checked_by', 'text')
    .addPrimaryKeyConstraint('winback_at_risk_pk', ['team_id', 'customer_id'])
    .execute();
  await db.schema
    .createIndex('winback_at_risk_worklist')
    .on('winback_at_risk')
    .columns(['team_id', 'tier', 'days_since', 'customer_id'])
    .execute();
  await db.schema
    .createIndex('winback_playbooks_open')
    .on('winback_playbooks')
    .columns(['team_id', 'tier', 'id'])
    .where(sql.ref('status'), '=', 'open')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('winback_playbooks_open').execute();
  await db.schema.dropTable('winback_at_risk').execute();
}
